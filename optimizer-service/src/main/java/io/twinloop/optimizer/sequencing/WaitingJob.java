package io.twinloop.optimizer.sequencing;

import java.time.Instant;
import java.util.Objects;

/**
 * One job waiting in a machine's queue, as the twin shows it ({@code OperationalData/properties/JobQueue}).
 *
 * @param dueDate when the order is promised, in the plant's clock
 * @param quantity parts in the job
 * @param priority weight of its lateness (optional {@code Priority} in the twin, 1 when absent)
 */
public record WaitingJob(String jobId, Instant dueDate, int quantity, int priority) {

    public WaitingJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(dueDate, "dueDate");
        if (quantity < 1 || priority < 0) {
            throw new IllegalArgumentException("job " + jobId + ": quantity must be >= 1 and priority >= 0, were "
                    + quantity + " and " + priority);
        }
    }
}
