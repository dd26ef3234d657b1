package io.twinloop.plant.line;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.machine.CommandResult.Rejection.Reason;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.Machine;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.QualityProfile;
import io.twinloop.plant.time.ShiftCalendar;
import io.twinloop.plant.time.SimulationClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Machines in a row: a job finished at one machine joins the queue of the next if there is room, and leaves the
 * line after the last. Not thread-safe.
 */
public final class ProductionLine {

    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final List<Machine> order = new ArrayList<>();
    private final int queueCapacity;
    private final SimulationClock clock;
    private final OrderSource orders;
    private final DueDates dueDates;
    private final ShiftCalendar calendar;
    private Instant staffedChecked; // the calendar is looked up again only once its answer may have changed
    private Instant answerHoldsUntil = Instant.MIN;
    private boolean staffed;
    private long jobsShipped;

    /**
     * @param clock the plant's clock, read for the instants orders are released and expedited at (the line never
     *         advances it)
     * @param cncQuality the quality characteristic every CNC machine measures on its parts
     */
    public ProductionLine(final LineLayout layout, final DegradationModel degradation, final long seed,
            final SimulationClock clock, final DueDatePolicy dueDatePolicy, final QualityProfile cncQuality,
            final ShiftCalendar calendar) {
        this(layout.stations().stream().map(station -> MachineStart.builder(station.id(), station.kind()).build())
                .toList(), layout.queueCapacity(), degradation, seed, clock, dueDatePolicy, cncQuality, calendar);
    }

    /**
     * A line whose machines start in the given states, in flow order (a what-if run set up from outside). New
     * orders top up the first machine's queue to {@code queueCapacity} at once, as they do on every step: the order
     * book is never short. Queues longer than the capacity are kept; they only take no more jobs until they shrink.
     */
    public ProductionLine(final List<MachineStart> starts, final int queueCapacity,
            final DegradationModel degradation, final long seed, final SimulationClock clock,
            final DueDatePolicy dueDatePolicy, final QualityProfile cncQuality, final ShiftCalendar calendar) {
        // validated like a layout: the same id rules, at least one machine, capacity >= 1
        final LineLayout.Builder layout = LineLayout.builder().queueCapacity(queueCapacity);
        starts.forEach(start -> layout.machine(start.id(), start.kind()));
        layout.build();
        this.clock = clock;
        this.calendar = calendar;
        final SplittableRandom root = new SplittableRandom(seed);
        // Split in a fixed order: the order source first, then the machines in line order, then due dates and
        // expedites, then the CNCs' quality draws (each later stream leaves the earlier ones' draws as they were).
        final SplittableRandom orderStream = root.split();
        final List<SplittableRandom> machineStreams = new ArrayList<>();
        starts.forEach(start -> machineStreams.add(root.split()));
        Duration workPerPart = Duration.ZERO;
        for (final MachineStart start : starts) {
            workPerPart = workPerPart.plus(start.profile().nominalCycleTime());
        }
        this.dueDates = new DueDates(dueDatePolicy, workPerPart, root.split(), root.split(), calendar);
        for (int i = 0; i < starts.size(); i++) {
            final MachineStart start = starts.get(i);
            final Optional<QualityProfile> quality = start.kind() == MachineKind.CNC_MACHINING
                    ? Optional.of(cncQuality) : Optional.empty();
            final Machine machine = new Machine(start, degradation, machineStreams.get(i), quality, root.split());
            machines.put(start.id(), machine);
            order.add(machine);
        }
        this.orders = new OrderSource(orderStream, dueDates);
        this.queueCapacity = queueCapacity;
        fillOrders(clock.now());
    }

    /**
     * Steps every machine, downstream first, so room freed at a machine is seen by the one before it; then new
     * orders fill the first queue and, rarely, a waiting order is expedited (both at the end of the step).
     */
    public void step(final Duration step) {
        final boolean staffedNow = staffed(clock.now());
        for (int i = order.size() - 1; i >= 0; i--) {
            final Machine next = i + 1 < order.size() ? order.get(i + 1) : null;
            order.get(i).step(step, job -> handOver(job, next), staffedNow);
        }
        final Instant end = clock.now().plus(step);
        fillOrders(end);
        expedite(step, end);
    }

    /** Whether operators are there at {@code now}, by the calendar; looked up again only when it may change. */
    private boolean staffed(final Instant now) {
        if (staffedChecked == null || now.isBefore(staffedChecked) || !now.isBefore(answerHoldsUntil)) {
            staffed = calendar.staffed(now);
            staffedChecked = now;
            answerHoldsUntil = staffed ? calendar.staffedUntil(now) : calendar.nextStaffed(now);
        }
        return staffed;
    }

    private void expedite(final Duration step, final Instant now) {
        final List<Job> waiting = order.stream().flatMap(machine -> machine.waitingJobs().stream()).toList();
        final Optional<Job> expedited = dueDates.expedite(step, now, waiting);
        expedited.ifPresent(job -> order.forEach(machine -> machine.replaceWaiting(job)));
    }

    private boolean handOver(final Job job, final Machine next) {
        if (next == null) {
            jobsShipped++;
            return true;
        }
        if (!next.canAccept(queueCapacity)) {
            return false;
        }
        next.enqueue(job);
        return true;
    }

    private void fillOrders(final Instant now) {
        final Machine first = order.get(0);
        while (first.canAccept(queueCapacity)) {
            first.enqueue(orders.next(now));
        }
    }

    public CommandResult apply(final Command command) {
        final Machine machine = machines.get(command.machineId());
        if (machine == null) {
            return CommandResult.rejected(command, Reason.UNKNOWN_MACHINE, "no machine '" + command.machineId()
                    + "' on the line; machines: " + machines.keySet());
        }
        return machine.apply(command);
    }

    /** Jobs that have left the last machine. */
    public long jobsShipped() {
        return jobsShipped;
    }

    public List<MachineSnapshot> snapshot() {
        return order.stream().map(Machine::snapshot).toList();
    }
}
