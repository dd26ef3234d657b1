package io.twinloop.plant.machine;

import java.util.Objects;

/** A batch of identical parts that travels down the line, machine by machine. */
public record Job(String id, int parts) {

    public Job {
        Objects.requireNonNull(id, "id");
        if (parts < 1) {
            throw new IllegalArgumentException("a job has at least one part, " + id + " has " + parts);
        }
    }
}
