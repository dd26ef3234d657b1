package io.twinloop.connectors.interfaces;

import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * An interface of an asset that is a device behind Eclipse Hono, as its AAS describes it: the AID interface whose
 * {@code EndpointMetadata/base} is a Hono protocol adapter ({@code mqtt://}, {@code mqtts://}, {@code http://},
 * {@code https://}), the device's identity in Hono from the shell's {@code assetInformation.specificAssetIds}
 * ({@code HonoTenantId}, {@code HonoDeviceId}), and the data points the AIMC maps.
 *
 * @param thingId the twin
 * @param name the interface's idShort in the AID
 * @param endpoint {@code EndpointMetadata/base}, the adapter the device talks to (informative: the connector reads
 *         Hono's Kafka topics, not the adapter)
 * @param tenantId the Hono tenant
 * @param deviceId the Hono device id
 */
public record HonoInterface(ThingId thingId, String name, String endpoint, String tenantId, String deviceId,
        List<Mapping> mappings) {

    public HonoInterface {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        mappings = List.copyOf(mappings);
    }

    /** {@code <tenant>/<device id>}, as logs and reports name the device. */
    public String device() {
        return tenantId + "/" + deviceId;
    }
}
