package io.twinloop.connectors.hono;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.connectors.interfaces.HonoInterface;

/**
 * The devices behind Hono that the configured twins name, by tenant and device id; read from the twins' AAS at
 * start. Two twins naming the same device are an error in the AAS: the first keeps it.
 */
final class HonoDevices {

    private final Map<String, HonoInterface> byDevice = new ConcurrentHashMap<>();

    /** Adds the interface; returns the twin that already has this device, if one does. */
    Optional<ThingId> add(final HonoInterface iface) {
        final HonoInterface before = byDevice.putIfAbsent(key(iface.tenantId(), iface.deviceId()), iface);
        return before == null || before.thingId().equals(iface.thingId()) ? Optional.empty()
                : Optional.of(before.thingId());
    }

    Optional<HonoInterface> find(final String tenantId, final String deviceId) {
        return Optional.ofNullable(byDevice.get(key(tenantId, deviceId)));
    }

    Set<String> tenants() {
        final Set<String> tenants = new TreeSet<>();
        byDevice.values().forEach(i -> tenants.add(i.tenantId()));
        return tenants;
    }

    Collection<HonoInterface> all() {
        return List.copyOf(byDevice.values());
    }

    private static String key(final String tenantId, final String deviceId) {
        return tenantId + "\u0000" + deviceId;
    }
}
