package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * {@code ditto provision}'s Hono connections against {@link StandInConnectivity} (Ditto's connection API on a real
 * socket, the rest forwarded to the embedded twin server).
 */
class DittoProvisionConnectionsTest {

    private static final String DEVICES = Path.of("..", "examples", "hono-devices.aas.json").toString();
    private static final String CONNECTION = "twinloop-hono-twinloop";

    @TempDir
    Path tmp;

    private TwinServer server;
    private StandInConnectivity ditto;

    @BeforeEach
    void start() throws Exception {
        server = TwinServer.start(TwinServerConfig.of(tmp.resolve("data")).withUser("operator", "s3cret")).get();
        ditto = StandInConnectivity.start(server.httpUri(), "devops", "foobar");
    }

    @AfterEach
    void stop() {
        ditto.close();
        server.close();
    }

    private CommandRun provision(final String... extra) {
        final String[] base = {"ditto", "provision", DEVICES, "--namespace", "demo", "--ditto",
                ditto.uri().toString(), "--user", "operator", "--password", "s3cret", "--devops-password", "foobar"};
        final String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.of(args);
    }

    @Test
    void createsOneConnectionPerTenantAndASecondRunWritesNothing() {
        final CommandRun first = provision();

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("connection " + CONNECTION + " created")
                .contains("1 connections, 1 created");
        // devices whose id is not their thing id get no commands through Ditto's Hono connection: said, not hidden
        assertThat(first.err()).contains("warning: connection " + CONNECTION + ": Desired values of twin");
        assertThat(ditto.writes()).containsExactly("createConnection " + CONNECTION);
        final var created = ConnectivityModelFactory.connectionFromJson(ditto.connection(CONNECTION));
        assertThat(created.getConnectionType().getName()).isEqualTo("hono");
        assertThat(created.getSources().get(0).getAuthorizationContext().getFirstAuthorizationSubject()
                .orElseThrow().getId()).isEqualTo("nginx:twinloop-connector");

        final CommandRun second = provision();

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("connection " + CONNECTION + " unchanged")
                .contains("1 connections, 1 unchanged").doesNotContain("created").doesNotContain("updated");
        assertThat(ditto.writes()).containsExactly("createConnection " + CONNECTION);
    }

    @Test
    void aChangedDefinitionIsPutUnderTheSameId() {
        assertThat(provision().exitCode()).isZero();

        final CommandRun changed = provision("--connection-status", "closed");

        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("connection " + CONNECTION + " updated")
                .contains("policy demo:Meter01 unchanged");
        assertThat(ditto.writes()).containsExactly("createConnection " + CONNECTION,
                "modifyConnection " + CONNECTION);
        assertThat(ditto.connection(CONNECTION).getValue("connectionStatus").orElseThrow().asString())
                .isEqualTo("closed");
    }

    @Test
    void dryRunWritesNoConnection() {
        final CommandRun run = provision("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("connection " + CONNECTION + " would be created");
        assertThat(ditto.writes()).isEmpty();
    }

    @Test
    void anUnknownTenantIsNamedAndNothingIsWritten() {
        final CommandRun run = provision("--tenant", "factory-b");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("--tenant factory-b: no shell in")
                .contains("(tenants declared: twinloop)").contains("nothing was written to " + ditto.uri());
        assertThat(ditto.writes()).isEmpty();
    }

    @Test
    void wrongDevopsCredentialsStopTheRunBeforeAnyWrite() {
        final CommandRun run = CommandRun.of("ditto", "provision", DEVICES, "--namespace", "demo", "--ditto",
                ditto.uri().toString(), "--user", "operator", "--password", "s3cret", "--devops-password", "wrong");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: reading connection " + CONNECTION + ": Ditto answered 401")
                .contains("applied: none");
        assertThat(run.err()).containsPattern("not applied: policy demo:\\S+, ");
        assertThat(ditto.writes()).isEmpty();
    }

    @Test
    void connectionsNeedTheDevopsPasswordOrAreLeftOut() {
        final CommandRun missing = CommandRun.of("ditto", "provision", DEVICES, "--namespace", "demo", "--ditto",
                ditto.uri().toString(), "--user", "operator", "--password", "s3cret");
        final CommandRun without = CommandRun.of("ditto", "provision", DEVICES, "--namespace", "demo", "--ditto",
                ditto.uri().toString(), "--user", "operator", "--password", "s3cret", "--no-connections");

        assertThat(missing.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(missing.err()).contains("tenant(s) twinloop").contains("--devops-password");
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(without.out()).contains("0 connections");
        assertThat(ditto.writes()).isEmpty();
    }
}
