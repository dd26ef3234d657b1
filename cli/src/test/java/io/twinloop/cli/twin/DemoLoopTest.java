package io.twinloop.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.optimizer.OptimizerRuntime;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.Operator;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The demo's whole loop over real sockets: simulated plant → OPC UA → connector → twins → optimizer (as the
 * policies' least-privilege OPTIMIZER subject) → desired value → connector → OPC UA → plant, and back: the
 * connector reports the optimizer's value applied and the machine runs at it.
 */
class DemoLoopTest {

    @TempDir
    Path data;

    @Test
    void aDesiredValueTheOptimizerWritesReachesThePlant() throws Exception {
        final String[] connector = {DemoCommand.CONNECTOR_USER, "c0nnect"};
        final String[] optimizer = {DemoCommand.OPTIMIZER_USER, "0ptimize"};
        // energy is all that counts and every step is routine: the optimizer asks for 70 % on its own
        final OptimizerConfig defaults = OptimizerConfig.defaults(data.resolve("optimizer"));
        final OptimizerConfig config = new OptimizerConfig(defaults.scope(), new GoalLayer(new Weights(0, 1, 0),
                0, Map.of("Speed", new Bound(60, 120)), Duration.ofHours(1)), new ImpactPolicy(1e9, 100,
                Set.of()), false, defaults.minImprovement(), Duration.ofMillis(500), defaults.ackTimeout(),
                defaults.decisionLog(), defaults.keyDirectory(), defaults.agentName());
        // the demo's guard: the optimizer's desired writes must be signed by its key
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(data.resolve("twins")).withUser("owner", "pw")
                .withUser(connector[0], connector[1]).withUser(optimizer[0], optimizer[1])
                .withGuard(DemoGuard.of(config, List.of("op")))).get();
             DittoClient owner = DittoClient.builder(server.httpUri()).basicAuth("owner", "pw").build();
             DittoClient optimizerUser = DittoClient.builder(server.httpUri()).basicAuth(optimizer[0], optimizer[1])
                     .build()) {
            new ThingPublisher(owner, new PolicyTemplate("nginx:owner", "nginx:" + optimizer[0],
                    "nginx:" + connector[0]), new PrintWriter(Writer.nullWriter()), false).publish(DemoPlant.things());
            // the optimizer's user writing a desired value without the optimizer's signature is refused
            final ThingId cnc = ThingId.of("demo:CNC01");
            assertThatThrownBy(() -> optimizerUser.merge(TwinPath.thing(cnc), JsonObject.of(
                    "{\"features\":{\"OperationalData\":{\"desiredProperties\":{\"Speed\":80}}}}"),
                    RequestOptions.none()).join()).cause().isInstanceOfSatisfying(DittoErrorException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.errorCode()).contains("things:feature.desiredProperties.notmodifiable");
                    });
            assertThat(desiredSpeed(owner, cnc)).isEmpty();
            try (LivePlant plant = LivePlant.start(data, LivePlant.Settings.demo(0, 60), owner, server.httpUri(),
                    connector);
                 OptimizerRuntime loop = DemoOptimizer.start(config, server.httpUri(), optimizer,
                         ApprovalApiConfig.of(0, List.of(new Operator("op", "pw", Operator.Role.OPERATOR))),
                         java.util.Optional.empty())) {
                final ThingId machine = await("the optimizer wrote a desired speed", () -> DemoLines.demo()
                        .machines().values().stream().filter(id -> desiredSpeed(owner, id).isPresent()).findFirst());
                final double desired = desiredSpeed(owner, machine).orElseThrow();
                assertThat(desired).isEqualTo(70.0);

                await("the connector reports " + machine + " Speed applied", () -> read(owner, machine,
                        "features/Reconciliation/properties/OperationalData/Speed/status")
                        .filter(JsonValue.of("applied")::equals));
                await(machine + " runs at " + desired + " %", () -> read(owner, machine,
                        "features/OperationalData/properties/Speed").filter(JsonValue::isNumber)
                        .filter(v -> v.asDouble() == desired));
                assertThat(loop.service().statistics().dispatched()).isPositive();
                assertThat(loop.service().statistics().writesRefused()).isZero();

                final DemoStatus status = new DemoStatus(60, Instant.now().minusSeconds(10));
                status.line(loop.service().projection().snapshot(), Instant.now().minusSeconds(5),
                        loop.service().statistics());
                assertThat(status.line(loop.service().projection().snapshot(), Instant.now(),
                        loop.service().statistics())).contains("parts/h").contains("kWh since start")
                        .contains("open proposals 0").contains("running ");
            }
            assertThat(new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory()))
                    .verify(config.decisionLog()).findings()).isEmpty();
            assertThat(Files.readString(config.decisionLog())).contains("\"status\":\"WRITTEN\"");
        }
    }

    private static Optional<Double> desiredSpeed(final DittoClient client, final ThingId machine) {
        return read(client, machine, "features/OperationalData/desiredProperties/Speed")
                .filter(JsonValue::isNumber).map(JsonValue::asDouble);
    }

    private static Optional<JsonValue> read(final DittoClient client, final ThingId machine, final String pointer) {
        final JsonObject thing = client.retrieveThing(machine).join().toJson();
        return thing.getValue(JsonPointer.of(pointer));
    }

    /** Waits generously (the machines tick in real time) until {@code probe} finds something. */
    private static <T> T await(final String what, final Supplier<Optional<T>> probe) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Optional<T> found = probe.get();
        while (found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(100);
            found = probe.get();
        }
        return found.get();
    }
}
