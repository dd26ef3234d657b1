package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.maintenance.TwinSignals.Sample;
import java.time.Duration;
import java.util.List;

/**
 * Failure probability and remaining life from what a machine's twin showed, with a Weibull wear-out hazard.
 *
 * <p>The twin's {@code HealthIndex} is the probability that a machine this worn still works, {@code exp(-(w/η)^β)},
 * so {@code u = (-ln health)^(1/β)} is the wear as a fraction of the characteristic life η, whatever η is. Wear grows
 * linearly in operating time at a steady speed, so the rate {@code du/dt} is fitted by least squares over the
 * machine's recent samples (since its last maintenance: a rise of health is a reset), and the probability of failing
 * within Δ given it works now is {@code 1 - exp(-((u + rate·Δ)^β - u^β))}. Only β is a parameter, estimated on
 * NASA C-MAPSS FD001 (4.41); η, the speed and the duty cycle come in through the measured rate. Without a trend
 * (fewer than {@code minTrendSamples} samples or no fall of health) the rate is assumed from
 * {@code assumedLifeHours} at the current speed.
 *
 * <p>A twin without a health index falls back on its vibration (the sensor drift before failure): its recent mean
 * per speed point is compared with the machine's own early baseline; {@code z} baseline standard deviations above it
 * give a probability {@code 1/(1+exp(-2(z - vibrationAlarmZ)))}. A heuristic, not fitted; with a health index the
 * vibration is only reported (combining it made the estimate worse on the simulated runs, see the README).
 */
public final class FailureHazard {

    private static final double LN2 = Math.log(2);

    private final double shape;
    private final double assumedLifeHours;
    private final int minTrendSamples;
    private final double vibrationAlarmZ;

    /**
     * @param shape Weibull shape β, &gt; 0
     * @param assumedLifeHours characteristic life assumed at 100 % speed when no trend is measurable, &gt; 0
     * @param minTrendSamples samples needed to fit the wear rate, at least 2
     * @param vibrationAlarmZ vibration z at which its evidence alone gives 50 %; infinite switches it off
     */
    public FailureHazard(final double shape, final double assumedLifeHours, final int minTrendSamples,
            final double vibrationAlarmZ) {
        if (!(shape > 0) || !(assumedLifeHours > 0) || minTrendSamples < 2 || Double.isNaN(vibrationAlarmZ)) {
            throw new IllegalArgumentException("failure hazard: shape and assumedLifeHours must be > 0, "
                    + "minTrendSamples >= 2 and vibrationAlarmZ a number; were shape=" + shape + " assumedLifeHours="
                    + assumedLifeHours + " minTrendSamples=" + minTrendSamples + " vibrationAlarmZ=" + vibrationAlarmZ);
        }
        this.shape = shape;
        this.assumedLifeHours = assumedLifeHours;
        this.minTrendSamples = minTrendSamples;
        this.vibrationAlarmZ = vibrationAlarmZ;
    }

    /** The risk of a machine with these samples (oldest first, the last is now) failing within {@code horizon}. */
    public FailureRisk risk(final List<Sample> samples, final Duration horizon) {
        if (samples.isEmpty()) {
            return FailureRisk.none();
        }
        final Sample now = samples.get(samples.size() - 1);
        if ("FAILED".equals(now.state())) {
            return FailureRisk.failed();
        }
        final List<Sample> sinceReset = sinceLastReset(samples);
        final double hours = horizon.toMillis() / 3_600_000.0;
        double healthProbability = 0;
        double median = Double.POSITIVE_INFINITY;
        double u = 0;
        double rate = 0;
        boolean trend = false;
        if (!Double.isNaN(now.health())) {
            u = lifeFraction(now.health());
            final double measured = measuredRate(sinceReset);
            trend = !Double.isNaN(measured);
            rate = trend ? measured : Math.max(0, orDefault(now.speed(), 100)) / 100.0 / assumedLifeHours;
            final double cumulative = Math.pow(u, shape);
            healthProbability = rate > 0 ? 1 - Math.exp(-(Math.pow(u + rate * hours, shape) - cumulative)) : 0;
            median = rate > 0 ? (Math.pow(cumulative + LN2, 1 / shape) - u) / rate : Double.POSITIVE_INFINITY;
        }
        final double z = vibrationZ(sinceReset);
        // only without a health index: on simulated runs it made the health-based estimate worse, not better
        final double vibrationProbability = !Double.isNaN(now.health()) || Double.isNaN(z)
                || Double.isInfinite(vibrationAlarmZ) ? 0
                : 1 / (1 + Math.exp(-2 * (z - vibrationAlarmZ)));
        final double probability = 1 - (1 - healthProbability) * (1 - vibrationProbability);
        return new FailureRisk(probability, median, u, rate, trend, z);
    }

    /** {@code (-ln health)^(1/β)}: wear as a fraction of the characteristic life. */
    public double lifeFraction(final double health) {
        final double h = Math.max(1e-12, Math.min(1, health));
        return Math.pow(-Math.log(h), 1 / shape);
    }

    public double shape() {
        return shape;
    }

    /** The samples since health last rose (a maintenance or repair resets the wear). */
    static List<Sample> sinceLastReset(final List<Sample> samples) {
        int from = 0;
        for (int i = 1; i < samples.size(); i++) {
            final double before = samples.get(i - 1).health();
            final double after = samples.get(i).health();
            if (!Double.isNaN(before) && !Double.isNaN(after) && after > before + 1e-9
                    || "MAINTENANCE".equals(samples.get(i).state())) {
                from = i;
            }
        }
        return samples.subList(from, samples.size());
    }

    /** Least-squares slope of the life fraction per hour; NaN without enough samples or without a fall of health. */
    private double measuredRate(final List<Sample> samples) {
        final List<Sample> usable = samples.stream().filter(s -> !Double.isNaN(s.health())).toList();
        if (usable.size() < minTrendSamples
                || usable.get(0).health() - usable.get(usable.size() - 1).health() <= 0) {
            return Double.NaN;
        }
        final long t0 = usable.get(0).at().toEpochMilli();
        double meanT = 0;
        double meanU = 0;
        for (final Sample s : usable) {
            meanT += (s.at().toEpochMilli() - t0) / 3_600_000.0;
            meanU += lifeFraction(s.health());
        }
        meanT /= usable.size();
        meanU /= usable.size();
        double cov = 0;
        double var = 0;
        for (final Sample s : usable) {
            final double dt = (s.at().toEpochMilli() - t0) / 3_600_000.0 - meanT;
            cov += dt * (lifeFraction(s.health()) - meanU);
            var += dt * dt;
        }
        return var > 0 ? Math.max(0, cov / var) : Double.NaN;
    }

    /**
     * Vibration per speed point of the last quarter of the samples (at least 3) against the first half's mean, in
     * the first half's standard deviations; NaN with fewer than 8 running samples.
     */
    static double vibrationZ(final List<Sample> samples) {
        final double[] values = samples.stream().filter(s -> "RUNNING".equals(s.state()))
                .filter(s -> !Double.isNaN(s.vibration()) && s.speed() > 0)
                .mapToDouble(s -> s.vibration() / s.speed()).toArray();
        if (values.length < 8) {
            return Double.NaN;
        }
        final int half = values.length / 2;
        double mean = 0;
        for (int i = 0; i < half; i++) {
            mean += values[i];
        }
        mean /= half;
        double var = 0;
        for (int i = 0; i < half; i++) {
            var += (values[i] - mean) * (values[i] - mean);
        }
        final double sd = Math.sqrt(var / (half - 1));
        final int recent = Math.max(3, values.length / 4);
        double recentMean = 0;
        for (int i = values.length - recent; i < values.length; i++) {
            recentMean += values[i];
        }
        recentMean /= recent;
        // in the baseline's standard deviations, the unit the plant's drift is fitted in (a few σ before failure)
        return sd > 0 ? (recentMean - mean) / sd : Double.NaN;
    }

    private static double orDefault(final double value, final double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }
}
