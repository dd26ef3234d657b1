package io.twinloop.optimizer.sequencing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.ditto.things.model.ThingId;

/**
 * The scheduling agent's configuration (every option is documented in the module README).
 *
 * @param lines each flow line's machine twins in flow order (every job visits them in this order, as the plant's
 *     {@code LineLayout}); a machine with a job queue on no line is scheduled on its own
 * @param cycleTimes nominal time per part at 100 % speed by machine; a twin's {@code TechnicalData/NominalCycleTime}
 *     (seconds) takes precedence
 * @param defaultCycleTime the nominal time per part for machines neither the twin nor {@code cycleTimes} describes
 * @param candidates how many candidate schedules per line the agent proposes (at least twenty are generated and
 *     evaluated when the queues allow that many orders)
 * @param solverBudget wall time the job-shop solver may use at a trigger (on the decision's thread)
 * @param seed the solver's seed (re-sequencing is reproducible for a seed up to the time limit)
 * @param localSearchEvaluations most schedules the swap descent on delivery may evaluate per line and decision
 * @param penalty how lateness is priced as cost
 * @param minGainEur least penalty a re-sequencing must save against the current order to be proposed at all
 * @param clockProperty the operational property that shows the plant's clock (ISO-8601), used as "now" for due
 *     dates when a twin shows it; else the time the view was read
 * @param solverIterations 0: the solver is the hybrid (tabu search beside CP-SAT, two threads) within
 *     {@code solverBudget}; above 0: one tabu search of this many iterations, {@code solverBudget} only a cap — the
 *     same schedules on any machine and under any load (the scenario benchmark's reproducible runs)
 */
public record SequencingSettings(List<List<ThingId>> lines, Map<ThingId, Duration> cycleTimes,
        Duration defaultCycleTime, int candidates, Duration solverBudget, long seed, int localSearchEvaluations,
        DeliveryPenalty penalty, double minGainEur, String clockProperty, long solverIterations) {

    public SequencingSettings {
        lines = lines.stream().map(List::copyOf).toList();
        cycleTimes = Map.copyOf(cycleTimes);
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(clockProperty, "clockProperty");
        final Set<ThingId> seen = new HashSet<>();
        for (final List<ThingId> line : lines) {
            if (line.isEmpty()) {
                throw new IllegalArgumentException("sequencing: a line needs at least one machine");
            }
            for (final ThingId machine : line) {
                if (!seen.add(machine)) {
                    throw new IllegalArgumentException("sequencing: machine " + machine + " is on two lines or twice "
                            + "on one");
                }
            }
        }
        cycleTimes.forEach((machine, cycle) -> requirePositive("cycle time of " + machine, cycle));
        requirePositive("defaultCycleTime", defaultCycleTime);
        requirePositive("solverBudget", solverBudget);
        if (candidates < 1 || localSearchEvaluations < 0) {
            throw new IllegalArgumentException("sequencing: candidates must be >= 1 and localSearchEvaluations >= 0, "
                    + "were " + candidates + " and " + localSearchEvaluations);
        }
        if (solverIterations < 0) {
            throw new IllegalArgumentException("sequencing: solverIterations must be >= 0 (0: the time budget), was "
                    + solverIterations);
        }
        if (!(minGainEur >= 0) || Double.isInfinite(minGainEur)) {
            throw new IllegalArgumentException("sequencing: minGainEur must be finite and >= 0, was " + minGainEur);
        }
    }

    private static void requirePositive(final String name, final Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("sequencing: " + name + " must be positive, was " + value);
        }
    }

    /** No lines (every queue on its own), 60 s per part, 20 candidates, 50 ms of solver, 20 EUR per late hour. */
    public static SequencingSettings defaults() {
        return new SequencingSettings(List.of(), Map.of(), Duration.ofSeconds(60), 20, Duration.ofMillis(50), 1,
                2_000, DeliveryPenalty.defaults(), 5.0, "SimulationTime", 0);
    }

    /** These settings with one more flow line. */
    public SequencingSettings withLine(final ThingId... flowOrder) {
        final List<List<ThingId>> more = new ArrayList<>(lines);
        more.add(List.of(flowOrder));
        return new SequencingSettings(more, cycleTimes, defaultCycleTime, candidates, solverBudget, seed,
                localSearchEvaluations, penalty, minGainEur, clockProperty, solverIterations);
    }

    public SequencingSettings withCycleTime(final ThingId machine, final Duration perPart) {
        final Map<ThingId, Duration> more = new HashMap<>(cycleTimes);
        more.put(machine, perPart);
        return new SequencingSettings(lines, more, defaultCycleTime, candidates, solverBudget, seed,
                localSearchEvaluations, penalty, minGainEur, clockProperty, solverIterations);
    }

    public SequencingSettings withCandidates(final int count) {
        return new SequencingSettings(lines, cycleTimes, defaultCycleTime, count, solverBudget, seed,
                localSearchEvaluations, penalty, minGainEur, clockProperty, solverIterations);
    }

    public SequencingSettings withSolverBudget(final Duration budget) {
        return new SequencingSettings(lines, cycleTimes, defaultCycleTime, candidates, budget, seed,
                localSearchEvaluations, penalty, minGainEur, clockProperty, solverIterations);
    }

    public SequencingSettings withPenalty(final DeliveryPenalty value) {
        return new SequencingSettings(lines, cycleTimes, defaultCycleTime, candidates, solverBudget, seed,
                localSearchEvaluations, value, minGainEur, clockProperty, solverIterations);
    }

    public SequencingSettings withMinGainEur(final double value) {
        return new SequencingSettings(lines, cycleTimes, defaultCycleTime, candidates, solverBudget, seed,
                localSearchEvaluations, penalty, value, clockProperty, solverIterations);
    }

    /** One tabu search of {@code iterations} per solve (0: the hybrid within the time budget). */
    public SequencingSettings withSolverIterations(final long iterations) {
        return new SequencingSettings(lines, cycleTimes, defaultCycleTime, candidates, solverBudget, seed,
                localSearchEvaluations, penalty, minGainEur, clockProperty, iterations);
    }
}
