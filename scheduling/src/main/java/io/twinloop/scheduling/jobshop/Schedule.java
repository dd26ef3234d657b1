package io.twinloop.scheduling.jobshop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A valid schedule: a start time per operation of a {@link JobShop}. It cannot be built with violations, so holding
 * one is proof that precedence, releases and machine capacity hold.
 */
public final class Schedule {

    private final JobShop shop;
    private final int[] starts;
    private final int makespan;

    private Schedule(final JobShop shop, final int[] starts) {
        this.shop = shop;
        this.starts = starts;
        int end = 0;
        for (int op = 0; op < starts.length; op++) {
            end = Math.max(end, starts[op] + shop.duration(op));
        }
        this.makespan = end;
    }

    /**
     * @throws InvalidScheduleException listing the violations when the start times are not a schedule of the shop
     */
    public static Schedule of(final JobShop shop, final int[] starts) {
        final List<ScheduleViolation> violations = ScheduleValidator.violations(shop, starts);
        if (!violations.isEmpty()) {
            throw new InvalidScheduleException(shop.name(), violations);
        }
        return new Schedule(shop, starts.clone());
    }

    public JobShop shop() {
        return shop;
    }

    public int start(final int op) {
        return starts[op];
    }

    public int end(final int op) {
        return starts[op] + shop.duration(op);
    }

    public int[] starts() {
        return starts.clone();
    }

    public int makespan() {
        return makespan;
    }

    /** When job {@code j}'s last operation ends. */
    public int completion(final int j) {
        return end(shop.lastOperation(j));
    }

    /** The order of operations on each machine (by start, ties by id): the sequence a re-sequencing starts from. */
    public MachineSequences machineSequences() {
        final int[][] sequences = new int[shop.machineCount()][];
        for (int m = 0; m < sequences.length; m++) {
            sequences[m] = IntStream.of(shop.operationsOn(m)).boxed()
                    .sorted(Comparator.<Integer>comparingInt(op -> starts[op]).thenComparingInt(op -> op))
                    .mapToInt(Integer::intValue).toArray();
        }
        return MachineSequences.of(shop, sequences);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Schedule other && other.shop == shop && Arrays.equals(other.starts, starts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(starts);
    }

    @Override
    public String toString() {
        return "Schedule[" + shop.name() + ", makespan " + makespan + "]";
    }
}
