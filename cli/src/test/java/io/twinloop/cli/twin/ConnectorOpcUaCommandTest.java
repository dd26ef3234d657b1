package io.twinloop.cli.twin;

import static io.twinloop.cli.twin.DemoCncTwin.CNC;
import static io.twinloop.cli.twin.DemoCncTwin.awaitValue;
import static io.twinloop.cli.twin.DemoCncTwin.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.cli.CommandThread;
import io.twinloop.cli.TwinLoop;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.plant.Plant;
import io.twinloop.plant.opcua.PlantOpcUaServer;
import io.twinloop.plant.opcua.PlantServerConfig;
import io.twinloop.plant.runtime.PlantRuntime;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * {@code twinloop connector opcua} run in this JVM until stopped, against the embedded twin server and the
 * simulated plant's real OPC UA server (Basic256Sha256 SignAndEncrypt with a user name, as the demo AID asks), all
 * over real sockets: it finds the namespace's twins with an OPC UA interface, the plant's values reach them, a
 * desired speed reaches the machine and comes back applied, and a twin created while it runs is connected too.
 */
class ConnectorOpcUaCommandTest {

    private static final String CONNECTOR = "connector";
    private static final String CONNECTOR_PASSWORD = "c0nnect";
    private static final String PLANT_PASSWORD = "plant-pw";

    @TempDir
    Path tmp;

    @Test
    void connectsTheNamespacesTwinsBothWaysAndTwinsAddedLater() throws Exception {
        // the plant has two lines; only line 1's twins exist when the connector starts
        final DemoLines lines = new DemoLines(2);
        final List<MappedThing> all = lines.things();
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("owner", "pw")
                .withUser(CONNECTOR, CONNECTOR_PASSWORD)).get();
             DittoClient owner = DittoClient.builder(server.httpUri()).basicAuth("owner", "pw").build();
             PlantRuntime runtime = PlantRuntime.of(Plant.builder().seed(1).speedFactor(60)
                     .layout(lines.layout()).build())) {
            final PlantOpcUaServer plant = PlantOpcUaServer.start(PlantServerConfig.builder().port(freePort())
                    .pkiDirectory(tmp.resolve("plant-pki")).user("operator", PLANT_PASSWORD).build(), runtime)
                    .get(60, TimeUnit.SECONDS);
            try {
                final ThingPublisher publisher = new ThingPublisher(owner, new PolicyTemplate("nginx:owner",
                        PolicyTemplate.DEFAULT_OPTIMIZER, "nginx:" + CONNECTOR), new PrintWriter(Writer.nullWriter()),
                        false);
                publisher.publish(all.stream().filter(t -> !t.thingId().endsWith("02")).toList());
                final Path pki = tmp.resolve("connector-pki");
                // the twins describe the plant's actual endpoint; the plant trusts the connector's certificate
                LivePlant.wire(owner, DemoLines.demo().machines().values(), plant, pki);
                final Path serverCertificate = tmp.resolve("plant.der");
                Files.write(serverCertificate, plant.certificate().getEncoded());
                runtime.startTicking(Duration.ofMillis(100));

                final CommandThread run = CommandThread.start("connector", "opcua", "--ditto",
                        server.httpUri().toString(), "--user", CONNECTOR, "--password", CONNECTOR_PASSWORD,
                        "--namespace", "demo", "--opcua-user", "operator", "--opcua-password", PLANT_PASSWORD, "--pki",
                        pki.toString(), "--trust-server", serverCertificate.toString(), "--status-interval", "1");
                try {
                    run.await(() -> run.out().contains("running; Ctrl-C stops it"));
                    // found by the search: the machines, not the environment thing (no AID)
                    assertThat(run.out()).contains("connected: [demo:CNC01, demo:Press01, demo:Robot01]")
                            .doesNotContain("demo-plant-environment");

                    // values flow in
                    awaitValue(() -> read(owner, "features/OperationalData/properties/State"),
                            JsonValue.of("RUNNING"));
                    // a desired value reaches the machine and comes back applied
                    owner.putFeatureDesiredProperty(CNC, "OperationalData", JsonPointer.of("Speed"),
                            JsonValue.of(110), RequestOptions.none()).join();
                    awaitValue(() -> read(owner, "features/Reconciliation/properties/OperationalData/Speed/status"),
                            JsonValue.of("applied"));
                    run.await(() -> runtime.latest().machine("cnc-1").orElseThrow().speedPercent() == 110.0);

                    // a twin created while it runs (line 2's CNC, pointing at the plant) is connected too
                    final ThingId cnc2 = ThingId.of("demo:CNC02");
                    final MappedThing created = all.stream().filter(t -> t.thingId().equals(cnc2.toString()))
                            .findFirst().orElseThrow();
                    publisher.publish(List.of(atEndpoint(created, plant.endpointUrl())));
                    run.await(() -> run.out().contains("connected: [demo:CNC02]"));
                    awaitValue(() -> owner.retrieveThing(cnc2).join().toJson()
                            .getValue(JsonPointer.of("features/OperationalData/properties/State")),
                            JsonValue.of("RUNNING"));
                    owner.putFeatureDesiredProperty(cnc2, "OperationalData", JsonPointer.of("Speed"),
                            JsonValue.of(90), RequestOptions.none()).join();
                    awaitValue(() -> owner.retrieveThing(cnc2).join().toJson().getValue(JsonPointer.of(
                            "features/Reconciliation/properties/OperationalData/Speed/status")),
                            JsonValue.of("applied"));
                    run.await(() -> runtime.latest().machine("cnc-2").orElseThrow().speedPercent() == 90.0);
                    // the status line counts all four twins
                    run.await(() -> run.out().contains("4 twins, "));
                } finally {
                    run.stop();
                }
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).contains("stopped: 4 twins").containsPattern("desired values [1-9]\\d* applied");
            } finally {
                plant.stop().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anUntrustedPlantIsRefusedIntoThePkiAndTrustedByMovingItsCertificate() throws Exception {
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("owner", "pw")
                .withUser(CONNECTOR, CONNECTOR_PASSWORD)).get();
             DittoClient owner = DittoClient.builder(server.httpUri()).basicAuth("owner", "pw").build();
             PlantRuntime runtime = PlantRuntime.of(Plant.builder().seed(1).speedFactor(60)
                     .layout(DemoLines.demo().layout()).build())) {
            final PlantOpcUaServer plant = PlantOpcUaServer.start(PlantServerConfig.builder().port(freePort())
                    .pkiDirectory(tmp.resolve("plant-pki")).user("operator", PLANT_PASSWORD).build(), runtime)
                    .get(60, TimeUnit.SECONDS);
            try {
                new ThingPublisher(owner, new PolicyTemplate("nginx:owner", PolicyTemplate.DEFAULT_OPTIMIZER,
                        "nginx:" + CONNECTOR), new PrintWriter(Writer.nullWriter()), false).publish(DemoPlant.things());
                final Path pki = tmp.resolve("connector-pki");
                // the plant trusts the connector; the connector is not told about the plant (no --trust-server)
                LivePlant.wire(owner, DemoLines.demo().machines().values(), plant, pki);
                final String[] args = {"connector", "opcua", "--ditto", server.httpUri().toString(), "--user",
                        CONNECTOR, "--password", CONNECTOR_PASSWORD, "--thing", "demo:CNC01", "--opcua-user",
                        "operator", "--opcua-password", PLANT_PASSWORD, "--pki", pki.toString()};

                final CommandThread refused = CommandThread.start(args).ended();

                assertThat(refused.exitCode()).as(refused.out()).isEqualTo(TwinLoop.EXIT_REFUSED);
                assertThat(refused.err()).contains(plant.endpointUrl());
                final Path rejected = pki.resolve("rejected").resolve("certs");
                final List<Path> files;
                try (var list = Files.list(rejected)) {
                    files = list.toList();
                }
                assertThat(files).hasSize(1);
                assertThat(Files.readAllBytes(files.get(0))).isEqualTo(plant.certificate().getEncoded());

                // the operator's step (deploy README): move it to trusted/certs
                Files.move(files.get(0), pki.resolve("trusted").resolve("certs").resolve(files.get(0).getFileName()));
                final CommandThread trusted = CommandThread.start(args);
                try {
                    trusted.await(() -> trusted.out().contains("connected: [demo:CNC01]"));
                } finally {
                    trusted.stop();
                }
                assertThat(trusted.exitCode()).as(trusted.err()).isZero();
            } finally {
                plant.stop().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aNamedTwinThatDoesNotExistIsNamedWhenNotFollowing() throws Exception {
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins"))
                .withUser(CONNECTOR, CONNECTOR_PASSWORD)).get()) {
            final CommandThread run = CommandThread.start("connector", "opcua", "--ditto",
                    server.httpUri().toString(), "--user", CONNECTOR, "--password", CONNECTOR_PASSWORD, "--thing",
                    "demo:Nowhere", "--no-follow", "--pki", tmp.resolve("pki").toString()).ended();
            assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
            assertThat(run.err()).contains("demo:Nowhere does not exist (404)");
        }
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        final Path notACertificate = Files.writeString(tmp.resolve("server.pem"), "hello");
        final CommandThread badCertificate = opcua("--namespace", "demo", "--trust-server",
                notACertificate.toString());
        assertThat(badCertificate.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(badCertificate.err()).contains("--trust-server " + notACertificate)
                .contains("not an X.509 certificate");

        final CommandThread nothing = opcua();
        assertThat(nothing.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(nothing.err()).contains("--thing ID or --namespace NS");

        final CommandThread badThing = opcua("--thing", "no-ns");
        assertThat(badThing.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(badThing.err()).contains("--thing 'no-ns' is not a Ditto thing id");

        final CommandThread badWrites = opcua("--namespace", "demo", "--twin-writes", "carrier-pigeon");
        assertThat(badWrites.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(badWrites.err()).contains("--twin-writes must be websocket or http, was 'carrier-pigeon'");
    }

    /** {@code connector opcua --ditto <closed port> ARGS}, run to its end (it refuses before connecting). */
    private static CommandThread opcua(final String... args) throws InterruptedException {
        final String[] all = new String[args.length + 4];
        all[0] = "connector";
        all[1] = "opcua";
        all[2] = "--ditto";
        all[3] = "http://127.0.0.1:1";
        System.arraycopy(args, 0, all, 4, args.length);
        return CommandThread.start(all).ended();
    }

    /** The twin with its AID pointing at {@code endpoint} (the AAS file names the default port). */
    private static MappedThing atEndpoint(final MappedThing thing, final String endpoint) {
        return MappedThing.of(ThingsModelFactory.newThing(thing.thing().toJson().setValue(JsonPointer.of(
                "features/AssetInterfacesDescription/properties/InterfaceOPCUA/EndpointMetadata/base"),
                JsonValue.of(endpoint))), thing.source(), thing.files());
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
