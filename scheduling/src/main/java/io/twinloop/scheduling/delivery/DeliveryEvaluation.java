package io.twinloop.scheduling.delivery;

import java.util.Comparator;
import java.util.List;

import io.twinloop.scheduling.jobshop.Schedule;

/**
 * How a schedule keeps its delivery commitments: per job completion and lateness, number of late jobs, maximum
 * lateness, total (weighted) tardiness; and an order for comparing candidate schedules (fewest weighted tardiness,
 * then fewest late jobs, then shortest makespan).
 */
public record DeliveryEvaluation(Schedule schedule, long weightedTardiness, long tardiness, int lateJobs,
        int maxLateness, int makespan) {

    /** Better first: less weighted tardiness, then fewer late jobs, then a shorter makespan. */
    public static final Comparator<DeliveryEvaluation> BETTER_FIRST = Comparator
            .comparingLong(DeliveryEvaluation::weightedTardiness)
            .thenComparingInt(DeliveryEvaluation::lateJobs)
            .thenComparingInt(DeliveryEvaluation::makespan);

    /**
     * @throws IllegalArgumentException when the commitments are for a different number of jobs
     */
    public static DeliveryEvaluation of(final Schedule schedule, final DeliveryCommitments commitments) {
        if (commitments.jobCount() != schedule.shop().jobCount()) {
            throw new IllegalArgumentException("commitments for " + commitments.jobCount() + " jobs do not fit "
                    + schedule.shop());
        }
        long weighted = 0;
        long tardiness = 0;
        int late = 0;
        int maxLateness = Integer.MIN_VALUE;
        for (int j = 0; j < commitments.jobCount(); j++) {
            final int lateness = schedule.completion(j) - commitments.dueDate(j);
            maxLateness = Math.max(maxLateness, lateness);
            if (lateness > 0) {
                late++;
                tardiness += lateness;
                weighted += (long) lateness * commitments.weight(j);
            }
        }
        return new DeliveryEvaluation(schedule, weighted, tardiness, late, maxLateness, schedule.makespan());
    }

    /** Evaluates every candidate and returns them best first. */
    public static List<DeliveryEvaluation> rank(final List<Schedule> candidates, final DeliveryCommitments commitments) {
        return candidates.stream().map(s -> of(s, commitments)).sorted(BETTER_FIRST).toList();
    }

    public boolean keepsAllCommitments() {
        return lateJobs == 0;
    }
}
