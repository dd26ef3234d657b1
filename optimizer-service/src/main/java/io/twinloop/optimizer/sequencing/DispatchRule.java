package io.twinloop.optimizer.sequencing;

import java.util.Comparator;

/**
 * Classic priority rules for ordering one machine's waiting jobs; cheap starting points and alternatives beside the
 * solver's schedules. Ties keep the current order.
 */
enum DispatchRule {

    EARLIEST_DUE_DATE("earliest due date"),
    HIGHEST_PRIORITY("highest priority, then earliest due date"),
    MINIMUM_SLACK("least slack (due date minus remaining work)"),
    CRITICAL_RATIO("critical ratio (time to due date per remaining work)"),
    WEIGHTED_SHORTEST_PROCESSING_TIME("weighted shortest processing time"),
    SHORTEST_PROCESSING_TIME("shortest processing time"),
    LONGEST_PROCESSING_TIME("longest processing time"),
    MOST_WORK_REMAINING("most work remaining");

    private final String label;

    DispatchRule(final String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Order of the jobs (shop indices) waiting at station {@code k}. */
    Comparator<Integer> at(final FlowLine line, final int k) {
        final Comparator<Integer> byDue = Comparator.comparingInt(job -> line.commitments().dueDate(job));
        return switch (this) {
            case EARLIEST_DUE_DATE -> byDue;
            case HIGHEST_PRIORITY -> Comparator.<Integer>comparingInt(job -> -line.commitments().weight(job))
                    .thenComparing(byDue);
            case MINIMUM_SLACK -> Comparator.comparingLong(job -> (long) line.commitments().dueDate(job)
                    - remaining(line, job, k));
            case CRITICAL_RATIO -> Comparator.comparingDouble(job -> line.commitments().dueDate(job)
                    / (double) Math.max(1, remaining(line, job, k)));
            case WEIGHTED_SHORTEST_PROCESSING_TIME -> Comparator.comparingDouble(job ->
                    duration(line, job, k) / (double) Math.max(1e-9, line.commitments().weight(job)));
            case SHORTEST_PROCESSING_TIME -> Comparator.comparingInt(job -> duration(line, job, k));
            case LONGEST_PROCESSING_TIME -> Comparator.comparingInt(job -> -duration(line, job, k));
            case MOST_WORK_REMAINING -> Comparator.comparingLong(job -> -remaining(line, job, k));
        };
    }

    private static int duration(final FlowLine line, final int job, final int k) {
        return line.shop().duration(line.operation(job, k));
    }

    private static long remaining(final FlowLine line, final int job, final int k) {
        long work = 0;
        for (int op = line.operation(job, k); op <= line.shop().lastOperation(job); op++) {
            work += line.shop().duration(op);
        }
        return work;
    }
}
