package io.twinloop.scenarios.policy;

import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Condition monitoring by a threshold rule: maintain a machine when the moving average of its vibration while
 * running exceeds its kind's threshold. The exponential average (time constant {@code smoothing}) keeps single
 * noisy readings from triggering; it restarts after every maintenance, and the rule waits one time constant of
 * running before it trusts the average.
 */
final class VibrationTrigger implements MaintenanceTrigger {

    private final Map<MachineKind, Double> thresholds;
    private final Duration smoothing;
    private final Map<String, Average> averages = new HashMap<>();

    VibrationTrigger(final Map<MachineKind, Double> thresholds, final Duration smoothing) {
        this.thresholds = Map.copyOf(thresholds);
        this.smoothing = smoothing;
    }

    @Override
    public void observe(final MachineObservation machine, final Instant now) {
        final Average average = averages.computeIfAbsent(machine.id(), id -> new Average());
        if (machine.state() == MachineState.MAINTENANCE) {
            average.reset();
        } else if (machine.state() == MachineState.RUNNING) {
            average.add(machine.vibration(), now, smoothing);
        } else {
            average.pause();
        }
    }

    @Override
    public boolean due(final MachineObservation machine, final Instant now) {
        final Average average = averages.get(machine.id());
        return average != null && average.runningSeconds >= smoothing.toSeconds()
                && average.value > threshold(machine);
    }

    @Override
    public String why(final MachineObservation machine) {
        return String.format(Locale.ROOT, "vibration average %.2f mm/s above %.2f mm/s",
                averages.get(machine.id()).value, threshold(machine));
    }

    private double threshold(final MachineObservation machine) {
        final Double threshold = thresholds.get(machine.kind());
        if (threshold == null) { // the scenario loader requires one per kind on the line
            throw new IllegalStateException("no vibration threshold for " + machine.kind() + " (" + machine.id()
                    + ")");
        }
        return threshold;
    }

    /** One machine's exponential moving average over running time. */
    private static final class Average {
        private boolean started;
        private double value;
        private double runningSeconds;
        private Instant last;

        void add(final double reading, final Instant now, final Duration smoothing) {
            if (!started) {
                value = reading;
                started = true;
            } else if (last != null) {
                final double dt = Duration.between(last, now).toNanos() / 1e9;
                runningSeconds += dt;
                value += (reading - value) * -Math.expm1(-dt / (smoothing.toNanos() / 1e9));
            }
            last = now;
        }

        /** Not running: the next running reading continues the average without counting the pause. */
        void pause() {
            last = null;
        }

        void reset() {
            started = false;
            value = 0;
            runningSeconds = 0;
            last = null;
        }
    }
}
