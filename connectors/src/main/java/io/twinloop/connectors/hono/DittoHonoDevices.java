package io.twinloop.connectors.hono;

import java.util.List;

import io.twinloop.connectors.interfaces.HonoInterface;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.ditto.hono.HonoDataPoint;
import io.twinloop.ditto.hono.HonoDevice;

/**
 * The devices the assets' AAS declare (read by {@link io.twinloop.connectors.interfaces.AssetInterfacesReader}) as
 * the input of module ditto-extension's Hono connection generator
 * ({@link io.twinloop.ditto.hono.HonoConnectionDefinition}). One derivation for {@code twinloop ditto provision}
 * (cli) and {@code HonoMappingParityTest}, so the connection Ditto gets is the one the parity test checks.
 */
public final class DittoHonoDevices {

    private DittoHonoDevices() {
    }

    public static HonoDevice of(final HonoInterface iface) {
        return new HonoDevice(iface.tenantId(), iface.deviceId(), iface.thingId(),
                iface.mappings().stream().map(DittoHonoDevices::point).toList());
    }

    public static List<HonoDevice> of(final List<HonoInterface> interfaces) {
        return interfaces.stream().map(DittoHonoDevices::of).toList();
    }

    private static HonoDataPoint point(final Mapping mapping) {
        return new HonoDataPoint(mapping.source().name(), mapping.sink().featureId(), mapping.sink().property(),
                mapping.sink().valueType(), mapping.source().type(), mapping.source().itemType(),
                mapping.source().bounds().map(b -> new HonoDataPoint.Bounds(b.min(), b.max())),
                mapping.source().allowedValues(), mapping.writesToDevice());
    }
}
