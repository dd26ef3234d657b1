package io.twinloop.plant;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.line.DueDatePolicy;
import io.twinloop.plant.line.LineLayout;
import io.twinloop.plant.line.ProductionLine;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.QualityProfile;
import io.twinloop.plant.time.ShiftCalendar;
import io.twinloop.plant.time.SimulationClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The simulation engine: a production line stepped in fixed steps of simulated time.
 *
 * <p>Reproducible by construction: the same seed, layout and commands applied at the same simulated instants give
 * the same trajectory, however {@link #advance} calls are chunked (time that does not fill a whole step is carried
 * over, never stepped partially). The engine never reads a wall clock and never sleeps; a
 * {@link io.twinloop.plant.runtime.PlantRuntime} drives it in (scaled) real time. The optimizer may build its own
 * instance for what-if runs. Not thread-safe.
 */
public final class Plant {

    private final SimulationClock clock;
    private final Duration step;
    private final ProductionLine line;
    private long pendingNanos;

    private Plant(final Builder builder) {
        this.clock = SimulationClock.startingAt(builder.start, builder.speedFactor);
        this.step = builder.step;
        this.line = builder.starts == null
                ? new ProductionLine(builder.layout, builder.degradation, builder.seed, clock, builder.dueDates,
                        builder.cncQuality, builder.calendar)
                : new ProductionLine(builder.starts, builder.queueCapacity, builder.degradation, builder.seed, clock,
                        builder.dueDates, builder.cncQuality, builder.calendar);
    }

    public static Builder builder() {
        return new Builder();
    }

    public SimulationClock clock() {
        return clock;
    }

    public Duration step() {
        return step;
    }

    /** Moves the plant on by {@code duration} of simulated time, in whole steps. */
    public void advance(final Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
        }
        pendingNanos = Math.addExact(pendingNanos, duration.toNanos());
        final long stepNanos = step.toNanos();
        while (pendingNanos >= stepNanos) {
            line.step(step);
            clock.advance(step);
            pendingNanos -= stepNanos;
        }
    }

    /** Applies a setpoint change at the current simulated instant. */
    public CommandResult apply(final Command command) {
        return line.apply(Objects.requireNonNull(command, "command"));
    }

    public PlantSnapshot snapshot() {
        return new PlantSnapshot(clock.now(), line.jobsShipped(), line.snapshot());
    }

    public static final class Builder {
        private LineLayout layout = LineLayout.defaultLine();
        private long seed = 1;
        private Instant start = Instant.parse("2026-01-05T06:00:00Z");
        private Duration step = Duration.ofSeconds(1);
        private double speedFactor = 60;
        private DegradationModel degradation;
        private DueDatePolicy dueDates = DueDatePolicy.defaults();
        private List<MachineStart> starts;
        private int queueCapacity;
        private QualityProfile cncQuality = QualityProfile.cncDefault();
        private ShiftCalendar calendar = ShiftCalendar.aroundTheClock();

        private Builder() {
        }

        /**
         * How orders get due dates and how often one is expedited (default {@link DueDatePolicy#defaults()};
         * {@code DueDatePolicy.defaults().withoutExpedites()} keeps every due date as drawn at release).
         */
        public Builder dueDates(final DueDatePolicy dueDates) {
            this.dueDates = Objects.requireNonNull(dueDates, "dueDates");
            return this;
        }

        /**
         * Machines that start in the given states (in flow order), with {@code queueCapacity} jobs per queue,
         * instead of new ones from the layout (which is then not used). For what-if runs set up from outside, e.g.
         * from the twins.
         */
        public Builder startingFrom(final List<MachineStart> machines, final int capacity) {
            this.starts = List.copyOf(machines);
            this.queueCapacity = capacity;
            return this;
        }

        public Builder layout(final LineLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder seed(final long seed) {
            this.seed = seed;
            return this;
        }

        /** Simulated instant the plant starts at (default 2026-01-05T06:00Z, a Monday's early shift). */
        public Builder start(final Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Simulated time per engine step (default 1 s, well below the shortest cycle time). */
        public Builder step(final Duration step) {
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("simulation step must be positive, was " + step);
            }
            this.step = step;
            return this;
        }

        /** Simulated seconds per real second when a runtime drives the plant (default 60). */
        public Builder speedFactor(final double speedFactor) {
            this.speedFactor = speedFactor;
            return this;
        }

        /** Degradation parameters (default: the committed C-MAPSS fit). */
        public Builder degradation(final DegradationModel degradation) {
            this.degradation = Objects.requireNonNull(degradation, "degradation");
            return this;
        }

        /** The dimension every CNC machine measures, with its drift (default {@link QualityProfile#cncDefault()}). */
        public Builder cncQuality(final QualityProfile quality) {
            this.cncQuality = Objects.requireNonNull(quality, "quality");
            return this;
        }

        /**
         * When operators are there (default {@link ShiftCalendar#aroundTheClock()}): off-shift no machine starts a
         * job, and due dates count the slack in staffed time.
         */
        public Builder calendar(final ShiftCalendar value) {
            this.calendar = Objects.requireNonNull(value, "calendar");
            return this;
        }

        public Plant build() {
            if (degradation == null) {
                degradation = DegradationModel.fitted();
            }
            return new Plant(this);
        }
    }
}
