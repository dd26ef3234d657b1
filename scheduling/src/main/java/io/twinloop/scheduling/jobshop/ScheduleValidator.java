package io.twinloop.scheduling.jobshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.twinloop.scheduling.jobshop.ScheduleViolation.Kind;

/**
 * Checks start times against a shop: every operation after its job predecessor has finished, not before its job's
 * release or its machine's availability, and no two operations overlapping on one machine. Independent of any
 * solver: every solver's output passes through it (see {@link Schedule#of}).
 */
public final class ScheduleValidator {

    private ScheduleValidator() {
    }

    /** All violations, empty when {@code starts} is a schedule of {@code shop}. */
    public static List<ScheduleViolation> violations(final JobShop shop, final int[] starts) {
        final List<ScheduleViolation> found = new ArrayList<>();
        if (starts.length != shop.operationCount()) {
            found.add(new ScheduleViolation(Kind.SHAPE, -1, -1, shop.name() + " has " + shop.operationCount()
                    + " operations, got " + starts.length + " start times"));
            return found;
        }
        for (int op = 0; op < starts.length; op++) {
            final int earliest = shop.earliestStart(op);
            if (starts[op] < earliest) {
                found.add(new ScheduleViolation(Kind.TOO_EARLY, op, -1, shop.describe(op) + " starts at " + starts[op]
                        + ", before " + earliest + " (release/availability)"));
            }
            if (shop.indexInJob(op) > 0) {
                final int pred = op - 1;
                final long predEnd = (long) starts[pred] + shop.duration(pred);
                if (starts[op] < predEnd) {
                    found.add(new ScheduleViolation(Kind.PRECEDENCE, op, pred, shop.describe(op) + " starts at "
                            + starts[op] + " before its predecessor ends at " + predEnd));
                }
            }
        }
        for (int m = 0; m < shop.machineCount(); m++) {
            final Integer[] ops = Arrays.stream(shop.operationsOn(m)).boxed().toArray(Integer[]::new);
            Arrays.sort(ops, Comparator.<Integer>comparingInt(op -> starts[op]).thenComparingInt(shop::duration));
            // sorted by start: an overlap always shows between an operation and the latest-ending one before it
            int latest = -1;
            for (final int op : ops) {
                if (latest >= 0 && shop.duration(op) > 0
                        && (long) starts[latest] + shop.duration(latest) > starts[op]) {
                    found.add(new ScheduleViolation(Kind.MACHINE_OVERLAP, op, latest, shop.describe(op) + " at "
                            + starts[op] + " overlaps " + shop.describe(latest) + " running " + starts[latest] + ".."
                            + ((long) starts[latest] + shop.duration(latest))));
                }
                if (shop.duration(op) > 0 && (latest < 0
                        || (long) starts[op] + shop.duration(op) > (long) starts[latest] + shop.duration(latest))) {
                    latest = op;
                }
            }
        }
        return found;
    }
}
