package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactClass;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.plant.PlantView;

/**
 * Runs the discrete-event what-if for the decisions that call for it, off the decision stream: on its own thread,
 * one decision at a time, at most {@value #WAITING} waiting (more are not simulated: the closed-form prediction stays,
 * with the reason). A decision's simulation (the chosen candidate and no change, every replication) must finish
 * within the engine's wall-time budget. Whatever goes wrong — a view the engine cannot start from, the budget, a
 * full queue, an unexpected error — the result is the decision's closed-form prediction with the reason in
 * {@link WhatIfReport#fallback()}, never a silent substitute.
 */
public final class WhatIfEvaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WhatIfEvaluator.class);
    private static final int WAITING = 4;

    private final WhatIfConfig config;
    private final DiscreteEventModel model;
    private final Supplier<GoalLayer> goal;
    private final double minImprovement;
    private final ThreadPoolExecutor executor;
    private final AtomicLong routine = new AtomicLong();

    /**
     * @param goal the live goal layer: the simulated figures are scored with it for the verdict
     * @param minImprovement the score margin a candidate must beat no change by (as in the orchestrator)
     */
    public WhatIfEvaluator(final WhatIfConfig config, final Supplier<GoalLayer> goal, final double minImprovement) {
        this.config = Objects.requireNonNull(config, "config");
        this.goal = Objects.requireNonNull(goal, "goal");
        this.minImprovement = minImprovement;
        final double price = config.pricePerKwh();
        this.model = new DiscreteEventModel(config.estimates(), config.engine(), hour -> price);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
                runnable -> {
                    final Thread thread = new Thread(runnable, "twinloop-whatif");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether a proposal of this impact is simulated before it is shown. */
    public boolean simulatesBeforeShowing(final Decision decision) {
        return config.simulate() && decision.disposition() == Decision.Disposition.PROPOSE
                && decision.impact().impact().compareTo(config.minImpact()) >= 0;
    }

    /** Whether this dispatched routine decision is one of the sample simulated after dispatch (every n-th). */
    public boolean samples(final Decision decision) {
        return config.simulate() && config.routineSampleEvery() > 0
                && decision.disposition() == Decision.Disposition.DISPATCH
                && decision.impact().impact() == ImpactClass.ROUTINE
                && routine.incrementAndGet() % config.routineSampleEvery() == 0;
    }

    /**
     * Simulates the decision's chosen candidate and no change on {@code view} (the view it was taken on). Never
     * completes exceptionally: a failure gives the closed-form prediction with the reason.
     */
    public CompletableFuture<WhatIfReport> evaluate(final Decision decision, final PlantView view) {
        final CompletableFuture<WhatIfReport> result = new CompletableFuture<>();
        try {
            executor.execute(() -> result.complete(run(decision, view)));
        } catch (final RejectedExecutionException busy) {
            final String reason = executor.isShutdown() ? "the what-if is shut down"
                    : "the what-if is busy (" + WAITING + " decisions waiting)";
            LOG.warn("discrete-event what-if not run, closed-form prediction kept: decision={} reason=\"{}\"",
                    decision.id(), reason);
            result.complete(decision.prediction().fellBack(reason, Duration.ZERO));
        }
        return result;
    }

    private WhatIfReport run(final Decision decision, final PlantView view) {
        final long started = System.nanoTime();
        final Duration horizon = decision.prediction().horizon().isZero() ? goal.get().horizon()
                : decision.prediction().horizon();
        try {
            final long deadline = started + config.engine().wallBudget().toNanos();
            final LineStart start = LineStart.of(view, config.estimates());
            final Candidate chosen = decision.chosen().candidate();
            final SimulatedOutcome reference = model.simulate(start, view, Candidate.noChange(), horizon, deadline);
            final SimulatedOutcome simulated = chosen.changesNothing() ? reference
                    : model.simulate(start, view, chosen, horizon, deadline);
            final Duration took = Duration.ofNanos(System.nanoTime() - started);
            final List<String> findings = new ArrayList<>();
            findings.add(verdict(decision, simulated, reference));
            findings.addAll(simulated.differencesFrom(reference));
            findings.addAll(simulated.notes());
            LOG.info("discrete-event what-if: decision={} chosen=\"{}\" replications={} horizon={} wallMillis={} "
                    + "verdict=\"{}\"", decision.id(), chosen.summary(), simulated.replications(), horizon,
                    took.toMillis(), findings.get(0));
            return WhatIfReport.simulated(horizon, simulated, reference, took, findings);
        } catch (final WhatIfException e) {
            return fallBack(decision, e.getMessage(), started);
        } catch (final RuntimeException e) {
            LOG.warn("discrete-event what-if failed unexpectedly: decision={}", decision.id(), e);
            return fallBack(decision, "the simulation failed: " + e, started);
        }
    }

    private static WhatIfReport fallBack(final Decision decision, final String reason, final long started) {
        LOG.warn("discrete-event what-if failed, closed-form prediction kept: decision={} reason=\"{}\"",
                decision.id(), reason);
        return decision.prediction().fellBack("discrete-event what-if failed: " + reason,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The goal layer's judgement on the simulated figures: does the simulation confirm the choice? */
    private String verdict(final Decision decision, final SimulatedOutcome chosen, final SimulatedOutcome reference) {
        final GoalLayer layer = goal.get();
        final Evaluation candidate = layer.evaluate(decision.chosen().candidate(), chosen.mean(), 0.8);
        final Evaluation noChange = layer.evaluate(Candidate.noChange(), reference.mean(), 0.8);
        final boolean better = candidate.feasible() && candidate.score() < noChange.score() - minImprovement;
        return String.format(Locale.ROOT, "%s: simulated score %.2f vs no change %.2f%s", better
                ? "the simulation confirms the choice" : "the simulation does NOT confirm the choice",
                candidate.score(), noChange.score(), candidate.feasible() ? ""
                        : " (breaks " + String.join("; ", candidate.violations()) + ")");
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(config.engine().wallBudget().toMillis() * (WAITING + 1) + 1_000,
                    TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (final InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
