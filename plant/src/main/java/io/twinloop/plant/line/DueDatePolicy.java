package io.twinloop.plant.line;

/**
 * How orders get their due dates, and how often one is expedited. A job released at {@code t} with {@code parts}
 * parts is due at {@code t + k × parts × workPerPart}, where {@code workPerPart} is the sum of the line's nominal
 * cycle times (the job's own processing time along the line) and the slack factor {@code k} is drawn per job: with
 * probability {@code tightShare} uniformly from {@code [tightSlackMin, tightSlackMax]} (orders that will be late
 * unless they are favoured), otherwise from {@code [looseSlackMin, looseSlackMax]}.
 *
 * <p>Expedites are rare events (a Poisson process in simulated time, {@code expeditesPerDay} per simulated day for
 * the whole line): a job waiting at some machine, due later than now, gets its remaining time to the due date
 * multiplied by {@code expediteFactor}. Its place in the queue does not change: reacting is the scheduler's job.
 * {@code expeditesPerDay = 0} switches them off.
 */
public record DueDatePolicy(double tightShare, double tightSlackMin, double tightSlackMax, double looseSlackMin,
        double looseSlackMax, double expeditesPerDay, double expediteFactor) {

    public DueDatePolicy {
        check(tightShare >= 0 && tightShare <= 1, "tightShare must be within 0..1, was " + tightShare);
        check(tightSlackMin > 0 && tightSlackMin <= tightSlackMax, "tight slack must be 0 < min <= max, was ["
                + tightSlackMin + ", " + tightSlackMax + "]");
        check(looseSlackMin > 0 && looseSlackMin <= looseSlackMax, "loose slack must be 0 < min <= max, was ["
                + looseSlackMin + ", " + looseSlackMax + "]");
        check(Double.isFinite(tightSlackMax) && Double.isFinite(looseSlackMax), "slack factors must be finite");
        check(expeditesPerDay >= 0 && Double.isFinite(expeditesPerDay),
                "expeditesPerDay must be 0 or positive, was " + expeditesPerDay);
        check(expediteFactor > 0 && expediteFactor < 1, "expediteFactor must be within (0, 1), was "
                + expediteFactor);
    }

    private static void check(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException("due date policy: " + message);
        }
    }

    /**
     * 30 % tight orders (slack 2–4 × their work), the rest loose (5–10 ×), two expedites per simulated day halving
     * the time left. On the default line a job waits behind about eight others, so tight orders are mostly late
     * and loose ones mostly on time when the queues run first come, first served.
     */
    public static DueDatePolicy defaults() {
        return new DueDatePolicy(0.3, 2, 4, 5, 10, 2, 0.5);
    }

    /** The same due dates, never an expedite. */
    public DueDatePolicy withoutExpedites() {
        return new DueDatePolicy(tightShare, tightSlackMin, tightSlackMax, looseSlackMin, looseSlackMax, 0,
                expediteFactor);
    }

    public boolean expedites() {
        return expeditesPerDay > 0;
    }
}
