package io.twinloop.connectors.hono.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.connectors.hono.provisioning.ProvisioningPlan.Action;
import io.twinloop.connectors.hono.provisioning.ProvisioningReport.DeviceOutcome;

/** Provisioning against the stand-in registry over a real socket: idempotency, rotation, errors, secrets. */
class HonoProvisionerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private StandInHonoRegistry registry;
    private DeviceDeclarations plant;

    @BeforeEach
    void start() throws IOException {
        registry = StandInHonoRegistry.start();
        plant = DeviceDeclarations.fromPackages(List.of(HonoShells.environment()
                .device("Press01", "factory-a", "press-01", null)
                .device("Cnc01", "factory-a", "demo:CNC01", "cnc-01")
                .device("Robot01", "factory-b", "robot-01", null)
                .shell("Conveyor", "serialNumber", "C-1")
                .read(tmp.resolve("plant.aas.json"))));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private HonoProvisioner provisioner() {
        return HonoProvisioner.of(HonoRegistryConfig.builder(registry.uri()).build());
    }

    private ProvisioningReport provision(final boolean rotate, final Path secrets) {
        final HonoProvisioner provisioner = provisioner();
        final ProvisioningPlan plan = provisioner.plan(plant, rotate);
        return provisioner.apply(plan, plan.generatesSecrets() ? SecretsFile.createNew(secrets) : null);
    }

    private static JsonNode read(final Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static String passwordOf(final JsonNode secrets, final String deviceId) {
        for (final JsonNode device : secrets.path("devices")) {
            if (deviceId.equals(device.path("deviceId").asText())) {
                return device.path("password").asText();
            }
        }
        throw new AssertionError("no secret for " + deviceId + " in " + secrets);
    }

    @Test
    void firstRunCreatesEverythingAndASecondRunOnlyReads() throws IOException {
        final Path secrets = tmp.resolve("secrets.json");

        final ProvisioningReport first = provision(false, secrets);

        assertThat(first.failed()).as(first.summary()).isFalse();
        assertThat(first.tenants()).extracting(t -> t.tenantId() + " " + t.change().label())
                .containsExactly("factory-a created", "factory-b created");
        assertThat(first.devices()).extracting(d -> d.device().key() + " " + d.describe()).containsExactly(
                "factory-a/press-01 registration created, credentials created (auth-id press-01)",
                "factory-a/demo:CNC01 registration created, credentials created (auth-id cnc-01)",
                "factory-b/robot-01 registration created, credentials created (auth-id robot-01)");
        assertThat(first.secretsWritten()).isEqualTo(3);
        assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        final JsonNode written = read(secrets);
        assertThat(written.path("registry").asText()).isEqualTo(registry.uri().toString());
        assertThat(written.path("devices")).hasSize(3);
        final JsonNode cnc = written.path("devices").get(1);
        assertThat(cnc.path("username").asText()).isEqualTo("cnc-01@factory-a");
        assertThat(cnc.path("shellId").asText()).isEqualTo("urn:twinloop:test:Cnc01");
        assertThat(registry.checkPassword("factory-a", "press-01", passwordOf(written, "press-01"))).isTrue();
        assertThat(registry.checkPassword("factory-a", "cnc-01", passwordOf(written, "demo:CNC01"))).isTrue();
        assertThat(registry.checkPassword("factory-b", "robot-01", passwordOf(written, "robot-01"))).isTrue();
        assertThat(registry.checkPassword("factory-b", "robot-01", "guess")).isFalse();
        final JsonNode registration = registry.registration("factory-a", "press-01").orElseThrow();
        assertThat(registration.path("enabled").asBoolean()).isTrue();
        assertThat(registration.path("ext").path("aas-shell-id").asText()).isEqualTo("urn:twinloop:test:Press01");
        assertThat(registration.path("ext").path("aas-global-asset-id").asText())
                .isEqualTo("urn:twinloop:test:asset:Press01");

        registry.clearRequests();
        final Path secondSecrets = tmp.resolve("second.json");
        final ProvisioningPlan again = provisioner().plan(plant, false);
        assertThat(again.changesNothing()).isTrue();
        assertThat(again.generatesSecrets()).isFalse();
        final ProvisioningReport second = provisioner().apply(again, null);

        assertThat(second.failed()).isFalse();
        assertThat(second.tenants()).allSatisfy(t -> assertThat(t.change()).isEqualTo(Change.KEPT));
        assertThat(second.devices()).allSatisfy(d -> {
            assertThat(d.registration()).isEqualTo(Change.KEPT);
            assertThat(d.credentials()).isEqualTo(Change.KEPT);
        });
        assertThat(second.summary()).isEqualTo("tenants: 0 created, 2 kept, 0 failed; devices: 3, 0 failed; "
                + "registrations: 0 created, 0 updated, 3 kept; credentials: 0 created, 0 rotated, 3 kept");
        assertThat(registry.writes()).isEmpty();
        assertThat(registry.requests()).contains("GET /v1/tenants/factory-a", "GET /v1/devices/factory-a/demo:CNC01",
                "GET /v1/credentials/factory-b/robot-01");
        assertThat(secondSecrets).doesNotExist();
        assertThat(registry.checkPassword("factory-a", "press-01", passwordOf(written, "press-01"))).isTrue();
    }

    @Test
    void rotationGivesNewPasswordsAndKeepsTheDevicesOtherCredentials() throws IOException {
        final Path firstFile = tmp.resolve("first.json");
        final JsonNode first = read(secretsAfter(provision(false, firstFile), firstFile));
        final ObjectNode psk = JSON.createObjectNode().put("type", "psk").put("auth-id", "press-01-psk");
        psk.putArray("secrets").addObject().put("key", "c2VjcmV0a2V5");
        registry.addCredentialDirectly("factory-a", "press-01", psk);

        final ProvisioningReport rotated = provision(true, tmp.resolve("rotated.json"));

        assertThat(rotated.failed()).as(rotated.summary()).isFalse();
        assertThat(rotated.devices()).allSatisfy(d -> {
            assertThat(d.registration()).isEqualTo(Change.KEPT);
            assertThat(d.credentials()).isEqualTo(Change.ROTATED);
        });
        final JsonNode second = read(tmp.resolve("rotated.json"));
        assertThat(second.path("devices").get(0).path("change").asText()).isEqualTo("rotated");
        final String oldPassword = passwordOf(first, "press-01");
        final String newPassword = passwordOf(second, "press-01");
        assertThat(newPassword).isNotEqualTo(oldPassword);
        assertThat(registry.checkPassword("factory-a", "press-01", newPassword)).isTrue();
        assertThat(registry.checkPassword("factory-a", "press-01", oldPassword)).isFalse();
        final JsonNode stored = registry.storedCredentials("factory-a", "press-01");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).path("type").asText()).isEqualTo("psk");
        assertThat(stored.get(1).path("secrets").get(0).path("key").asText()).isEqualTo("c2VjcmV0a2V5");
    }

    private static Path secretsAfter(final ProvisioningReport report, final Path file) {
        assertThat(report.failed()).as(report.summary()).isFalse();
        return file;
    }

    @Test
    void aRegistrationThatLostItsAasLinkIsUpdatedKeepingWhatTheOperatorSet() {
        provision(false, tmp.resolve("first.json"));
        final ObjectNode changed = JSON.createObjectNode().put("enabled", false);
        changed.putObject("ext").put("aas-shell-id", "urn:somewhere:else").put("owner", "maintenance");
        changed.putObject("defaults").put("ttl", 30);
        registry.replaceRegistrationDirectly("factory-a", "press-01", changed);

        final ProvisioningPlan plan = provisioner().plan(plant, false);
        assertThat(plan.devices().get(0).registration()).isEqualTo(Action.UPDATE);
        assertThat(plan.devices().get(1).registration()).isEqualTo(Action.KEEP);
        final ProvisioningReport report = provisioner().apply(plan, null);

        assertThat(report.devices().get(0).registration()).isEqualTo(Change.UPDATED);
        assertThat(report.summary()).contains("registrations: 0 created, 1 updated, 2 kept");
        final JsonNode registration = registry.registration("factory-a", "press-01").orElseThrow();
        assertThat(registration.path("enabled").asBoolean()).isFalse();
        assertThat(registration.path("defaults").path("ttl").asInt()).isEqualTo(30);
        assertThat(registration.path("ext").path("owner").asText()).isEqualTo("maintenance");
        assertThat(registration.path("ext").path("aas-shell-id").asText()).isEqualTo("urn:twinloop:test:Press01");
        assertThat(provisioner().plan(plant, false).changesNothing()).isTrue();
    }

    @Test
    void aRefusedDeviceFailsAloneAndARerunFinishesTheJob() throws IOException {
        registry.failNext("POST", "/v1/devices/factory-a/press-01", 500);
        registry.failNext("PUT", "/v1/credentials/factory-b/robot-01", 409);
        final Path secrets = tmp.resolve("secrets.json");

        final ProvisioningReport report = provision(false, secrets);

        assertThat(report.failed()).isTrue();
        final DeviceOutcome press = report.devices().get(0);
        assertThat(press.registration()).isEqualTo(Change.FAILED);
        assertThat(press.credentials()).isEqualTo(Change.NOT_ATTEMPTED);
        assertThat(press.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("POST /v1/devices/factory-a/press-01")
                .contains("500 Internal Server Error: injected failure 500"));
        assertThat(report.devices().get(1).problem()).isEmpty();
        final DeviceOutcome robot = report.devices().get(2);
        assertThat(robot.registration()).isEqualTo(Change.CREATED);
        assertThat(robot.credentials()).isEqualTo(Change.FAILED);
        assertThat(robot.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("credentials: ")
                .contains("409 Conflict"));
        assertThat(report.summary()).contains("devices: 3, 2 failed; registrations: 2 created, 0 updated, 0 kept; "
                + "credentials: 1 created");
        final JsonNode written = read(secrets);
        assertThat(written.path("devices")).extracting(d -> d.path("deviceId").asText())
                .containsExactly("demo:CNC01");

        final ProvisioningReport rerun = provision(false, tmp.resolve("rerun.json"));

        assertThat(rerun.failed()).as(rerun.summary()).isFalse();
        assertThat(rerun.devices()).extracting(d -> d.describe()).containsExactly(
                "registration created, credentials created (auth-id press-01)",
                "registration kept, credentials kept (auth-id cnc-01)",
                "registration kept, credentials created (auth-id robot-01)");
    }

    @Test
    void aChangeByAnotherClientBetweenPlanAndApplyIsRefusedNotOverwritten() throws IOException {
        final Path first = tmp.resolve("first.json");
        provision(false, first);
        final ProvisioningPlan plan = provisioner().plan(plant, true);
        final ObjectNode psk = JSON.createObjectNode().put("type", "psk").put("auth-id", "robot-psk");
        psk.putArray("secrets").addObject().put("key", "a2V5");
        registry.addCredentialDirectly("factory-b", "robot-01", psk);
        final Path rotated = tmp.resolve("rotated.json");

        final ProvisioningReport report = provisioner().apply(plan, SecretsFile.createNew(rotated));

        final DeviceOutcome robot = report.devices().get(2);
        assertThat(robot.credentials()).isEqualTo(Change.FAILED);
        assertThat(robot.problem()).hasValueSatisfying(p -> assertThat(p).contains("412 Precondition Failed"));
        assertThat(registry.storedCredentials("factory-b", "robot-01")).hasSize(2);
        assertThat(registry.checkPassword("factory-b", "robot-01", passwordOf(read(first), "robot-01"))).isTrue();
        assertThat(read(rotated).path("devices")).extracting(d -> d.path("deviceId").asText())
                .containsExactly("press-01", "demo:CNC01");
    }

    @Test
    void aRegistryThatStopsAnsweringStopsTheRunAndNothingIsLeftHalfTold() throws IOException {
        final ProvisioningPlan plan = provisioner().plan(plant, false);
        registry.close();
        final Path secrets = tmp.resolve("secrets.json");

        final ProvisioningReport report = provisioner().apply(plan, SecretsFile.createNew(secrets));

        assertThat(report.tenants().get(0).change()).isEqualTo(Change.FAILED);
        assertThat(report.tenants().get(0).problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("POST /v1/tenants/factory-a: cannot reach the registry at " + registry.uri()));
        assertThat(report.tenants().get(1).change()).isEqualTo(Change.NOT_ATTEMPTED);
        assertThat(report.devices()).allSatisfy(d -> assertThat(d.registration()).isEqualTo(Change.NOT_ATTEMPTED));
        assertThat(secrets).as("no secret was set, so no secrets file is left").doesNotExist();
    }

    @Test
    void anUnreachableRegistryIsReportedBeforeAnythingIsPlanned() throws IOException {
        final int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final URI nowhere = URI.create("http://127.0.0.1:" + port);

        final RegistryException e = catchThrowableOfType(() -> HonoProvisioner.of(HonoRegistryConfig.builder(nowhere)
                .build()).plan(plant, false), RegistryException.class);

        assertThat(e.isUnreachable()).isTrue();
        assertThat(e).hasMessageContaining("GET /v1/tenants/factory-a: cannot reach the registry at " + nowhere);
    }

    @Test
    void basicAuthIsSentAndARefusalIsClear() throws IOException {
        registry.close();
        registry = StandInHonoRegistry.start("provisioner", "right");

        assertThatThrownBy(() -> HonoProvisioner.of(HonoRegistryConfig.builder(registry.uri())
                .basicAuth("provisioner", "wrong").build()).plan(plant, false))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("GET /v1/tenants/factory-a: the registry answered 401 Unauthorized");

        final HonoProvisioner provisioner = HonoProvisioner.of(HonoRegistryConfig.builder(
                URI.create(registry.uri() + "/v1/")).basicAuth("provisioner", "right").build());
        final ProvisioningPlan plan = provisioner.plan(plant, false);
        final ProvisioningReport report = provisioner.apply(plan, SecretsFile.createNew(tmp.resolve("s.json")));
        assertThat(report.failed()).as(report.summary()).isFalse();
        assertThat(report.secretsWritten()).isEqualTo(3);
    }

    @Test
    void aRegistryThatDoesNotManageTenantsFailsTheTenantAndLeavesItsDevicesAlone() throws IOException {
        registry.failNext("POST", "/v1/tenants/factory-b", 404);

        final ProvisioningReport report = provision(false, tmp.resolve("secrets.json"));

        assertThat(report.tenants().get(1).change()).isEqualTo(Change.FAILED);
        assertThat(report.tenants().get(1).problem()).hasValueSatisfying(p -> assertThat(p).contains("404 Not Found"));
        assertThat(report.devices().get(2).registration()).isEqualTo(Change.NOT_ATTEMPTED);
        assertThat(report.devices().get(2).problem()).contains("not attempted, its tenant 'factory-b' failed");
        assertThat(registry.registration("factory-b", "robot-01")).isEmpty();
        assertThat(report.devices().get(0).registration()).isEqualTo(Change.CREATED);
    }

    @Test
    void anExistingSecretsFileIsNeverOverwritten() throws IOException {
        final Path existing = Files.writeString(tmp.resolve("secrets.json"), "operator's notes");

        assertThatThrownBy(() -> SecretsFile.createNew(existing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(existing + ": exists; generated secrets are never written over a file");
        assertThat(Files.readString(existing)).isEqualTo("operator's notes");
        assertThatThrownBy(() -> SecretsFile.createNew(tmp.resolve("missing").resolve("s.json")))
                .hasMessageContaining("its folder does not exist");
    }

    @Test
    void secretsNeverShowInToString() {
        final DeviceSecret secret = new DeviceSecret(plant.devices().get(0), "p4ssw0rd-value", Change.CREATED);

        assertThat(secret.toString()).doesNotContain("p4ssw0rd-value").contains("***");
        assertThat(HonoRegistryConfig.builder(registry.uri()).basicAuth("u", "registry-pw").build().toString())
                .doesNotContain("registry-pw");
    }
}
