package io.twinloop.plant.line;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.machine.CommandResult.Rejection.Reason;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.Machine;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.QualityProfile;
import java.time.Duration;
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
    private final OrderSource orders;
    private long jobsShipped;

    public ProductionLine(final LineLayout layout, final DegradationModel degradation, final long seed) {
        this(layout, degradation, seed, QualityProfile.cncDefault());
    }

    /** @param cncQuality the quality characteristic every CNC machine measures on its parts */
    public ProductionLine(final LineLayout layout, final DegradationModel degradation, final long seed,
            final QualityProfile cncQuality) {
        final SplittableRandom root = new SplittableRandom(seed);
        // Split in a fixed order: the order source first, then the machines in line order.
        this.orders = new OrderSource(root.split());
        final List<SplittableRandom> streams = new ArrayList<>();
        for (int i = 0; i < layout.stations().size(); i++) {
            streams.add(root.split());
        }
        // Quality streams only after every machine's own: the other draws stay what they were without them.
        for (int i = 0; i < layout.stations().size(); i++) {
            final LineLayout.Station station = layout.stations().get(i);
            final Optional<QualityProfile> quality = station.kind() == MachineKind.CNC_MACHINING
                    ? Optional.of(cncQuality) : Optional.empty();
            final Machine machine = new Machine(station.id(), station.kind(), degradation, streams.get(i), quality,
                    root.split());
            machines.put(station.id(), machine);
            order.add(machine);
        }
        this.queueCapacity = layout.queueCapacity();
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
