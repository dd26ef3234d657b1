package io.twinloop.optimizer.sequencing;

import java.util.Comparator;

import io.twinloop.scheduling.delivery.DeliveryEvaluation;

/**
 * One candidate order of a line's queues, simulated and held against the delivery commitments.
 *
 * @param penaltyEur its lateness priced by the {@link DeliveryPenalty}
 * @param origin how it was generated (current order, solver, a dispatch rule, local search, a perturbation)
 */
public record SequenceEvaluation(QueueOrder order, DeliveryEvaluation delivery, double penaltyEur, String origin) {

    /** Lower penalty first, then fewer late jobs, then a shorter makespan. */
    public static final Comparator<SequenceEvaluation> BETTER_FIRST = Comparator
            .comparingDouble(SequenceEvaluation::penaltyEur)
            .thenComparingInt(e -> e.delivery().lateJobs())
            .thenComparingInt(e -> e.delivery().makespan());

    public double tardinessHours() {
        return delivery.tardiness() / 3600.0;
    }

    public boolean betterThan(final SequenceEvaluation other) {
        return BETTER_FIRST.compare(this, other) < 0;
    }
}
