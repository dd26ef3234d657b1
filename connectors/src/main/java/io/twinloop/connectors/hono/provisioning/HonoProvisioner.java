package io.twinloop.connectors.hono.provisioning;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.connectors.hono.provisioning.ProvisioningPlan.Action;
import io.twinloop.connectors.hono.provisioning.ProvisioningPlan.DeviceStep;
import io.twinloop.connectors.hono.provisioning.ProvisioningPlan.TenantStep;
import io.twinloop.connectors.hono.provisioning.ProvisioningReport.DeviceOutcome;
import io.twinloop.connectors.hono.provisioning.ProvisioningReport.TenantOutcome;

/**
 * Brings Hono's device registry in line with the devices the AAS declares, in two steps: {@link #plan} reads the
 * registry (tenants, registrations, credentials) and decides what to send; {@link #apply} sends it. Idempotent: what
 * is already there as the AAS says is kept and not written again, so a second run sends only reads.
 *
 * <ul>
 * <li>A missing tenant is created with Hono's defaults; an existing one is never changed.</li>
 * <li>A missing device is created, enabled, with the AAS link in its {@code ext} ({@link DeviceRegistration}); an
 * existing one is updated only when that link differs, keeping everything else.</li>
 * <li>A device without a {@code hashed-password} credential for its auth-id gets one with a generated password
 * ({@code pwd-plain}, which Hono hashes); an existing one is kept, or given a new password when rotating. The
 * device's other credentials are sent back as read, so they stay.</li>
 * </ul>
 *
 * <p>Errors: a failed read stops the plan before anything is written. While applying, a refused write fails that
 * device (its credentials are then not attempted) and the run goes on with the next; a failed tenant makes its
 * devices not attempted; an unreachable registry stops the run, the rest not attempted. Generated passwords go only
 * into the {@link SecretsFile}, and only those the registry accepted.
 */
public final class HonoProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(HonoProvisioner.class);
    private static final String HASHED_PASSWORD = "hashed-password";
    private static final int SECRET_BYTES = 24;

    private final HonoRegistryClient registry;
    private final SecureRandom random = new SecureRandom();

    private HonoProvisioner(final HonoRegistryClient registry) {
        this.registry = registry;
    }

    public static HonoProvisioner of(final HonoRegistryConfig config) {
        return new HonoProvisioner(HonoRegistryClient.of(config));
    }

    /**
     * Reads what the registry has for these devices and decides what to send. Sends only GET requests.
     *
     * @param rotateSecrets give devices that have a hashed-password credential for their auth-id a new password
     * @throws RegistryException if a read fails: nothing has been written
     */
    public ProvisioningPlan plan(final DeviceDeclarations declarations, final boolean rotateSecrets) {
        final Set<String> tenantIds = new LinkedHashSet<>();
        declarations.devices().forEach(device -> tenantIds.add(device.tenantId()));
        final List<TenantStep> tenants = new ArrayList<>();
        for (final String tenantId : tenantIds) {
            tenants.add(new TenantStep(tenantId, registry.tenant(tenantId).isPresent() ? Action.KEEP : Action.CREATE));
        }
        final List<DeviceStep> devices = new ArrayList<>();
        for (final DeviceDeclaration device : declarations.devices()) {
            devices.add(planDevice(device, rotateSecrets));
        }
        return new ProvisioningPlan(tenants, devices);
    }

    private DeviceStep planDevice(final DeviceDeclaration device, final boolean rotateSecrets) {
        final Optional<HonoRegistryClient.Resource> existing = registry.device(device.tenantId(), device.deviceId());
        if (existing.isEmpty()) {
            return new DeviceStep(device, Action.CREATE, DeviceRegistration.forNewDevice(device), Optional.empty(),
                    Action.CREATE, JsonNodeFactory.instance.arrayNode(), Optional.empty());
        }
        final Optional<ObjectNode> update = DeviceRegistration.updateOf(device, existing.get().body());
        final Optional<HonoRegistryClient.Resource> credentials = registry.credentials(device.tenantId(),
                device.deviceId());
        final ArrayNode asRead = credentials.map(c -> c.body()).filter(JsonNode::isArray)
                .map(body -> ((ArrayNode) body).deepCopy()).orElseGet(JsonNodeFactory.instance::arrayNode);
        final Action credentialsAction = findPassword(asRead, device.authId()).isEmpty() ? Action.CREATE
                : rotateSecrets ? Action.ROTATE : Action.KEEP;
        return new DeviceStep(device, update.isPresent() ? Action.UPDATE : Action.KEEP,
                update.orElseGet(() -> existing.get().body().isObject() ? (ObjectNode) existing.get().body()
                        : JsonNodeFactory.instance.objectNode()),
                existing.get().etag(), credentialsAction, asRead, credentials.flatMap(c -> c.etag()));
    }

    /**
     * Sends what the plan says. The secrets file must be given when {@link ProvisioningPlan#generatesSecrets()};
     * the passwords the registry accepted are written into it at the end (and the file removed if there are none).
     */
    public ProvisioningReport apply(final ProvisioningPlan plan, final SecretsFile secretsFile) {
        if (plan.generatesSecrets() && secretsFile == null) {
            throw new IllegalArgumentException("the plan generates secrets: a secrets file is needed");
        }
        final List<DeviceSecret> secrets = new ArrayList<>();
        final List<TenantOutcome> tenantOutcomes = new ArrayList<>();
        final List<DeviceOutcome> deviceOutcomes = new ArrayList<>();
        String stopped = null;
        try {
            final Set<String> failedTenants = new LinkedHashSet<>();
            for (final TenantStep tenant : plan.tenants()) {
                if (stopped != null) {
                    tenantOutcomes.add(new TenantOutcome(tenant.tenantId(), Change.NOT_ATTEMPTED,
                            Optional.of(stopped)));
                    failedTenants.add(tenant.tenantId());
                    continue;
                }
                try {
                    final TenantOutcome outcome = applyTenant(tenant);
                    tenantOutcomes.add(outcome);
                } catch (RegistryException e) {
                    tenantOutcomes.add(new TenantOutcome(tenant.tenantId(), Change.FAILED,
                            Optional.of(e.getMessage())));
                    failedTenants.add(tenant.tenantId());
                    LOG.warn("Hono tenant {} failed: {}", tenant.tenantId(), e.getMessage());
                    if (e.isUnreachable()) {
                        stopped = "not attempted, the registry could not be reached";
                    }
                }
            }
            for (final DeviceStep step : plan.devices()) {
                if (stopped != null) {
                    deviceOutcomes.add(new DeviceOutcome(step.device(), Change.NOT_ATTEMPTED, Change.NOT_ATTEMPTED,
                            Optional.of(stopped)));
                } else if (failedTenants.contains(step.device().tenantId())) {
                    deviceOutcomes.add(new DeviceOutcome(step.device(), Change.NOT_ATTEMPTED, Change.NOT_ATTEMPTED,
                            Optional.of("not attempted, its tenant '" + step.device().tenantId() + "' failed")));
                } else {
                    final Applied applied = applyDevice(step, secrets);
                    deviceOutcomes.add(applied.outcome());
                    if (applied.unreachable()) {
                        stopped = "not attempted, the registry could not be reached";
                    }
                }
            }
        } finally {
            if (secretsFile != null) {
                if (secrets.isEmpty()) {
                    secretsFile.discard();
                } else {
                    secretsFile.write(registry.config().baseUri().toString(), secrets);
                    LOG.info("Hono provisioning: passwords of {} device(s) written to {}", secrets.size(),
                            secretsFile.path());
                }
            }
        }
        return new ProvisioningReport(tenantOutcomes, deviceOutcomes, secrets.size());
    }

    private TenantOutcome applyTenant(final TenantStep tenant) {
        if (tenant.action() == Action.KEEP) {
            LOG.info("Hono tenant {} kept (exists)", tenant.tenantId());
            return new TenantOutcome(tenant.tenantId(), Change.KEPT, Optional.empty());
        }
        final boolean created = registry.createTenant(tenant.tenantId());
        LOG.info("Hono tenant {} {}", tenant.tenantId(), created ? "created" : "kept (created meanwhile)");
        return new TenantOutcome(tenant.tenantId(), created ? Change.CREATED : Change.KEPT, Optional.empty());
    }

    /** A device's outcome, and whether the registry could not be reached (then the run stops). */
    private record Applied(DeviceOutcome outcome, boolean unreachable) {
    }

    private Applied applyDevice(final DeviceStep step, final List<DeviceSecret> secrets) {
        final DeviceDeclaration device = step.device();
        final Change registration;
        try {
            registration = switch (step.registration()) {
                case CREATE -> {
                    registry.createDevice(device.tenantId(), device.deviceId(), step.registrationBody());
                    yield Change.CREATED;
                }
                case UPDATE -> {
                    registry.updateDevice(device.tenantId(), device.deviceId(), step.registrationBody(),
                            step.registrationVersion());
                    yield Change.UPDATED;
                }
                default -> Change.KEPT;
            };
        } catch (RegistryException e) {
            return failed(new DeviceOutcome(device, Change.FAILED, Change.NOT_ATTEMPTED,
                    Optional.of("registration: " + e.getMessage())), e);
        }
        if (step.credentials() == Action.KEEP) {
            return logged(new DeviceOutcome(device, registration, Change.KEPT, Optional.empty()));
        }
        final String password = newPassword();
        try {
            registry.setCredentials(device.tenantId(), device.deviceId(),
                    withPassword(step.credentialsAsRead(), device.authId(), password), step.credentialsVersion());
        } catch (RegistryException e) {
            return failed(new DeviceOutcome(device, registration, Change.FAILED,
                    Optional.of("credentials: " + e.getMessage())), e);
        }
        final Change credentials = step.credentials() == Action.ROTATE ? Change.ROTATED : Change.CREATED;
        secrets.add(new DeviceSecret(device, password, credentials));
        return logged(new DeviceOutcome(device, registration, credentials, Optional.empty()));
    }

    private static Applied logged(final DeviceOutcome outcome) {
        LOG.info("Hono device {}: {}", outcome.device().describe(), outcome.describe());
        return new Applied(outcome, false);
    }

    private static Applied failed(final DeviceOutcome outcome, final RegistryException cause) {
        LOG.warn("Hono device {}: {}", outcome.device().describe(), outcome.describe());
        return new Applied(outcome, cause.isUnreachable());
    }

    /** The credentials as read, with the device's hashed-password credential for the auth-id given this password. */
    static ArrayNode withPassword(final ArrayNode asRead, final String authId, final String password) {
        final ArrayNode result = JsonNodeFactory.instance.arrayNode();
        boolean replaced = false;
        for (final JsonNode credential : asRead) {
            if (!replaced && isPasswordOf(credential, authId)) {
                final ObjectNode renewed = ((ObjectNode) credential).deepCopy();
                renewed.set("secrets", secretsWith(password));
                result.add(renewed);
                replaced = true;
            } else {
                result.add(credential.deepCopy());
            }
        }
        if (!replaced) {
            final ObjectNode credential = result.addObject();
            credential.put("type", HASHED_PASSWORD);
            credential.put("auth-id", authId);
            credential.put("enabled", true);
            credential.set("secrets", secretsWith(password));
        }
        return result;
    }

    /** A secret without {@code id}: a patch-mode registry gives it a new id and drops the credential's old secrets. */
    private static ArrayNode secretsWith(final String password) {
        final ArrayNode secrets = JsonNodeFactory.instance.arrayNode();
        secrets.addObject().put("pwd-plain", password);
        return secrets;
    }

    private static Optional<JsonNode> findPassword(final ArrayNode credentials, final String authId) {
        for (final JsonNode credential : credentials) {
            if (isPasswordOf(credential, authId)) {
                return Optional.of(credential);
            }
        }
        return Optional.empty();
    }

    private static boolean isPasswordOf(final JsonNode credential, final String authId) {
        return credential.isObject() && HASHED_PASSWORD.equals(credential.path("type").asText())
                && authId.equals(credential.path("auth-id").asText());
    }

    /** 24 random bytes, base64url: 32 characters, well within bcrypt's 72-byte input. */
    private String newPassword() {
        final byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
