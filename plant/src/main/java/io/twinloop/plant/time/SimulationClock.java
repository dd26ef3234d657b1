package io.twinloop.plant.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Simulated time of a plant. It only moves when the engine steps it, so a test can run hours of plant time in
 * milliseconds and a replay with the same seed and inputs sees the same instants.
 *
 * <p>The speed factor says how many simulated seconds pass per real second when a
 * {@link io.twinloop.plant.runtime.PlantRuntime} drives the clock; the engine itself never reads a wall clock.
 */
public final class SimulationClock {

    private final Instant start;
    private final double speedFactor;
    private long elapsedNanos;

    private SimulationClock(final Instant start, final double speedFactor) {
        this.start = Objects.requireNonNull(start, "start");
        if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
            throw new IllegalArgumentException("speed factor must be a positive finite number, was " + speedFactor);
        }
        this.speedFactor = speedFactor;
    }

    /**
     * @param start the simulated instant the plant starts at
     * @param speedFactor simulated seconds per real second (1 = real time)
     */
    public static SimulationClock startingAt(final Instant start, final double speedFactor) {
        return new SimulationClock(start, speedFactor);
    }

    public Instant now() {
        return start.plusNanos(elapsedNanos);
    }

    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    public double speedFactor() {
        return speedFactor;
    }

    /** The simulated time that corresponds to {@code real} wall-clock time at this clock's speed factor. */
    public Duration simulatedFor(final Duration real) {
        return Duration.ofNanos(Math.round(real.toNanos() * speedFactor));
    }

    public void advance(final Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("simulated time cannot go back: " + step);
        }
        elapsedNanos = Math.addExact(elapsedNanos, step.toNanos());
    }
}
