package io.twinloop.plant.line;

import io.twinloop.plant.machine.Job;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The order book in front of the line: whenever the first machine has room, a new job arrives. The line is
 * never short of demand, so what it makes depends only on how it is run. Job sizes and due dates are seeded.
 */
final class OrderSource {

    private static final int MIN_PARTS = 5;
    private static final int MAX_PARTS = 20;

    private final SplittableRandom random;
    private final DueDates dueDates;
    private long issued;

    OrderSource(final SplittableRandom random, final DueDates dueDates) {
        this.random = random;
        this.dueDates = dueDates;
    }

    /** @param released the simulated instant the job enters the line */
    Job next(final Instant released) {
        issued++;
        final int parts = random.nextInt(MIN_PARTS, MAX_PARTS + 1);
        return new Job(String.format(Locale.ROOT, "J%05d", issued), parts, dueDates.dueDate(released, parts));
    }
}
