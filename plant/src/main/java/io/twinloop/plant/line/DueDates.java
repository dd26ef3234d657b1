package io.twinloop.plant.line;

import io.twinloop.plant.machine.Job;
import io.twinloop.plant.time.ShiftCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws due dates and expedites by a {@link DueDatePolicy}. Each has its own random stream, split after the order
 * source's and the machines' streams, so job sizes and machine trajectories are those of a plant without due dates.
 * Due dates are whole seconds of simulated time.
 */
final class DueDates {

    private static final double SECONDS_PER_DAY = 86_400;

    private final DueDatePolicy policy;
    private final double workSecondsPerPart;
    private final SplittableRandom slack;
    private final SplittableRandom expedites;
    private final ShiftCalendar calendar;

    /**
     * @param workPerPart the line's nominal processing time per part (sum of its cycle times)
     * @param calendar the slack is promised in staffed time: an order's due date lies that much working time after
     *     its release
     */
    DueDates(final DueDatePolicy policy, final Duration workPerPart, final SplittableRandom slack,
            final SplittableRandom expedites, final ShiftCalendar calendar) {
        this.calendar = calendar;
        this.policy = policy;
        this.workSecondsPerPart = workPerPart.toNanos() / 1e9;
        this.slack = slack;
        this.expedites = expedites;
    }

    Instant dueDate(final Instant released, final int parts) {
        final boolean tight = slack.nextDouble() < policy.tightShare();
        final double factor = tight ? uniform(policy.tightSlackMin(), policy.tightSlackMax())
                : uniform(policy.looseSlackMin(), policy.looseSlackMax());
        return calendar.plusStaffed(released, Duration.ofSeconds(Math.round(factor * parts * workSecondsPerPart)))
                .truncatedTo(ChronoUnit.SECONDS);
    }

    private double uniform(final double min, final double max) {
        return min + (max - min) * slack.nextDouble();
    }

    /**
     * Whether an expedite happens during this step (probability {@code 1 − exp(−rate × step)}), and if so which of
     * {@code candidates} it pulls in, with its new due date. Draws nothing when expedites are off.
     */
    Optional<Job> expedite(final Duration step, final Instant now, final List<Job> waiting) {
        if (!policy.expedites()) {
            return Optional.empty();
        }
        final double probability = -Math.expm1(-policy.expeditesPerDay() * step.toNanos() / 1e9 / SECONDS_PER_DAY);
        if (expedites.nextDouble() >= probability) {
            return Optional.empty();
        }
        final List<Job> candidates = waiting.stream().filter(job -> job.dueDate().isAfter(now)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        final Job job = candidates.get(expedites.nextInt(candidates.size()));
        final long left = Duration.between(now, job.dueDate()).getSeconds();
        return Optional.of(job.withDueDate(now.truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(Math.round(left * policy.expediteFactor()))));
    }
}
