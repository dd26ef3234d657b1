package io.twinloop.connectors.hono.provisioning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provisioning run did, per tenant and per device, and where the generated secrets went.
 *
 * @param tenants one outcome per tenant
 * @param devices one outcome per device, in the order of the AAS shells
 * @param secretsWritten how many devices' new passwords are in the secrets file
 */
public record ProvisioningReport(List<TenantOutcome> tenants, List<DeviceOutcome> devices, int secretsWritten) {

    public ProvisioningReport {
        tenants = List.copyOf(tenants);
        devices = List.copyOf(devices);
    }

    /** @param problem why it failed or was not attempted */
    public record TenantOutcome(String tenantId, Change change, Optional<String> problem) {
        public TenantOutcome {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** @param problem why something failed or was not attempted */
    public record DeviceOutcome(DeviceDeclaration device, Change registration, Change credentials,
            Optional<String> problem) {
        public DeviceOutcome {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(problem, "problem");
        }

        public boolean failed() {
            return problem.isPresent();
        }

        /** {@code registration created, credentials created (auth-id press-01)}, and the problem if any. */
        public String describe() {
            return "registration " + registration.label() + ", credentials " + credentials.label() + " (auth-id "
                    + device.authId() + ")" + problem.map(p -> ": " + p).orElse("");
        }
    }

    /** Whether anything failed or was not attempted. */
    public boolean failed() {
        return tenants.stream().anyMatch(t -> t.problem().isPresent())
                || devices.stream().anyMatch(DeviceOutcome::failed);
    }

    /**
     * {@code tenants: 1 created, 0 kept, 0 failed; devices: 3, 1 failed; registrations: 2 created, 0 updated, 0 kept;
     * credentials: 2 created, 0 rotated, 0 kept}.
     */
    public String summary() {
        return "tenants: " + countTenants(Change.CREATED) + " created, " + countTenants(Change.KEPT) + " kept, "
                + (tenants.size() - countTenants(Change.CREATED) - countTenants(Change.KEPT)) + " failed; devices: "
                + devices.size() + ", " + devices.stream().filter(DeviceOutcome::failed).count() + " failed; "
                + "registrations: " + countRegistrations(Change.CREATED) + " created, "
                + countRegistrations(Change.UPDATED) + " updated, " + countRegistrations(Change.KEPT) + " kept; "
                + "credentials: " + countCredentials(Change.CREATED) + " created, " + countCredentials(Change.ROTATED)
                + " rotated, " + countCredentials(Change.KEPT) + " kept";
    }

    private long countTenants(final Change change) {
        return tenants.stream().filter(t -> t.change() == change).count();
    }

    private long countRegistrations(final Change change) {
        return devices.stream().filter(d -> d.registration() == change).count();
    }

    private long countCredentials(final Change change) {
        return devices.stream().filter(d -> d.credentials() == change).count();
    }
}
