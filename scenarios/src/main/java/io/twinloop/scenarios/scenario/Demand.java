package io.twinloop.scenarios.scenario;

import io.twinloop.plant.line.DueDatePolicy;
import java.util.Objects;

/**
 * The order mix: job sizes and how due dates and expedites are drawn.
 *
 * @param jobPartsMin smallest job, parts (the plant draws 5..20 today; other ranges are declared only)
 * @param jobPartsMax largest job, parts
 */
public record Demand(int jobPartsMin, int jobPartsMax, DueDatePolicy dueDates) {

    /** The job sizes the plant's order source draws, uniformly. */
    public static final int PLANT_PARTS_MIN = 5;
    public static final int PLANT_PARTS_MAX = 20;

    public Demand {
        Objects.requireNonNull(dueDates, "dueDates");
    }

    public boolean jobSizesSimulated() {
        return jobPartsMin == PLANT_PARTS_MIN && jobPartsMax == PLANT_PARTS_MAX;
    }
}
