package io.twinloop.plant.line;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.machine.CommandResult.Rejection.Reason;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.Machine;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Machines in a row: a job finished at one machine joins the queue of the next if there is room, and leaves the
 * line after the last. Not thread-safe.
 */
public final class ProductionLine {

    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final List<Machine> order = new ArrayList<>();
    private final int queueCapacity;
    private final OrderSource orders;
    private long jobsShipped;

    public ProductionLine(final LineLayout layout, final DegradationModel degradation, final long seed) {
        this(layout.stations().stream().map(station -> MachineStart.builder(station.id(), station.kind()).build())
                .toList(), layout.queueCapacity(), degradation, seed);
    }

    /**
     * A line whose machines start in the given states, in flow order (a what-if run set up from outside). New
     * orders top up the first machine's queue to {@code queueCapacity} at once, as they do on every step: the order
     * book is never short. Queues longer than the capacity are kept; they only take no more jobs until they shrink.
     */
    public ProductionLine(final List<MachineStart> starts, final int queueCapacity,
            final DegradationModel degradation, final long seed) {
        // validated like a layout: the same id rules, at least one machine, capacity >= 1
        final LineLayout.Builder layout = LineLayout.builder().queueCapacity(queueCapacity);
        starts.forEach(start -> layout.machine(start.id(), start.kind()));
        layout.build();
        final SplittableRandom root = new SplittableRandom(seed);
        // Split in a fixed order: the order source first, then the machines in line order.
        this.orders = new OrderSource(root.split());
        for (final MachineStart start : starts) {
            final Machine machine = new Machine(start, degradation, root.split());
            machines.put(start.id(), machine);
            order.add(machine);
        }
        this.queueCapacity = queueCapacity;
        fillOrders();
    }

    /** Steps every machine, downstream first, so room freed at a machine is seen by the one before it. */
    public void step(final Duration step) {
        for (int i = order.size() - 1; i >= 0; i--) {
            final Machine next = i + 1 < order.size() ? order.get(i + 1) : null;
            order.get(i).step(step, job -> handOver(job, next));
        }
        fillOrders();
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

    private void fillOrders() {
        final Machine first = order.get(0);
        while (first.canAccept(queueCapacity)) {
            first.enqueue(orders.next());
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
