package io.twinloop.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.optimizer.OptimizerRuntime;
import io.twinloop.connectors.OpcUaConnector;
import io.twinloop.connectors.OpcUaConnectorConfig;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.Operator;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.QualityProfile;
import io.twinloop.plant.machine.QualityReading;
import io.twinloop.plant.opcua.PlantOpcUaServer;
import io.twinloop.plant.opcua.PlantServerConfig;
import io.twinloop.plant.runtime.PlantRuntime;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The quality loop over real sockets: the CNC's dimension drifts (0.25 µm per part, no tool change) until parts are
 * scrapped; then the optimizer starts, its quality agent sees the drift in the twin's {@code DimensionDeviation},
 * and its desired {@code ToolOffset} goes through the connector and OPC UA to the plant, where the scrap rate falls.
 * Rates are counted from the plant's own counters over whole parts; waits are generous, nothing is timed.
 */
class QualityLoopTest {

    private static final ThingId CNC = ThingId.of("demo:CNC01");
    /** Drifts fast enough to watch: the mean passes the ±20 µm tolerance at about the 80th part. */
    private static final QualityProfile DRIFTING = new QualityProfile(20, 4, 0.25, 100_000, 0, 0, -50, 50);

    @TempDir
    Path data;

    @Test
    void theAgentsCorrectionBringsTheScrapRateDown() throws Exception {
        final String[] connectorUser = {DemoCommand.CONNECTOR_USER, "c0nnect"};
        final String[] optimizerUser = {DemoCommand.OPTIMIZER_USER, "0ptimize"};
        try (TwinServer twins = TwinServer.start(TwinServerConfig.of(data.resolve("twins")).withUser("owner", "pw")
                .withUser(connectorUser[0], connectorUser[1]).withUser(optimizerUser[0], optimizerUser[1])).get();
             DittoClient owner = DittoClient.builder(twins.httpUri()).basicAuth("owner", "pw").build();
             PlantRuntime runtime = PlantRuntime.of(Plant.builder().seed(1).speedFactor(600).cncQuality(DRIFTING)
                     .build())) {
            new ThingPublisher(owner, new PolicyTemplate("nginx:owner", "nginx:" + optimizerUser[0],
                    "nginx:" + connectorUser[0]), new PrintWriter(Writer.nullWriter()), false)
                    .publish(DemoPlant.things());
            final PlantOpcUaServer server = PlantOpcUaServer.start(PlantServerConfig.builder().port(freePort())
                    .pkiDirectory(data.resolve("plant-pki")).user("operator", "plant-pw").build(), runtime)
                    .get(60, TimeUnit.SECONDS);
            try (DittoClient connectorClient = DittoClient.builder(twins.httpUri())
                    .basicAuth(connectorUser[0], connectorUser[1]).build();
                 OpcUaConnector connector = OpcUaConnector.start(connectorConfig(owner, server), connectorClient)
                         .get(60, TimeUnit.SECONDS)) {
                runtime.startTicking(Duration.ofMillis(100));

                // Left alone, the drift makes scrap: the rate over parts 70..100.
                await("the CNC has made 70 parts", () -> cnc(runtime).partsProduced() >= 70);
                final MachineSnapshot driftStart = cnc(runtime);
                await("the CNC has made 30 more parts", () -> cnc(runtime).partsProduced()
                        >= driftStart.partsProduced() + 30);
                final double before = scrapRate(driftStart, cnc(runtime));
                assertThat(before).as("scrap rate while drifting uncorrected").isGreaterThan(0.25);
                assertThat(quality(cnc(runtime)).toolOffsetUm()).isZero();

                final OptimizerConfig defaults = OptimizerConfig.defaults(data.resolve("optimizer"));
                final OptimizerConfig config = new OptimizerConfig(defaults.scope(), new GoalLayer(
                        new Weights(1, 0, 0), 0, Map.of("Speed", new Bound(60, 120)), Duration.ofHours(4)),
                        new ImpactPolicy(1e9, 100, Set.of("MaintenanceRequest", "Mode")), false,
                        defaults.minImprovement(), Duration.ofMillis(100), defaults.ackTimeout(),
                        defaults.decisionLog(), defaults.keyDirectory(), defaults.agentName());
                try (OptimizerRuntime optimizer = DemoOptimizer.start(config, twins.httpUri(), optimizerUser,
                        ApprovalApiConfig.of(0, List.of(new Operator("op", "pw", Operator.Role.OPERATOR))),
                        Optional.empty())) {
                    await("the agent's ToolOffset is applied at the plant",
                            () -> quality(cnc(runtime)).toolOffsetUm() < 0);
                    final MachineSnapshot corrected = cnc(runtime);
                    await("40 parts after the correction", () -> cnc(runtime).partsProduced()
                            >= corrected.partsProduced() + 40);
                    final MachineSnapshot after = cnc(runtime);
                    final double afterRate = scrapRate(corrected, after);
                    // the figures, for the README (surefire keeps them in the test's output)
                    System.out.printf(java.util.Locale.ROOT, "quality loop: scrap %.2f over parts %d..%d uncorrected,"
                            + " %.2f over parts %d..%d after the first correction (offset now %.1f µm)%n", before,
                            driftStart.partsProduced(), driftStart.partsProduced() + 30, afterRate,
                            corrected.partsProduced(), after.partsProduced(), quality(after).toolOffsetUm());
                    assertThat(afterRate).as("scrap rate after the correction (before: %.2f)", before)
                            .isLessThan(before / 2);
                    assertThat(quality(after).toolOffsetUm()).isBetween(-50.0, 0.0);
                    assertThat(optimizer.service().statistics().dispatched()).isPositive();
                }
            } finally {
                server.stop().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private OpcUaConnectorConfig connectorConfig(final DittoClient owner, final PlantOpcUaServer server)
            throws Exception {
        final Path pki = data.resolve("connector-pki");
        LivePlant.wire(owner, DemoLines.demo().machines().values(), server, pki);
        final OpcUaConnectorConfig.Builder config = OpcUaConnectorConfig.builder().user("operator", "plant-pw")
                .pkiDirectory(pki).trustServer(server.certificate()).samplingInterval(Duration.ofMillis(50))
                .publishingInterval(Duration.ofMillis(50)).batchWindow(Duration.ofMillis(20));
        DemoLines.demo().machines().values().forEach(config::thing);
        return config.build();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static MachineSnapshot cnc(final PlantRuntime runtime) {
        return runtime.latest().machine("cnc-1").orElseThrow();
    }

    private static QualityReading quality(final MachineSnapshot machine) {
        return machine.quality().orElseThrow();
    }

    private static double scrapRate(final MachineSnapshot from, final MachineSnapshot to) {
        return (double) (quality(to).partsScrapped() - quality(from).partsScrapped())
                / (to.partsProduced() - from.partsProduced());
    }

    /** Waits generously (the plant ticks in scaled real time) until the condition holds. */
    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        io.twinloop.cli.Await.until(what, Duration.ofSeconds(120), condition);
    }
}
