package io.twinloop.optimizer.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.hold.HoldSettings;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.quality.QualityAgent;
import io.twinloop.optimizer.sequencing.SequencingSettings;
import io.twinloop.optimizer.whatif.PlantEstimates;
import io.twinloop.optimizer.whatif.WhatIfConfig;

/**
 * Everything the optimizer service is told from outside; {@link #defaults(Path)} runs it on the embedded demo
 * (documented in the module README).
 *
 * @param scope the twins followed
 * @param goal the initial goal layer (it can be replaced at run time)
 * @param impact when a decision waits for a person
 * @param recommendOnly record decisions, write nothing (the first weeks of a deployment)
 * @param minImprovement score margin a candidate must beat no change by
 * @param decisionInterval at most one decision per interval; changes in between are conflated into the next
 * @param ackTimeout how long a desired write waits for {@code twin-persisted}
 * @param decisionLog the signed decision log file
 * @param keyDirectory where the agent's signing key lives (created on first start)
 * @param agentName the name the key and the log entries carry
 * @param sequencing the scheduling agent's lines, cycle times, candidates, solver budget and delivery penalty
 * @param whatIf which decisions the discrete-event what-if checks, and how outcomes are observed
 * @param quality the quality agent's drift detection and corrections ({@link AgentLineup#standard})
 * @param holds how long a person's desired value holds against the agents, and which subjects are the optimizer's
 * @param decidesOnRequest decide only when {@link OptimizerService#decideNow()} is called, not on every twin change:
 *        for a harness stepping a simulated plant, which asks once the twins show the whole step and every write is
 *        answered, so that a run decides on the same pictures each time (false: follow the changes)
 */
public record OptimizerConfig(TwinScope scope, GoalLayer goal, ImpactPolicy impact, boolean recommendOnly,
        double minImprovement, Duration decisionInterval, Duration ackTimeout, Path decisionLog, Path keyDirectory,
        String agentName, SequencingSettings sequencing, WhatIfConfig whatIf, QualityAgent.Settings quality,
        HoldSettings holds, boolean decidesOnRequest) {

    public OptimizerConfig {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(impact, "impact");
        if (!(minImprovement >= 0)) {
            throw new IllegalArgumentException("optimizer configuration: minImprovement must be >= 0, was "
                    + minImprovement);
        }
        requirePositive("decisionInterval", decisionInterval);
        requirePositive("ackTimeout", ackTimeout);
        Objects.requireNonNull(decisionLog, "decisionLog");
        Objects.requireNonNull(keyDirectory, "keyDirectory");
        if (agentName == null || agentName.isBlank()) {
            throw new IllegalArgumentException("optimizer configuration: agentName must not be empty");
        }
        Objects.requireNonNull(sequencing, "sequencing");
        Objects.requireNonNull(whatIf, "whatIf");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(holds, "holds");
    }

    /** With the default manual holds ({@link HoldSettings#defaults()}: 8 h, the optimizer as nginx:optimizer). */
    public OptimizerConfig(final TwinScope scope, final GoalLayer goal, final ImpactPolicy impact,
            final boolean recommendOnly, final double minImprovement, final Duration decisionInterval,
            final Duration ackTimeout, final Path decisionLog, final Path keyDirectory, final String agentName,
            final SequencingSettings sequencing, final WhatIfConfig whatIf, final QualityAgent.Settings quality) {
        this(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout, decisionLog,
                keyDirectory, agentName, sequencing, whatIf, quality, HoldSettings.defaults(), false);
    }

    /**
     * Without scheduling settings, what-if configuration and quality settings: the scheduling agent's defaults (no
     * lines, every queue on its own), {@link WhatIfConfig#defaults()} and the quality agent's defaults.
     */
    public OptimizerConfig(final TwinScope scope, final GoalLayer goal, final ImpactPolicy impact,
            final boolean recommendOnly, final double minImprovement, final Duration decisionInterval,
            final Duration ackTimeout, final Path decisionLog, final Path keyDirectory, final String agentName) {
        this(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout, decisionLog,
                keyDirectory, agentName, SequencingSettings.defaults(), WhatIfConfig.defaults(),
                QualityAgent.Settings.defaults());
    }

    private static void requirePositive(final String name, final Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("optimizer configuration: " + name + " must be positive, was " + value);
        }
    }

    /**
     * The demo's: namespace {@code demo}, equal weights, Speed within 50–130 %, a 4 h horizon; one flow line
     * Press01 → CNC01 → Robot01 at the plant's nominal cycle times (estimates the twins do not show).
     */
    public static OptimizerConfig defaults(final Path dataDirectory) {
        return new OptimizerConfig(new TwinScope(List.of("demo"), Optional.empty()),
                new GoalLayer(new Weights(1, 0.2, 50), 0, Map.of("Speed", new Bound(50, 130)), Duration.ofHours(4)),
                ImpactPolicy.defaults(), false, 1.0, Duration.ofSeconds(5), Duration.ofSeconds(10),
                dataDirectory.resolve("decisions.jsonl"), dataDirectory.resolve("keys"), "optimizer",
                demoSequencing(), WhatIfConfig.defaults().withEstimates(PlantEstimates.defaults()
                        .withLineOrder(List.of(DEMO_PRESS, DEMO_CNC, DEMO_ROBOT))),
                QualityAgent.Settings.defaults(), HoldSettings.defaults(), false);
    }

    /** The demo's flow line, in order (the twins do not say how the machines are linked). */
    private static final ThingId DEMO_PRESS = ThingId.of("demo:Press01");
    private static final ThingId DEMO_CNC = ThingId.of("demo:CNC01");
    private static final ThingId DEMO_ROBOT = ThingId.of("demo:Robot01");

    private static SequencingSettings demoSequencing() {
        return SequencingSettings.defaults().withLine(DEMO_PRESS, DEMO_CNC, DEMO_ROBOT)
                .withCycleTime(DEMO_PRESS, Duration.ofSeconds(12)).withCycleTime(DEMO_CNC, Duration.ofSeconds(90))
                .withCycleTime(DEMO_ROBOT, Duration.ofSeconds(40));
    }

    public OptimizerConfig withSequencing(final SequencingSettings settings) {
        return new OptimizerConfig(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, settings, whatIf, quality, holds, decidesOnRequest);
    }

    public OptimizerConfig withScope(final TwinScope value) {
        return new OptimizerConfig(value, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, quality, holds, decidesOnRequest);
    }

    public OptimizerConfig withRecommendOnly(final boolean recommend) {
        return new OptimizerConfig(scope, goal, impact, recommend, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, quality, holds, decidesOnRequest);
    }

    public OptimizerConfig withDecisionInterval(final Duration interval) {
        return new OptimizerConfig(scope, goal, impact, recommendOnly, minImprovement, interval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, quality, holds, decidesOnRequest);
    }

    public OptimizerConfig withGoal(final GoalLayer newGoal) {
        return new OptimizerConfig(scope, newGoal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, quality, holds, decidesOnRequest);
    }

    public OptimizerConfig withWhatIf(final WhatIfConfig value) {
        return new OptimizerConfig(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, value, quality, holds, decidesOnRequest);
    }

    public OptimizerConfig withHolds(final HoldSettings value) {
        return new OptimizerConfig(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, quality, value, decidesOnRequest);
    }

    public OptimizerConfig withQuality(final QualityAgent.Settings settings) {
        return new OptimizerConfig(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, settings, holds, decidesOnRequest);
    }

    public OptimizerConfig withDecisionsOnRequest(final boolean onRequest) {
        return new OptimizerConfig(scope, goal, impact, recommendOnly, minImprovement, decisionInterval, ackTimeout,
                decisionLog, keyDirectory, agentName, sequencing, whatIf, quality, holds, onRequest);
    }
}
