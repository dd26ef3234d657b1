package io.twinloop.connectors.hono.provisioning;

import java.util.Objects;

/**
 * One device as an asset's AAS declares it: the Hono tenant and device id, and the auth-id its hashed-password
 * credential is registered under. Made only by {@link DeviceDeclarations}, which has checked the ids against Hono's
 * rules.
 *
 * @param tenantId the Hono tenant ({@code HonoTenantId})
 * @param deviceId the Hono device id ({@code HonoDeviceId})
 * @param authId the auth-id of the device's hashed-password credential ({@code HonoAuthId}, default the device id)
 * @param origin the shell that declares the device
 */
public record DeviceDeclaration(String tenantId, String deviceId, String authId, ShellOrigin origin) {

    public DeviceDeclaration {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(authId, "authId");
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code tenant/device}, the way Hono's adapters and logs name a device. */
    public String key() {
        return tenantId + "/" + deviceId;
    }

    /** {@code factory-a/press-01 (shell 'Press01' (urn:..) in plant.aas.json)}. */
    public String describe() {
        return key() + " (" + origin.describe() + ")";
    }
}
