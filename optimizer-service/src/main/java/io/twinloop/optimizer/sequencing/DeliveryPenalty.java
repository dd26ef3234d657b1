package io.twinloop.optimizer.sequencing;

import io.twinloop.scheduling.delivery.DeliveryEvaluation;

/**
 * How a missed delivery commitment is priced, so the goal layer can weigh it against energy and downtime:
 * {@code cost = eurPerLateHour × Σ_jobs priority × hours late + eurPerLateJob × jobs late}. The figures are the
 * operator's (contract penalties, goodwill), not the plant's; both are configuration.
 *
 * @param eurPerLateHour cost of one job being one hour late at priority 1
 * @param eurPerLateJob cost of a job being late at all, however little
 */
public record DeliveryPenalty(double eurPerLateHour, double eurPerLateJob) {

    public DeliveryPenalty {
        if (!(eurPerLateHour >= 0) || !(eurPerLateJob >= 0) || Double.isInfinite(eurPerLateHour)
                || Double.isInfinite(eurPerLateJob)) {
            throw new IllegalArgumentException("sequencing: the delivery penalty must be finite and >= 0, was "
                    + eurPerLateHour + " EUR per late hour and " + eurPerLateJob + " EUR per late job");
        }
    }

    public static DeliveryPenalty defaults() {
        return new DeliveryPenalty(20, 0);
    }

    /** EUR for a schedule whose durations and due dates are in seconds. */
    public double price(final DeliveryEvaluation evaluation) {
        return eurPerLateHour * evaluation.weightedTardiness() / 3600.0 + eurPerLateJob * evaluation.lateJobs();
    }
}
