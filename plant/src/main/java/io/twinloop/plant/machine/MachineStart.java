package io.twinloop.plant.machine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The state a machine starts in when it is not new: what a what-if run sets up from the outside (for instance from
 * a twin's values), instead of a fresh machine of its kind. Validated as a whole, so an engine never starts from a
 * state its own state machine could not reach (a machine that runs has a job, a blocked one holds a finished job,
 * one in maintenance has time left).
 *
 * @param kind labels the machine (snapshots show it); its profile is {@code profile}, not necessarily the kind's
 * @param profile cycle time, speed range, energy, signatures and wear the machine runs with: for a what-if, the
 *     caller's estimates, not the plant's own figures
 * @param wearHours accumulated wear in equivalent nominal operating hours
 * @param currentJob the job being worked on (required when {@code RUNNING})
 * @param partsDoneInCurrentJob parts of {@code currentJob} made already
 * @param queue jobs waiting, in the order they will be worked on
 * @param heldJob a finished job the next machine had no room for (required when {@code BLOCKED}, else empty)
 * @param maintenanceLeft time until a maintenance or repair ends (positive when {@code MAINTENANCE}, else zero)
 */
public record MachineStart(String id, MachineKind kind, MachineProfile profile, Mode mode, MachineState state,
        double speedPercent, double wearHours, Optional<Job> currentJob, int partsDoneInCurrentJob, List<Job> queue,
        Optional<Job> heldJob, Duration maintenanceLeft) {

    public MachineStart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currentJob, "currentJob");
        Objects.requireNonNull(heldJob, "heldJob");
        Objects.requireNonNull(maintenanceLeft, "maintenanceLeft");
        queue = List.copyOf(queue);
        final String where = "machine start of '" + id + "': ";
        if (!Double.isFinite(speedPercent) || !profile.speedRange().contains(speedPercent)) {
            throw new IllegalArgumentException(where + String.format(Locale.ROOT, "speed %s %% is outside %s",
                    speedPercent, profile.speedRange()));
        }
        if (!Double.isFinite(wearHours) || wearHours < 0) {
            throw new IllegalArgumentException(where + "wear hours must be a finite number >= 0, was " + wearHours);
        }
        if (state == MachineState.RUNNING && currentJob.isEmpty()) {
            throw new IllegalArgumentException(where + "a RUNNING machine needs the job it works on");
        }
        if (partsDoneInCurrentJob < 0 || currentJob.map(job -> partsDoneInCurrentJob >= job.parts())
                .orElse(partsDoneInCurrentJob > 0)) {
            throw new IllegalArgumentException(where + "parts done " + partsDoneInCurrentJob
                    + " must lie within the current job " + currentJob.map(Job::toString).orElse("(none)"));
        }
        if ((state == MachineState.BLOCKED) != heldJob.isPresent()) {
            throw new IllegalArgumentException(where + "a finished job is held exactly when the machine is BLOCKED;"
                    + " state " + state + ", held job " + heldJob.map(Job::id).orElse("(none)"));
        }
        if ((state == MachineState.MAINTENANCE) != (maintenanceLeft.compareTo(Duration.ZERO) > 0)) {
            throw new IllegalArgumentException(where + "maintenance time left must be positive exactly when the"
                    + " machine is in MAINTENANCE; state " + state + ", left " + maintenanceLeft);
        }
        if (state == MachineState.OFF && mode != Mode.OFF) {
            throw new IllegalArgumentException(where + "an OFF machine must be in mode OFF, was " + mode);
        }
    }

    /** A new machine of its kind, as a plant builds it: RUN, standing by, 100 %, no wear, nothing queued. */
    public static Builder builder(final String id, final MachineKind kind) {
        return new Builder(id, kind);
    }

    /** Builds a {@link MachineStart}; everything not set is as a new machine of the kind has it. */
    public static final class Builder {
        private final String id;
        private final MachineKind kind;
        private MachineProfile profile;
        private Mode mode = Mode.RUN;
        private MachineState state = MachineState.STANDBY;
        private double speedPercent = 100;
        private double wearHours;
        private Job currentJob;
        private int partsDone;
        private final List<Job> queue = new ArrayList<>();
        private Job heldJob;
        private Duration maintenanceLeft = Duration.ZERO;

        private Builder(final String id, final MachineKind kind) {
            this.id = id;
            this.kind = Objects.requireNonNull(kind, "kind");
            this.profile = kind.profile();
        }

        public Builder profile(final MachineProfile value) {
            this.profile = value;
            return this;
        }

        public Builder mode(final Mode value) {
            this.mode = value;
            return this;
        }

        public Builder state(final MachineState value) {
            this.state = value;
            return this;
        }

        public Builder speedPercent(final double value) {
            this.speedPercent = value;
            return this;
        }

        public Builder wearHours(final double value) {
            this.wearHours = value;
            return this;
        }

        public Builder currentJob(final Job job, final int partsDoneAlready) {
            this.currentJob = job;
            this.partsDone = partsDoneAlready;
            return this;
        }

        public Builder queue(final List<Job> jobs) {
            queue.clear();
            queue.addAll(jobs);
            return this;
        }

        public Builder heldJob(final Job job) {
            this.heldJob = job;
            return this;
        }

        public Builder maintenanceLeft(final Duration value) {
            this.maintenanceLeft = value;
            return this;
        }

        public MachineStart build() {
            return new MachineStart(id, kind, profile, mode, state, speedPercent, wearHours,
                    Optional.ofNullable(currentJob), partsDone, queue, Optional.ofNullable(heldJob), maintenanceLeft);
        }
    }
}
