package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.connectors.hono.provisioning.StandInHonoRegistry;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/** {@code hono provision} against the stand-in Hono device registry (connectors' test jar), over real sockets. */
class HonoCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private StandInHonoRegistry registry;
    private Path plant;

    @BeforeEach
    void start() throws IOException {
        registry = StandInHonoRegistry.start();
        plant = Files.writeString(tmp.resolve("plant.aas.json"), environment(
                shell("Press01", "\"HonoTenantId\", \"factory-a\"", "\"HonoDeviceId\", \"press-01\""),
                shell("Cnc01", "\"HonoTenantId\", \"factory-a\"", "\"HonoDeviceId\", \"demo:CNC01\"",
                        "\"HonoAuthId\", \"cnc-01\""),
                shell("Conveyor", "\"serialNumber\", \"C-1\"")));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** A shell with these specificAssetIds, each given as {@code "name", "value"}. */
    private static String shell(final String idShort, final String... ids) {
        final StringBuilder specific = new StringBuilder();
        for (final String id : ids) {
            final String[] nameValue = id.split(", ");
            specific.append(specific.length() == 0 ? "" : ", ").append("{\"name\": ").append(nameValue[0])
                    .append(", \"value\": ").append(nameValue[1]).append('}');
        }
        return "{\"modelType\": \"AssetAdministrationShell\", \"id\": \"urn:twinloop:test:" + idShort + "\", "
                + "\"idShort\": \"" + idShort + "\", \"assetInformation\": {\"assetKind\": \"Instance\", "
                + "\"globalAssetId\": \"urn:twinloop:test:asset:" + idShort + "\", \"specificAssetIds\": ["
                + specific + "]}}";
    }

    private static String environment(final String... shells) {
        return "{\"assetAdministrationShells\": [" + String.join(", ", shells) + "]}";
    }

    private CommandRun provision(final String... extra) {
        final String[] base = {"hono", "provision", "--aas", plant.toString(), "--registry", registry.uri().toString()};
        final String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.of(args);
    }

    @Test
    void provisionCreatesTheDevicesAndARerunKeepsThem() throws IOException {
        final Path secrets = tmp.resolve("secrets.json");

        final CommandRun first = provision("--secrets-out", secrets.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("tenant factory-a: created")
                .contains("[1/2] factory-a/press-01 (shell 'Press01' (urn:twinloop:test:Press01) in " + plant
                        + "): registration created, credentials created (auth-id press-01)")
                .contains("[2/2] factory-a/demo:CNC01").contains("credentials created (auth-id cnc-01)")
                .contains("passwords of 2 device(s) written to " + secrets);
        assertThat(first.err()).contains("note: shell 'Conveyor'").contains("not a Hono device");
        final JsonNode written = JSON.readTree(secrets.toFile());
        final String password = written.path("devices").get(0).path("password").asText();
        assertThat(password).hasSize(32);
        assertThat(first.out() + first.err()).doesNotContain(password);
        assertThat(registry.checkPassword("factory-a", "press-01", password)).isTrue();
        final String before = Files.readString(secrets);

        registry.clearRequests();
        final CommandRun second = provision("--secrets-out", secrets.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("tenant factory-a: kept")
                .contains("registration kept, credentials kept (auth-id press-01)")
                .contains("done: tenants: 0 created, 1 kept, 0 failed; devices: 2, 0 failed")
                .contains("no new passwords; " + secrets + " was not created");
        assertThat(registry.writes()).isEmpty();
        assertThat(Files.readString(secrets)).isEqualTo(before);
    }

    @Test
    void dryRunReadsButWritesNothing() {
        final CommandRun run = provision("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dry run: tenant factory-a: create")
                .contains("dry run: [1/2] factory-a/press-01").contains("registration create, credentials create")
                .contains("dry run: nothing was written");
        assertThat(registry.requests()).isNotEmpty();
        assertThat(registry.writes()).isEmpty();
    }

    @Test
    void rotationWritesNewPasswordsToANewFile() throws IOException {
        assertThat(provision("--secrets-out", tmp.resolve("first.json").toString()).exitCode()).isZero();

        final CommandRun rotated = provision("--rotate-secrets", "--secrets-out",
                tmp.resolve("rotated.json").toString());

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("registration kept, credentials rotated (auth-id cnc-01)");
        final String password = JSON.readTree(tmp.resolve("rotated.json").toFile()).path("devices").get(1)
                .path("password").asText();
        assertThat(registry.checkPassword("factory-a", "cnc-01", password)).isTrue();
    }

    @Test
    void anExistingSecretsFileOrNoneIsRefusedBeforeAnyWrite() throws IOException {
        final Path existing = Files.writeString(tmp.resolve("secrets.json"), "keep me");

        final CommandRun onExisting = provision("--secrets-out", existing.toString());
        final CommandRun withoutFile = provision();

        assertThat(onExisting.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(onExisting.err()).contains(existing + ": exists; generated secrets are never written over a file")
                .contains("nothing was written to the registry");
        assertThat(withoutFile.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(withoutFile.err()).contains("2 device(s) get a new password: name the file for it with "
                + "--secrets-out FILE");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(registry.writes()).isEmpty();
    }

    @Test
    void aShellWithoutItsDeviceIdIsRefusedNamingShellAndFile() throws IOException {
        final Path bad = Files.writeString(tmp.resolve("bad.aas.json"), environment(
                shell("Robot01", "\"HonoTenantId\", \"factory-a\"")));

        final CommandRun run = CommandRun.of("hono", "provision", "--aas", plant.toString(), bad.toString(),
                "--registry", registry.uri().toString(), "--secrets-out", tmp.resolve("s.json").toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: shell 'Robot01' (urn:twinloop:test:Robot01) in " + bad
                + ": specificAssetId HonoDeviceId is missing").contains("nothing was sent to the registry");
        assertThat(registry.requests()).isEmpty();
        assertThat(tmp.resolve("s.json")).doesNotExist();
    }

    @Test
    void aFailedDeviceIsReportedAndTheExitCodeSaysSo() {
        registry.failNext("POST", "/v1/devices/factory-a/demo:CNC01", 503);

        final CommandRun run = provision("--secrets-out", tmp.resolve("s.json").toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.out()).contains("[1/2] factory-a/press-01").contains("registration created, credentials created")
                .contains("[2/2] factory-a/demo:CNC01").contains("registration failed, credentials not attempted "
                        + "(auth-id cnc-01): registration: POST /v1/devices/factory-a/demo:CNC01: the registry "
                        + "answered 503 Service Unavailable");
        assertThat(run.err()).contains("1 device(s) and 0 tenant(s) not provisioned");
        assertThat(run.out()).contains("passwords of 1 device(s) written to");
    }

    @Test
    void anUnreachableRegistryIsReportedAndNothingIsWritten() {
        final String url = registry.uri().toString();
        registry.close();

        final CommandRun run = provision("--secrets-out", tmp.resolve("s.json").toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: GET /v1/tenants/factory-a: cannot reach the registry at " + url)
                .contains("nothing was written to the registry");
        assertThat(tmp.resolve("s.json")).doesNotExist();
    }

    @Test
    void devicesCanBeProvisionedFromTheTwins() throws Exception {
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("data"))
                .withUser("operator", "s3cret")).get()) {
            final CommandRun imported = CommandRun.of("aas", "import", plant.toString(), "--namespace", "demo",
                    "--ditto", server.httpUri().toString(), "--user", "operator", "--password", "s3cret");
            assertThat(imported.exitCode()).as(imported.err()).isZero();

            final CommandRun run = CommandRun.of("hono", "provision", "--ditto", server.httpUri().toString(),
                    "--ditto-user", "operator", "--ditto-password", "s3cret", "--thing", "demo:Press01",
                    "--thing", "demo:Cnc01", "--registry", registry.uri().toString(),
                    "--secrets-out", tmp.resolve("s.json").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("[1/2] factory-a/press-01 (shell 'Press01' (urn:twinloop:test:Press01) in "
                    + "demo:Press01): registration created, credentials created");
            assertThat(registry.registration("factory-a", "demo:CNC01")).isPresent();

            final CommandRun missing = CommandRun.of("hono", "provision", "--ditto", server.httpUri().toString(),
                    "--ditto-user", "operator", "--ditto-password", "s3cret", "--thing", "demo:Nothing",
                    "--registry", registry.uri().toString());
            assertThat(missing.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
            assertThat(missing.err()).contains("thing demo:Nothing").contains("nothing was sent to the registry");
        }
    }

    @Test
    void withoutDevicesOrRegistryItIsAUsageError() {
        final CommandRun noInput = CommandRun.of("hono", "provision", "--registry", registry.uri().toString());
        final CommandRun thingWithoutDitto = CommandRun.of("hono", "provision", "--thing", "demo:X", "--registry",
                registry.uri().toString());

        assertThat(noInput.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(noInput.err()).contains("--aas FILE..., or --ditto URL --thing ID...");
        assertThat(thingWithoutDitto.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(thingWithoutDitto.err()).contains("--thing needs --ditto URL");
    }
}
