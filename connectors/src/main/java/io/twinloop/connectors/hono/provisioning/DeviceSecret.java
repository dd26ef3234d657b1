package io.twinloop.connectors.hono.provisioning;

import java.util.Objects;

/**
 * A password that provisioning generated and the registry accepted for a device. Goes only into the operator's
 * {@link SecretsFile}; {@link #toString()} never shows it, so it cannot slip into a log line.
 *
 * @param device the device
 * @param password the clear-text password (Hono stores only its hash)
 * @param change {@link Change#CREATED} for a new credential, {@link Change#ROTATED} for a replaced one
 */
public record DeviceSecret(DeviceDeclaration device, String password, Change change) {

    public DeviceSecret {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(change, "change");
    }

    /** The user name a device presents to Hono's MQTT and HTTP adapters: {@code auth-id@tenant}. */
    public String username() {
        return device.authId() + "@" + device.tenantId();
    }

    @Override
    public String toString() {
        return "DeviceSecret[" + device.key() + ", auth-id " + device.authId() + ", " + change.label()
                + ", password ***]";
    }
}
