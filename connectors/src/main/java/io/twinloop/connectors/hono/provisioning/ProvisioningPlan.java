package io.twinloop.connectors.hono.provisioning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What provisioning will send, decided from one read of the registry: per tenant whether to create it, per device
 * what to do with its registration and its hashed-password credential, with the versions read (sent back as
 * {@code If-Match}). Made by {@link HonoProvisioner#plan}; carried out by {@link HonoProvisioner#apply}, or only
 * shown ({@code --dry-run}).
 */
public record ProvisioningPlan(List<TenantStep> tenants, List<DeviceStep> devices) {

    public ProvisioningPlan {
        tenants = List.copyOf(tenants);
        devices = List.copyOf(devices);
    }

    /** What to do with one resource. */
    public enum Action {
        CREATE, UPDATE, ROTATE, KEEP;

        /** {@code create}, ... as printed. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param action {@link Action#CREATE} or {@link Action#KEEP} (an existing tenant is never changed) */
    public record TenantStep(String tenantId, Action action) {
        public TenantStep {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * @param device the device as the AAS declares it
     * @param registration create, update (the AAS link differs) or keep
     * @param registrationBody what to send for create or update (the registration as read, for keep)
     * @param registrationVersion the registration's version as read (for update)
     * @param credentials create (no hashed-password credential for the auth-id), rotate ({@code --rotate-secrets}) or
     * keep
     * @param credentialsAsRead the device's credentials as read; all but the one replaced or added are sent back
     * unchanged
     * @param credentialsVersion the credentials' version as read
     */
    public record DeviceStep(DeviceDeclaration device, Action registration, ObjectNode registrationBody,
            Optional<String> registrationVersion, Action credentials, ArrayNode credentialsAsRead,
            Optional<String> credentialsVersion) {

        public DeviceStep {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(registrationBody, "registrationBody");
            Objects.requireNonNull(registrationVersion, "registrationVersion");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(credentialsAsRead, "credentialsAsRead");
            Objects.requireNonNull(credentialsVersion, "credentialsVersion");
        }

        /** {@code registration create, credentials create (auth-id press-01)}. */
        public String describe() {
            return "registration " + registration.label() + ", credentials " + credentials.label() + " (auth-id "
                    + device.authId() + ")";
        }
    }

    /** Whether applying this plan generates at least one password (and so needs a {@link SecretsFile}). */
    public boolean generatesSecrets() {
        return devices.stream().anyMatch(step -> step.credentials() != Action.KEEP);
    }

    /** Whether applying it would send nothing at all. */
    public boolean changesNothing() {
        return tenants.stream().allMatch(t -> t.action() == Action.KEEP)
                && devices.stream().allMatch(d -> d.registration() == Action.KEEP && d.credentials() == Action.KEEP);
    }
}
