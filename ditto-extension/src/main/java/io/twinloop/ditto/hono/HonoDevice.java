package io.twinloop.ditto.hono;

import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * A device behind Eclipse Hono and its twin, as the asset's AAS declares it: the shell's
 * {@code specificAssetIds} {@code HonoTenantId} and {@code HonoDeviceId} (the convention of module connectors'
 * Hono provisioning) and the data points its AID and AIMC map.
 */
public record HonoDevice(String tenantId, String deviceId, ThingId thingId, List<HonoDataPoint> dataPoints) {

    public HonoDevice {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(thingId, "thingId");
        dataPoints = List.copyOf(dataPoints);
    }

    /** {@code <tenant>/<device id>}, as logs and errors name the device. */
    public String device() {
        return tenantId + "/" + deviceId;
    }
}
