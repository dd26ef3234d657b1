package io.twinloop.optimizer.maintenance;

import java.util.Locale;

/**
 * One machine's estimated risk of failing, from its twin signals.
 *
 * @param probability probability that it fails within the horizon it was estimated for, given it works now
 * @param medianRemainingHours the time until its failure is as likely as not (the median remaining useful life),
 *     infinite when its wear does not advance
 * @param lifeFraction the estimated wear as a fraction of the characteristic life, {@code (-ln health)^(1/β)}
 * @param wearRate how fast {@code lifeFraction} grows per hour (from the health trend, per calendar hour; from the
 *     condition drift, per hour the machine runs; or assumed: see {@link #trendBased})
 * @param trendBased whether the wear rate was measured (from the health trend, or from the condition drift over the
 *     time since the last maintenance) rather than assumed from the configured life
 * @param vibrationZ the recent vibration's distance from the machine's own baseline, in standard deviations
 *     (NaN without enough samples)
 * @param basis where the wear and its rate come from, in words (for the reasoning)
 * @param probabilityIfNew the probability that the same machine, maintained now (as new, wearing at the same rate),
 *     fails within the horizon: what a maintenance cannot take away
 */
public record FailureRisk(double probability, double medianRemainingHours, double lifeFraction, double wearRate,
        boolean trendBased, double vibrationZ, String basis, double probabilityIfNew) {

    /** Nothing known that points to a failure. */
    public static FailureRisk none() {
        return new FailureRisk(0, Double.POSITIVE_INFINITY, 0, 0, false, Double.NaN, "nothing known", 0);
    }

    /** A machine that has failed already. */
    public static FailureRisk failed() {
        return new FailureRisk(1, 0, Double.NaN, Double.NaN, false, Double.NaN, "failed", 0);
    }

    /**
     * The failure probability a maintenance now would take away: {@code probability − probabilityIfNew}. A machine
     * wearing fast has a risk within the horizon even when new (a scaled CNC of the benchmark about 15 % within 48 h
     * right after its maintenance); maintaining it again does not remove that part, so it is no reason to.
     */
    public double avoidableProbability() {
        return Math.max(0, probability - probabilityIfNew);
    }

    /** In words, for the reasoning of a candidate. */
    public String describe() {
        if (medianRemainingHours == 0 && probability == 1) {
            return "failed";
        }
        return String.format(Locale.ROOT, "failure probability %.0f %%, median remaining life %s, wear %.2f of the"
                        + " characteristic life (%s)%s", probability * 100, hours(medianRemainingHours), lifeFraction,
                basis,
                Double.isNaN(vibrationZ) ? "" : String.format(Locale.ROOT, ", vibration %+.1f σ from its baseline",
                        vibrationZ))
                + (probabilityIfNew >= 0.005 ? String.format(Locale.ROOT, "; %.0f %% of it even if maintained now",
                        probabilityIfNew * 100) : "");
    }

    static String hours(final double hours) {
        return Double.isInfinite(hours) ? "unbounded" : String.format(Locale.ROOT, "%.0f h", hours);
    }
}
