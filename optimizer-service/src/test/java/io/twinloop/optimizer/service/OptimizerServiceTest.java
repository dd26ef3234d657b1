package io.twinloop.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.audit.Verification;
import io.twinloop.ditto.guard.WriteSigner;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.dispatch.DesiredWriter;
import io.twinloop.optimizer.dispatch.DispatchOutcome;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.AccessDeniedException;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * The optimizer against the embedded twin server over real sockets, as its own least-privilege user: it follows
 * the twins, decides, writes desired values conditionally, and records each decision in the signed log. The twin
 * server runs the desired-write guard with the optimizer as a signing agent, so every write must be signed.
 */
class OptimizerServiceTest {

    private static final ThingId PRESS = TwinLine.PRESS;
    private static final ThingId CNC = TwinLine.CNC;

    @TempDir
    Path tmp;

    private TwinLine line;
    private DittoClient owner;
    private DittoClient optimizer;
    private OptimizerService service;

    @BeforeEach
    void twins() throws Exception {
        line = TwinLine.startGuarded(tmp.resolve("twins"), config().keyDirectory(), List.of(), "");
        owner = line.owner();
        optimizer = line.optimizer();
    }

    /** Energy is all that counts and a slow line is allowed: the agents' lowest speed within bounds wins. */
    private OptimizerConfig config() {
        return OptimizerConfig.defaults(tmp.resolve("optimizer"))
                .withGoal(new GoalLayer(new Weights(0, 1, 0), 0, Map.of("Speed", new Bound(60, 130)),
                        Duration.ofHours(1)))
                .withDecisionInterval(Duration.ofMillis(50));
    }

    private OptimizerConfig withImpact(final OptimizerConfig config, final ImpactPolicy impact) {
        return new OptimizerConfig(new io.twinloop.optimizer.projection.TwinScope(List.of("line"), Optional.empty()),
                config.goal(), impact, config.recommendOnly(), config.minImprovement(), config.decisionInterval(),
                config.ackTimeout(), config.decisionLog(), config.keyDirectory(), config.agentName());
    }

    @Test
    void routineDecisionsAreWrittenAsDesiredValuesAndRecordedInTheSignedLog() throws Exception {
        final OptimizerConfig config = withImpact(config(), new ImpactPolicy(1e9, 100, Set.of()));
        service = OptimizerService.start(config, optimizer, List.of(SpeedSettingsAgent.defaults()),
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)).get(60, TimeUnit.SECONDS);

        // 50 % is offered but outside the bounds; 60 % is not offered; 70 % is the lowest feasible
        await("both machines are asked to run at 70 %", () -> desiredSpeed(PRESS).equals(Optional.of(70.0))
                && desiredSpeed(CNC).equals(Optional.of(70.0)));
        // the counters follow the write's answer, which may come after the twin shows the value
        await("both writes are counted", () -> service.statistics().dispatched() >= 2);
        assertThat(service.statistics().writesRefused()).isZero();

        service.close();
        service = null;
        final Verification log = new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory()))
                .verify(config.decisionLog());
        assertThat(log.findings()).isEmpty();
        assertThat(log.entries()).isGreaterThanOrEqualTo(4); // a decision and a dispatch entry per machine
        assertThat(java.nio.file.Files.readString(config.decisionLog()))
                .contains("\"disposition\":\"DISPATCH\"").contains("\"status\":\"WRITTEN\"")
                .contains("line:Press01 speed 100 % -> 70 %");
        // each write was signed for the decision under whose id the log records its dispatch (the guard checked
        // the signature over that id before the twin took the values)
        final String keyId = io.twinloop.audit.AgentKey.loadOrCreate(config.keyDirectory(), "optimizer").keyId();
        final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int signedDispatches = 0;
        for (final String line : java.nio.file.Files.readAllLines(config.decisionLog())) {
            final var entry = json.readTree(line).path("entry");
            if ("dispatch".equals(entry.path("kind").asText())) {
                for (final var outcome : entry.path("body").path("outcomes")) {
                    assertThat(outcome.path("detail").asText())
                            .endsWith("signed by " + keyId + " for decision " + entry.path("decisionId").asText());
                    signedDispatches++;
                }
            }
        }
        assertThat(signedDispatches).isGreaterThanOrEqualTo(2);
    }

    /**
     * A stepped simulation hands the service its own clock: the agents see it as "now" (the view's readAt), and
     * once the routine writes are done nothing is under way (settled), so a harness may step the plant again.
     */
    @Test
    void onAGivenClockTheAgentsSeeItsTimeAndTheServiceSettlesAfterItsWrites() throws Exception {
        final java.time.Instant simulated = java.time.Instant.parse("2023-10-02T06:00:00Z");
        final java.time.Clock clock = java.time.Clock.fixed(simulated, java.time.ZoneOffset.UTC);
        final OptimizerConfig config = withImpact(config(), new ImpactPolicy(1e9, 100, Set.of()));
        final java.util.List<java.time.Instant> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        final io.twinloop.optimizer.agent.Agent watcher = new io.twinloop.optimizer.agent.Agent() {
            @Override
            public String name() {
                return "clock-watcher";
            }

            @Override
            public java.util.List<io.twinloop.optimizer.agent.Candidate> propose(
                    final io.twinloop.optimizer.plant.PlantView view) {
                seen.add(view.readAt());
                return java.util.List.of();
            }
        };
        service = OptimizerService.start(config, optimizer, goal -> new AgentLineup(
                List.of(SpeedSettingsAgent.defaults(), watcher),
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)), clock)
                .get(60, TimeUnit.SECONDS);

        await("both machines are asked to run at 70 %", () -> desiredSpeed(PRESS).equals(Optional.of(70.0))
                && desiredSpeed(CNC).equals(Optional.of(70.0)));
        await("the service settles once its writes are done", () -> service.statistics().dispatched() >= 2
                && service.settled());
        assertThat(seen).isNotEmpty().allMatch(simulated::equals);
        assertThat(service.projection().snapshot().readAt()).isEqualTo(simulated);

        // a twin change is under way until it is decided (the owner removes the request: a person's new value
        // would hold against the agents, see ManualHoldTest)
        owner.delete(TwinPath.thing(PRESS).desiredProperty("OperationalData", JsonPointer.of("Speed")),
                RequestOptions.none()).join();
        await("the service writes 70 % again and settles", () -> desiredSpeed(PRESS).equals(Optional.of(70.0))
                && service.settled());
    }

    /** A harness that steps a plant asks for each decision; a twin change alone only makes one due. */
    @Test
    void onRequestAChangeWaitsForDecideNowAndTheServiceIsNotSettledMeanwhile() throws Exception {
        final OptimizerConfig config = withImpact(config(), new ImpactPolicy(1e9, 100, Set.of()))
                .withDecisionsOnRequest(true);
        service = OptimizerService.start(config, optimizer, List.of(SpeedSettingsAgent.defaults()),
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)).get(60, TimeUnit.SECONDS);

        await("the twins seen are due for a decision", () -> service.projection().size() >= 2 && !service.settled());
        Thread.sleep(500); // ten decision intervals: a service following changes would have written by now
        assertThat(desiredSpeed(PRESS)).isEmpty();
        assertThat(service.statistics().dispatched()).isZero();
        assertThat(service.settled()).isFalse();

        assertThat(service.decideNow()).isTrue();
        await("one decision, one machine asked to run at 70 %", () -> service.statistics().dispatched() == 1);
        // its write changed a twin: due again, and nothing more happens until asked (as a settler asks, once quiet)
        Thread.sleep(500);
        assertThat(service.statistics().decisions()).isEqualTo(1);
        await("asked again whenever quiet, both run at 70 % and the service settles", () -> {
            service.decideNow();
            return desiredSpeed(PRESS).equals(Optional.of(70.0)) && desiredSpeed(CNC).equals(Optional.of(70.0))
                    && service.settled();
        });
        assertThat(service.statistics().dispatched()).isEqualTo(2);
        assertThat(config().decidesOnRequest()).as("the default follows the changes").isFalse();
    }

    @Test
    void theTwinRefusesADesiredWriteOfTheOptimizerThatIsNotSigned() {
        final long revision = owner.retrieve(TwinPath.thing(PRESS), RequestOptions.none()).join().revision()
                .orElseThrow();
        assertThatThrownBy(() -> optimizer.merge(TwinPath.thing(PRESS), org.eclipse.ditto.json.JsonObject.of(
                "{\"features\":{\"OperationalData\":{\"desiredProperties\":{\"Speed\":70.0}}}}"),
                RequestOptions.none().ifMatchRevision(revision)).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.errorCode()).contains("things:feature.desiredProperties.notmodifiable");
                            assertThat(e.description()).hasValueSatisfying(d -> assertThat(d)
                                    .endsWith("(twinloop guard: UNSIGNED)"));
                        });
        assertThat(desiredSpeed(PRESS)).isEmpty();
    }

    @Test
    void highImpactDecisionsWaitAsProposalsAndWriteNothing() throws Exception {
        service = OptimizerService.start(withImpact(config(), ImpactPolicy.defaults()), optimizer,
                List.of(SpeedSettingsAgent.defaults()), new SurrogateModel(SurrogateModel.Settings.defaults(),
                        hour -> 0.25)).get(60, TimeUnit.SECONDS);

        await("a proposal waits", () -> service.statistics().proposalsOpen() > 0);
        assertThat(service.proposals().get(0).impact().reasons()).anyMatch(r -> r.contains("speed step of 30 points"));
        assertThat(desiredSpeed(PRESS)).isEmpty();
        assertThat(desiredSpeed(CNC)).isEmpty();
    }

    @Test
    void theOptimizerMayNotWriteAnythingButDesiredValues() {
        assertThatThrownBy(() -> optimizer.putFeatureProperty(PRESS, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(70.0), RequestOptions.none()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(AccessDeniedException.class);
        assertThat(owner.retrieveThing(PRESS).join().getFeatures().flatMap(f -> f.getFeature("OperationalData"))
                .flatMap(f -> f.getProperty(JsonPointer.of("Speed")))).contains(JsonValue.of(100.0));
    }

    @Test
    void aWriteBasedOnAnOutdatedRevisionIsAConflictAndChangesNothing() {
        final long revision = owner.retrieve(TwinPath.thing(PRESS), RequestOptions.none()).join().revision()
                .orElseThrow();
        owner.putFeatureProperty(PRESS, "OperationalData", JsonPointer.of("PowerDraw"), JsonValue.of(21.0),
                RequestOptions.none()).join(); // the twin moves on

        // signed for the revision it was based on: the guard passes it, the twin's If-Match does not
        final List<DispatchOutcome> outcomes = new DesiredWriter(optimizer, Duration.ofSeconds(10),
                WriteSigner.fromKeyDirectory(config().keyDirectory(), "optimizer"))
                .write(List.of(new Action(PRESS, "OperationalData", JsonPointer.of("Speed"), JsonValue.of(70.0),
                        revision)), "d-test").join();

        assertThat(outcomes).singleElement().extracting(DispatchOutcome::status)
                .isEqualTo(DispatchOutcome.Status.CONFLICT);
        assertThat(desiredSpeed(PRESS)).isEmpty();
    }

    private Optional<Double> desiredSpeed(final ThingId id) {
        return line.desiredSpeed(id);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        TwinLine.await(what, condition);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        line.close();
    }
}
