package io.twinloop.plant.machine;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.degradation.Wear;
import io.twinloop.plant.machine.CommandResult.Rejection.Reason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * One simulated machine: its state machine, the job it works on and the jobs waiting, energy, wear and condition
 * signals. Moves only when {@link #step} is called, in simulated time. Not thread-safe: a plant steps all its
 * machines on one thread and applies commands between steps.
 */
public final class Machine {

    private static final double NANOS_PER_HOUR = 3.6e12;

    private final String id;
    private final MachineKind kind;
    private final MachineProfile profile;
    private final SplittableRandom random;
    private final Wear wear;
    private final ConditionSignals signals;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final DimensionProcess quality; // null: this machine measures no quality characteristic

    private Mode mode = Mode.RUN;
    private MachineState state = MachineState.STANDBY;
    private double speedPercent = 100;
    private Job currentJob;
    private int partsDoneInJob;
    private double partProgress; // nanoseconds of work at nominal speed
    private Job finishedJob;
    private Duration maintenanceLeft = Duration.ZERO;
    private Duration warmUpLeft = Duration.ZERO; // after OFF/STANDBY -> RUN: no job runs until it is over
    private double powerKw;
    private double energyKwh;
    private long partsProduced;
    private long jobsCompleted;
    private long failures;

    /**
     * @param random this machine's own stream, so one machine's draws never shift another's
     */
    public Machine(final String id, final MachineKind kind, final DegradationModel degradation,
            final SplittableRandom random) {
        this(MachineStart.builder(id, kind).build(), degradation, random, Optional.empty(), null);
    }

    /**
     * A machine that starts in a given state with the given profile (a what-if run set up from outside), instead
     * of new. Its condition signals start from ambient: they are readings, not state that drives the machine.
     *
     * @param random this machine's own stream, so one machine's draws never shift another's
     */
    public Machine(final MachineStart start, final DegradationModel degradation, final SplittableRandom random) {
        this(start, degradation, random, Optional.empty(), null);
    }

    /**
     * @param quality the quality characteristic this machine measures on every part, if any
     * @param qualityRandom its own stream for the quality draws (used only with a quality profile)
     */
    public Machine(final MachineStart start, final DegradationModel degradation, final SplittableRandom random,
            final Optional<QualityProfile> quality, final SplittableRandom qualityRandom) {
        this.quality = quality.map(profile -> new DimensionProcess(profile, Objects.requireNonNull(qualityRandom,
                "qualityRandom"))).orElse(null);
        this.id = start.id();
        this.kind = start.kind();
        this.profile = start.profile();
        this.random = Objects.requireNonNull(random, "random");
        this.wear = new Wear(degradation.life(), profile.wear().characteristicLifeHours(), start.wearHours());
        this.signals = new ConditionSignals(profile.signatures(), degradation);
        this.mode = start.mode();
        this.state = start.state();
        this.speedPercent = start.speedPercent();
        this.currentJob = start.currentJob().orElse(null);
        this.partsDoneInJob = start.partsDoneInCurrentJob();
        this.queue.addAll(start.queue());
        this.finishedJob = start.heldJob().orElse(null);
        this.maintenanceLeft = start.maintenanceLeft();
    }

    public String id() {
        return id;
    }

    public MachineState state() {
        return state;
    }

    /** Warm-up still to go before this machine can start a job again (zero when none is under way). */
    public Duration warmUpLeft() {
        return warmUpLeft;
    }

    /** Room for another job in this machine's queue, given the line's buffer size. */
    public boolean canAccept(final int queueCapacity) {
        return queue.size() < queueCapacity;
    }

    public void enqueue(final Job job) {
        queue.addLast(job);
    }

    public int queueLength() {
        return queue.size();
    }

    /** The jobs waiting, in the order they will be worked on. */
    public List<Job> waitingJobs() {
        return List.copyOf(queue);
    }

    /**
     * Puts {@code updated} in the place of the waiting job with its id (an order whose due date changed); false if
     * no such job waits here.
     */
    public boolean replaceWaiting(final Job updated) {
        final List<Job> jobs = new ArrayList<>(queue);
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).id().equals(updated.id())) {
                jobs.set(i, updated);
                queue.clear();
                queue.addAll(jobs);
                return true;
            }
        }
        return false;
    }

    /**
     * Moves this machine on by {@code step}.
     *
     * @param handOver offers a finished job to the next machine; false when it has no room (this machine blocks)
     */
    public void step(final Duration step, final Predicate<Job> handOver) {
        step(step, handOver, true);
    }

    /**
     * Moves this machine on by {@code step}.
     *
     * @param handOver offers a finished job to the next machine; false when it has no room (this machine blocks)
     * @param staffed whether operators are there (the line's shift calendar): off-shift no new job is started; a job
     *     under way is finished and handed on, and the machine stays in the mode it was left in
     */
    public void step(final Duration step, final Predicate<Job> handOver, final boolean staffed) {
        // the same draws every step whatever the state, shift or warm-up (common random numbers)
        final double failureDraw = random.nextDouble();
        if (state == MachineState.MAINTENANCE) {
            maintenanceLeft = maintenanceLeft.minus(step);
            if (maintenanceLeft.isNegative() || maintenanceLeft.isZero()) {
                maintenanceLeft = Duration.ZERO;
                wear.restore();
                state = MachineState.STANDBY;
            }
        }
        final boolean warming = warmUpLeft.compareTo(Duration.ZERO) > 0 && mode == Mode.RUN
                && state != MachineState.MAINTENANCE && state != MachineState.FAILED;
        if (warming) {
            // shown as STANDBY (the state vocabulary of the OPC UA nodes and twins stays as it is) at warm-up power
            warmUpLeft = warmUpLeft.minus(step);
            if (warmUpLeft.isNegative()) {
                warmUpLeft = Duration.ZERO;
            }
            state = MachineState.STANDBY;
        } else if (state != MachineState.MAINTENANCE && state != MachineState.FAILED) {
            state = settle(handOver, staffed);
        }
        if (state == MachineState.RUNNING) {
            run(step, handOver, failureDraw);
        }
        powerKw = warming ? profile.restart().warmUpKw() : profile.energy().powerKw(state, speedPercent);
        energyKwh += powerKw * step.toNanos() / NANOS_PER_HOUR;
        signals.update(step, state, speedPercent, powerKw, wear.lifeFraction(), random);
    }

    /** The state the mode, the work available and the next machine's room allow. */
    private MachineState settle(final Predicate<Job> handOver, final boolean staffed) {
        if (mode == Mode.OFF) {
            return MachineState.OFF;
        }
        if (mode == Mode.STANDBY) {
            return MachineState.STANDBY;
        }
        if (finishedJob != null) {
            if (!handOver.test(finishedJob)) {
                return MachineState.BLOCKED;
            }
            finishedJob = null;
        }
        if (currentJob == null && !queue.isEmpty() && staffed) {
            currentJob = queue.pollFirst();
            partsDoneInJob = 0;
            partProgress = 0;
        }
        return currentJob == null ? MachineState.STANDBY : MachineState.RUNNING;
    }

    private void run(final Duration step, final Predicate<Job> handOver, final double failureDraw) {
        final double hours = step.toNanos() / NANOS_PER_HOUR;
        if (wear.accumulate(hours * profile.wear().wearRate(speedPercent), failureDraw)) {
            state = MachineState.FAILED;
            failures++;
            partProgress = 0; // the part in the machine is scrap
            return;
        }
        // Progress counts nominal-speed nanoseconds: whole numbers in a double, so a 90 s cycle takes exactly
        // 90 one-second steps instead of 91 after rounding errors pile up.
        partProgress += step.toNanos() * speedPercent / 100;
        final double cycle = profile.nominalCycleTime().toNanos();
        if (partProgress < cycle) {
            return;
        }
        partProgress -= cycle;
        partsProduced++;
        if (quality != null && !quality.measure()) {
            return; // scrap: it does not count for the job, the machine makes the part again
        }
        partsDoneInJob++;
        if (partsDoneInJob < currentJob.parts()) {
            return;
        }
        jobsCompleted++;
        partProgress = 0;
        final Job done = currentJob;
        currentJob = null;
        if (!handOver.test(done)) {
            finishedJob = done;
            state = MachineState.BLOCKED;
        }
    }

    /** Applies a command between steps, or says why not. */
    public CommandResult apply(final Command command) {
        if (command instanceof Command.SetMode setMode) {
            return setMode(setMode);
        } else if (command instanceof Command.SetSpeed setSpeed) {
            return setSpeed(setSpeed);
        } else if (command instanceof Command.RequestMaintenance maintenance) {
            return requestMaintenance(maintenance);
        } else if (command instanceof Command.SetJobSequence sequence) {
            return setJobSequence(sequence);
        } else if (command instanceof Command.SetToolOffset offset) {
            return setToolOffset(offset);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private CommandResult setMode(final Command.SetMode command) {
        if (command.mode() != Mode.OFF && (state == MachineState.FAILED || state == MachineState.MAINTENANCE)) {
            return forbidden(command, "mode " + command.mode());
        }
        if (command.mode() == Mode.OFF && state == MachineState.MAINTENANCE) {
            return forbidden(command, "mode OFF (maintenance needs power)");
        }
        if (command.mode() == Mode.RUN && mode != Mode.RUN) {
            warmUpLeft = profile.restart().warmUp(mode);
        } else if (command.mode() != Mode.RUN) {
            warmUpLeft = Duration.ZERO; // a warm-up broken off is lost
        }
        mode = command.mode();
        return CommandResult.accepted(command);
    }

    private CommandResult setSpeed(final Command.SetSpeed command) {
        if (!Double.isFinite(command.percent()) || !profile.speedRange().contains(command.percent())) {
            return CommandResult.rejected(command, Reason.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "speed %s %% is outside %s for %s (%s)", command.percent(), profile.speedRange(), id, kind));
        }
        if (state == MachineState.FAILED || state == MachineState.MAINTENANCE) {
            return forbidden(command, "a speed change");
        }
        speedPercent = command.percent();
        return CommandResult.accepted(command);
    }

    private CommandResult requestMaintenance(final Command.RequestMaintenance command) {
        if (state == MachineState.OFF || state == MachineState.MAINTENANCE) {
            return forbidden(command, "maintenance");
        }
        maintenanceLeft = state == MachineState.FAILED ? profile.wear().repairTime()
                : profile.wear().maintenanceTime();
        partProgress = 0; // an interrupted part is not finished later
        state = MachineState.MAINTENANCE;
        return CommandResult.accepted(command);
    }

    private CommandResult setJobSequence(final Command.SetJobSequence command) {
        final List<String> waiting = queue.stream().map(Job::id).toList();
        if (command.jobIds().size() != waiting.size() || !new HashSet<>(command.jobIds()).equals(
                new HashSet<>(waiting))) {
            return CommandResult.rejected(command, Reason.INVALID_ARGUMENT, "job sequence " + command.jobIds()
                    + " must be a reordering of the jobs waiting at " + id + ": " + waiting);
        }
        final List<Job> reordered = new ArrayList<>();
        for (final String jobId : command.jobIds()) {
            reordered.add(queue.stream().filter(job -> job.id().equals(jobId)).findFirst().orElseThrow());
        }
        queue.clear();
        queue.addAll(reordered);
        return CommandResult.accepted(command);
    }

    /** Any time, whatever the state: an offset only shifts the parts still to come. */
    private CommandResult setToolOffset(final Command.SetToolOffset command) {
        if (quality == null) {
            return CommandResult.rejected(command, Reason.INVALID_ARGUMENT, id + " (" + kind
                    + ") measures no quality characteristic and has no tool offset");
        }
        final QualityProfile profile = quality.profile();
        if (!Double.isFinite(command.micrometres()) || !profile.offsetAccepted(command.micrometres())) {
            return CommandResult.rejected(command, Reason.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "tool offset %s µm is outside %s..%s µm for %s", command.micrometres(), profile.offsetMinUm(),
                    profile.offsetMaxUm(), id));
        }
        quality.offset(command.micrometres());
        return CommandResult.accepted(command);
    }

    private CommandResult forbidden(final Command command, final String what) {
        return CommandResult.rejected(command, Reason.FORBIDDEN_IN_STATE, id + " is " + state + ": " + what
                + " is not allowed now");
    }

    public MachineSnapshot snapshot() {
        return new MachineSnapshot(id, kind, state, mode, speedPercent, powerKw, energyKwh, signals.vibration(),
                signals.temperature(), signals.current(), wear.health(), wear.hours(), partsProduced,
                jobsCompleted, failures, Optional.ofNullable(currentJob).map(Job::id), List.copyOf(queue),
                Optional.ofNullable(quality).map(DimensionProcess::reading));
    }
}
