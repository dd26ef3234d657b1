package io.twinloop.optimizer.outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.LineStart;
import io.twinloop.optimizer.whatif.PlantEstimates;
import io.twinloop.optimizer.whatif.WhatIfReport;

/**
 * Observes what happened after a decision, on the twins (the projection), until its horizon has passed, and hands
 * the observation with the prediction to compare to a {@link Sink} (the decision log). Sampled every
 * {@code sampleInterval}: energy is the line's power integrated over the samples, downtime the machine-hours seen
 * {@code FAILED} or in {@code MAINTENANCE}, throughput the parts the last machine in flow order made
 * ({@code PartsProduced}), cost as the models count it (energy at the price, units short of full output at the lost
 * unit cost, each maintenance started and each failure at its cost). Bounded: at most {@code capacity} decisions at
 * once, the oldest given up beyond (WARN). Thread-safe.
 */
public final class OutcomeTracker {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeTracker.class);

    /** Where observed outcomes go. */
    @FunctionalInterface
    public interface Sink {
        void observed(Observation observation);
    }

    /**
     * What was observed for one decision, beside what was predicted.
     *
     * @param decisionHash the hash of the decision's entry in the log
     * @param comparedWith {@code chosen} when the chosen candidate was applied, else {@code noChange}
     * @param predictions the predictions it was recorded with (the decision's; a sampled simulation's too)
     * @param samples how many times the twins were sampled
     */
    public record Observation(String decisionId, String decisionHash, String comparedWith,
            List<WhatIfReport> predictions, Instant from, Instant to, Objectives observed, int samples) {

        public Observation {
            predictions = List.copyOf(predictions);
        }

        /** The prediction of the objectives that were applied: the chosen candidate's or no change's. */
        public Objectives predicted(final WhatIfReport report) {
            return "chosen".equals(comparedWith) ? report.chosen() : report.noChange();
        }
    }

    private final class Window {
        final String decisionId;
        final String decisionHash;
        final boolean chosenApplied;
        final List<WhatIfReport> predictions = new ArrayList<>();
        final Instant from;
        final Instant until;
        final Map<ThingId, Double> partsAtStart = new HashMap<>();
        final Map<ThingId, String> lastState = new HashMap<>();
        Instant lastSample;
        double lastPowerKw;
        double energyKwh;
        double downtimeHours;
        int maintenances;
        int failures;
        int samples;

        Window(final String decisionId, final String decisionHash, final WhatIfReport prediction,
                final boolean chosenApplied, final PlantView view, final Instant now) {
            this.decisionId = decisionId;
            this.decisionHash = decisionHash;
            this.chosenApplied = chosenApplied;
            this.predictions.add(prediction);
            this.from = now;
            this.until = now.plus(prediction.horizon());
            this.lastSample = now;
            for (final MachineView machine : view.machines()) {
                partsAtStart.put(machine.thingId(), machine.partsProduced());
                lastState.put(machine.thingId(), machine.state());
            }
            this.lastPowerKw = view.powerKw();
        }

        void sample(final PlantView view, final Instant now) {
            final Instant to = now.isAfter(until) ? until : now;
            final double hours = Math.max(0, Duration.between(lastSample, to).toMillis() / 3_600_000.0);
            energyKwh += lastPowerKw * hours;
            for (final MachineView machine : view.machines()) {
                final String before = lastState.get(machine.thingId());
                final String state = machine.state();
                if (down(before)) {
                    downtimeHours += hours;
                }
                if ("FAILED".equals(state) && !"FAILED".equals(before)) {
                    failures++;
                } else if ("MAINTENANCE".equals(state) && !"MAINTENANCE".equals(before) && !"FAILED".equals(before)) {
                    maintenances++;
                }
                lastState.put(machine.thingId(), state);
            }
            lastPowerKw = view.powerKw();
            lastSample = to;
            samples++;
        }

        Observation close(final PlantView view) {
            final double hours = Duration.between(from, until).toMillis() / 3_600_000.0;
            final List<MachineView> line = LineStart.inFlowOrder(view, estimates.lineOrder());
            double throughput = 0;
            for (int i = line.size() - 1; i >= 0; i--) {
                final MachineView last = line.get(i);
                if (!Double.isNaN(last.partsProduced()) && partsAtStart.containsKey(last.thingId())
                        && !Double.isNaN(partsAtStart.get(last.thingId()))) {
                    throughput = Math.max(0, last.partsProduced() - partsAtStart.get(last.thingId()));
                    break;
                }
            }
            final var s = estimates.surrogate();
            final double lost = Math.max(0, s.unitsPerHourAtFullSpeed() * hours - throughput);
            final double cost = energyKwh * pricePerKwh + lost * s.lostUnitCostEur()
                    + maintenances * s.maintenanceCostEur() + failures * s.repairCostEur();
            return new Observation(decisionId, decisionHash, chosenApplied ? "chosen" : "noChange", predictions,
                    from, until, new Objectives(cost, energyKwh, downtimeHours, throughput), samples);
        }
    }

    private static boolean down(final String state) {
        return "FAILED".equals(state) || "MAINTENANCE".equals(state);
    }

    private final Supplier<PlantView> twins;
    private final PlantEstimates estimates;
    private final double pricePerKwh;
    private final int capacity;
    private final Sink sink;
    private final Clock clock;
    private final LinkedHashMap<String, Window> open = new LinkedHashMap<>();

    /**
     * @param twins the projection's current picture
     * @param estimates the cost figures and the line order (as the models use them)
     */
    public OutcomeTracker(final Supplier<PlantView> twins, final PlantEstimates estimates, final double pricePerKwh,
            final int capacity, final Sink sink, final Clock clock) {
        this.twins = Objects.requireNonNull(twins, "twins");
        this.estimates = Objects.requireNonNull(estimates, "estimates");
        this.pricePerKwh = pricePerKwh;
        this.capacity = capacity;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts observing a decision now, until its prediction's horizon has passed.
     *
     * @param chosenApplied whether the chosen candidate was applied (else what happened is compared with no change)
     */
    public synchronized void track(final String decisionId, final String decisionHash, final WhatIfReport prediction,
            final boolean chosenApplied) {
        if (open.size() >= capacity) {
            final String oldest = open.keySet().iterator().next();
            open.remove(oldest);
            LOG.warn("outcome of decision {} given up: {} decisions observed at once already", oldest, capacity);
        }
        open.put(decisionId, new Window(decisionId, decisionHash, prediction, chosenApplied, twins.get(),
                clock.instant()));
    }

    /** Another prediction of a decision observed (a sampled simulation after dispatch): compared too. */
    public synchronized void alsoPredicted(final String decisionId, final WhatIfReport prediction) {
        final Window window = open.get(decisionId);
        if (window != null) {
            window.predictions.add(prediction);
        }
    }

    public synchronized int observing() {
        return open.size();
    }

    /** Takes one sample of the twins for every decision observed, and closes those whose horizon has passed. */
    public void sample() {
        final List<Observation> done = new ArrayList<>();
        synchronized (this) {
            if (open.isEmpty()) {
                return;
            }
            final PlantView view = twins.get();
            final Instant now = clock.instant();
            for (final var it = open.values().iterator(); it.hasNext();) {
                final Window window = it.next();
                window.sample(view, now);
                if (!now.isBefore(window.until)) {
                    done.add(window.close(view));
                    it.remove();
                }
            }
        }
        for (final Observation observation : done) {
            try {
                sink.observed(observation);
            } catch (final RuntimeException e) {
                LOG.error("outcome of decision {} could not be recorded", observation.decisionId(), e);
            }
        }
    }

    /** Decisions still observed when the service stops: their horizon has not passed, nothing is recorded. */
    public synchronized List<String> abandon() {
        final List<String> ids = new ArrayList<>(open.keySet());
        open.clear();
        return ids;
    }
}
