package io.twinloop.optimizer.service;

import static io.twinloop.optimizer.TwinLine.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.audit.Verification;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.quality.QualityAgent;
import io.twinloop.optimizer.whatif.DiscreteEventModel;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.optimizer.sequencing.SequencingSettings;
import io.twinloop.optimizer.whatif.WhatIfConfig;
import io.twinloop.twin.client.RequestOptions;

/**
 * What-if before acting, in the running service against the embedded twin server: high-impact proposals are
 * simulated on the plant's engine before they are shown, routine decisions keep the surrogate, a failed simulation
 * falls back with the reason, and outcomes are recorded after the horizon with their errors, in a chain that
 * verifies.
 */
class WhatIfServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TwinLine line;
    private OptimizerService service;

    @BeforeEach
    void twins() throws Exception {
        line = TwinLine.start(tmp.resolve("twins"));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        line.close();
    }

    /** Energy is all that counts: the lowest feasible speed wins; each run writes its own log. */
    private OptimizerConfig config(final String log, final ImpactPolicy impact, final Duration horizon,
            final WhatIfConfig whatIf) {
        return new OptimizerConfig(new TwinScope(List.of("line"), Optional.empty()),
                new GoalLayer(new Weights(0, 1, 0), 0, Map.of("Speed", new Bound(60, 130)), horizon), impact,
                false, 1.0, Duration.ofMillis(50), Duration.ofSeconds(10), tmp.resolve("optimizer/" + log + ".jsonl"),
                tmp.resolve("optimizer/keys"), "optimizer", SequencingSettings.defaults(), whatIf,
                QualityAgent.Settings.defaults());
    }

    private void start(final OptimizerConfig config) throws Exception {
        service = OptimizerService.start(config, line.optimizer(), List.of(SpeedSettingsAgent.defaults()),
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)).get(60, TimeUnit.SECONDS);
    }

    /** The complete entries: the service may be appending one while the test reads (a last line without its break). */
    private static List<JsonNode> entries(final Path log) throws IOException {
        final String text = Files.readString(log);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<JsonNode> entriesNow(final Path log) {
        try {
            return entries(log);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> ofKind(final List<JsonNode> entries, final String kind) {
        return entries.stream().filter(e -> kind.equals(e.path("entry").path("kind").asText())).toList();
    }

    @Test
    void highImpactProposalsAreSimulatedBeforeTheyAreShownRoutineOnesKeepTheSurrogate() throws Exception {
        // a speed step of 30 points is HIGH in the default policy
        final OptimizerConfig config = config("proposed", ImpactPolicy.defaults(), Duration.ofHours(1),
                WhatIfConfig.defaults());
        start(config);

        await("a proposal is shown", () -> !service.proposals().isEmpty());
        final Decision proposal = service.proposals().get(0);
        assertThat(proposal.prediction().model()).isEqualTo(DiscreteEventModel.NAME);
        assertThat(proposal.prediction().replications()).isEqualTo(8);
        assertThat(proposal.prediction().chosenSpread()).isPresent();
        assertThat(proposal.prediction().fallback()).isEmpty();
        assertThat(proposal.prediction().findings().get(0)).startsWith("the simulation");
        // the twins show neither a job queue nor a line order: the simulation says what it assumed
        assertThat(proposal.prediction().findings()).anyMatch(f -> f.startsWith("line order assumed"));
        final long wallMillis = proposal.prediction().wallTime().toMillis();
        org.slf4j.LoggerFactory.getLogger(WhatIfServiceTest.class).info(
                "discrete-event what-if of a 2-machine proposal (2 candidates x 8 replications x 1 h): {} ms",
                wallMillis);
        assertThat(Files.readString(config.decisionLog())).contains("\"model\":\"des\"");
        service.close();
        service = null;

        // the same line with a lenient policy: routine, dispatched at once, predicted by the surrogate
        final OptimizerConfig routine = config("routine", new ImpactPolicy(1e9, 100, Set.of()), Duration.ofHours(1),
                WhatIfConfig.defaults());
        start(routine);
        await("a routine decision is dispatched", () -> service.statistics().dispatched() > 0);
        service.close();
        service = null;
        final List<JsonNode> decisions = ofKind(entries(routine.decisionLog()), "decision");
        assertThat(decisions).isNotEmpty().allSatisfy(d -> {
            final JsonNode prediction = d.path("entry").path("body").path("prediction");
            assertThat(prediction.path("model").asText()).isEqualTo("surrogate");
            assertThat(prediction.path("horizonHours").asDouble()).isEqualTo(1.0);
            assertThat(prediction.has("chosenSpread")).isFalse();
        });
    }

    @Test
    void aSimulationThatCannotBeMadeFallsBackOnTheSurrogateAndSaysWhy() throws Exception {
        final OptimizerConfig config = config("hurried", ImpactPolicy.defaults(), Duration.ofHours(1),
                WhatIfConfig.defaults().withEngine(DiscreteEventModel.Settings.defaults()
                        .withWallBudget(Duration.ofNanos(1))));
        start(config);
        await("a proposal is shown", () -> !service.proposals().isEmpty());
        final Decision proposal = service.proposals().get(0);
        assertThat(proposal.prediction().model()).isEqualTo("surrogate");
        assertThat(proposal.prediction().fallback()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("discrete-event what-if failed: wall-time budget of 0 ms exceeded"));
        service.close();
        service = null;

        // a twin in a state the engine does not know
        line.owner().putFeatureProperty(TwinLine.CNC, "OperationalData", JsonPointer.of("State"),
                JsonValue.of("EXPLODED"), RequestOptions.none()).join();
        final OptimizerConfig odd = config("odd", ImpactPolicy.defaults(), Duration.ofHours(1),
                WhatIfConfig.defaults());
        start(odd);
        await("a proposal is shown", () -> !service.proposals().isEmpty());
        assertThat(service.proposals().get(0).prediction().fallback()).hasValueSatisfying(reason ->
                assertThat(reason).contains("cannot start the engine from twin line:CNC01")
                        .contains("State 'EXPLODED'"));
        service.close();
        service = null;
        final JsonNode decision = ofKind(entries(odd.decisionLog()), "decision").get(0);
        assertThat(decision.path("entry").path("body").path("prediction").path("fallback").asText())
                .contains("State 'EXPLODED'");
    }

    @Test
    void afterTheHorizonTheOutcomeIsRecordedWithItsErrorsAndTheChainVerifies() throws Exception {
        for (final var machine : List.of(TwinLine.PRESS, TwinLine.CNC)) {
            line.owner().putFeatureProperty(machine, "OperationalData", JsonPointer.of("PartsProduced"),
                    JsonValue.of(100), RequestOptions.none()).join();
        }
        final Duration horizon = Duration.ofSeconds(3);
        final OptimizerConfig config = config("observed", new ImpactPolicy(1e9, 100, Set.of()), horizon,
                WhatIfConfig.defaults().withOutcomeSampleInterval(Duration.ofMillis(100)).withRoutineSampleEvery(1))
                // over 3 s the energy saved is a few Wh: weigh it so that it beats the improvement margin
                .withGoal(new GoalLayer(new Weights(0, 100_000, 0), 0, Map.of("Speed", new Bound(60, 130)), horizon));
        start(config);
        await("a routine decision is dispatched", () -> service.statistics().dispatched() > 0);
        // the line makes 30 parts while the decision's horizon runs (the last machine by thing id: Press01)
        for (final var machine : List.of(TwinLine.PRESS, TwinLine.CNC)) {
            line.owner().putFeatureProperty(machine, "OperationalData", JsonPointer.of("PartsProduced"),
                    JsonValue.of(130), RequestOptions.none()).join();
        }
        await("an outcome is recorded", () -> ofKind(entriesNow(config.decisionLog()), "outcome").size() > 0);
        service.close();
        service = null;

        final List<JsonNode> entries = entries(config.decisionLog());
        final JsonNode outcome = ofKind(entries, "outcome").get(0);
        final String decisionId = outcome.path("entry").path("decisionId").asText();
        final JsonNode decision = ofKind(entries, "decision").stream()
                .filter(d -> d.path("entry").path("decisionId").asText().equals(decisionId)).findFirst()
                .orElseThrow();
        final JsonNode body = outcome.path("entry").path("body");
        assertThat(body.path("decisionHash").asText()).isEqualTo(decision.path("hash").asText());
        assertThat(body.path("comparedWith").asText()).isEqualTo("chosen");
        // both machines draw 30 kW together (nothing changes their power here) over the 3 s horizon
        assertThat(body.path("observed").path("energyKwh").asDouble()).isCloseTo(30 * 3 / 3600.0, within(2e-3));
        assertThat(body.path("observed").path("downtimeHours").asDouble()).isZero();
        assertThat(body.path("samples").asInt()).isGreaterThan(1);
        final JsonNode surrogate = body.path("predictions").get(0);
        assertThat(surrogate.path("model").asText()).isEqualTo("surrogate");
        final double observedUnits = body.path("observed").path("throughputUnits").asDouble();
        final double predictedUnits = surrogate.path("predicted").path("throughputUnits").asDouble();
        assertThat(surrogate.path("error").path("throughputUnits").asDouble())
                .isCloseTo(observedUnits - predictedUnits, within(1e-3));
        // the sampled simulation of the routine decision is compared too, with its spread
        assertThat(ofKind(entries, "prediction")).anySatisfy(p -> assertThat(p.path("entry").path("body")
                .path("prediction").path("model").asText()).isEqualTo("des"));
        assertThat(ofKind(entries, "outcome")).anySatisfy(o -> assertThat(o.path("entry").path("body")
                .path("predictions")).anySatisfy(p -> {
                    assertThat(p.path("model").asText()).isEqualTo("des");
                    assertThat(p.has("spread")).isTrue();
                }));
        assertThat(ofKind(entries, "outcome")).anySatisfy(o -> assertThat(o.path("entry").path("body")
                .path("observed").path("throughputUnits").asDouble()).isEqualTo(30));

        final Verification verification = new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory()))
                .verify(config.decisionLog());
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.entries()).isEqualTo(entries.size());
    }
}
