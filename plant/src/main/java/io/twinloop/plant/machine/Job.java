package io.twinloop.plant.machine;

import java.time.Instant;
import java.util.Objects;

/**
 * A batch of identical parts that travels down the line, machine by machine.
 *
 * @param dueDate when the order should leave the line, in the plant's simulated time; the same at every machine
 *         (it is the order's date, not a machine's)
 */
public record Job(String id, int parts, Instant dueDate) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dueDate, "dueDate");
        if (parts < 1) {
            throw new IllegalArgumentException("a job has at least one part, " + id + " has " + parts);
        }
    }

    /**
     * A job whose due date is not known (e.g. one a what-if run takes from a twin that shows none): due at the end
     * of time, so it is never late and never expedited.
     */
    public Job(final String id, final int parts) {
        this(id, parts, Instant.MAX);
    }

    /** The same job with another due date (an order expedited). */
    public Job withDueDate(final Instant newDueDate) {
        return new Job(id, parts, newDueDate);
    }
}
