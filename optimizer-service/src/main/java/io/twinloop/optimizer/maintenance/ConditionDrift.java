package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.maintenance.TwinSignals.Sample;
import java.util.List;
import java.util.Locale;

/**
 * Wear read from a machine's condition signal when its twin shows no health index: how far its vibration under
 * load has drifted above the machine's own baseline, turned into a fraction of its characteristic life through the
 * drift curve of run-to-failure data.
 *
 * <p><b>Baseline, learned from the twin's own history.</b> Vibration under load grows with speed, so the first
 * {@code baselineSamples} running samples since the machine was last maintained (or first seen) give its healthy
 * level per speed point {@code a = mean(v / (speed/100))}; the noise of a reading σ comes from the moving ranges of
 * {@code v − a·speed/100} over all running samples since then (drift is slow, successive differences are noise).
 * No machine kind, nominal level or noise figure is configured: each twin is its own reference.
 *
 * <p><b>Drift.</b> The mean excess {@code v − a·speed/100} of the last {@code recentSamples} running samples, in σ,
 * minus {@code confidenceZ} standard errors of that mean and of the baseline (so noise alone rarely reads as wear: a
 * false alarm costs a needless stop, and the life-fraction rate below magnifies it on a young machine). The reading
 * is taken at every decision, so the bound must hold over many readings, not one: with 1 standard error a young
 * machine of the benchmark read as a material risk in 4–13 % of its readings, with 2 in none
 * ({@code ConditionReadingOnPlantTest}). The same number of standard errors above the mean gives the most wear the
 * reading allows ({@link Reading#upperLifeFraction()}).
 *
 * <p><b>What vibration cannot show.</b> The curve is flat for the first half of a life (0.1 σ at 0.15 of it, 1 σ at
 * 0.5), so the wear of a young machine is below what any reading of noisy vibration can resolve: it reads as 0 with
 * an upper bound near half a life. Where it reads 0, {@link FailureHazard} takes the machine's own wear rate of its
 * previous cycle, within the reading's bounds.
 *
 * <p><b>Life fraction.</b> The drift of degrading equipment in run-to-failure data is flat for most of the life and
 * rises steeply towards its end: {@code drift(u) = A·(e^{k·u} − 1)/(e^k − 1)} σ at wear {@code u} (fraction of the
 * characteristic life). Fitted on NASA C-MAPSS FD001's most monotone degradation signal (sensor 11, Ps30, as the
 * plant's README reports: k = 3.86, A = 7.48 σ). Inverted, a measured drift gives the wear {@code u}; the
 * {@link FailureHazard} takes it from there with the Weibull shape of the same data. Like β, the curve is an
 * estimate from data, not a figure of any particular machine; a twin whose sensor drifts in another shape would
 * need its own fit.
 *
 * @param curvature k of the drift curve (how late the drift sets in), &gt; 0
 * @param driftAtFailure A, the drift at the characteristic life in noise standard deviations, &gt; 0; infinite
 *     switches the reading off ({@link #off()})
 * @param baselineSamples running samples after a reset that make the baseline, at least 4
 * @param recentSamples latest running samples averaged for the drift, at least 1
 * @param confidenceZ standard errors taken off the measured drift, &ge; 0
 * @param minAgeHours least hours the wear rate is taken over ({@code u / max(age, minAgeHours)}), &gt; 0: a reading
 *     a few hours after a reset (or after the machine was first seen) says little about the rate, and a reading
 *     that noise pushed up, divided by a short age, would predict a failure within hours
 */
public record ConditionDrift(double curvature, double driftAtFailure, int baselineSamples, int recentSamples,
        double confidenceZ, double minAgeHours) {

    /** E|X₁ − X₂| / σ of two independent normal readings (d2 for samples of two). */
    private static final double MEAN_RANGE_PER_SIGMA = 2 / Math.sqrt(Math.PI);

    public ConditionDrift {
        if (!(curvature > 0) || !(driftAtFailure > 0) || baselineSamples < 4 || recentSamples < 1
                || !(confidenceZ >= 0) || !(minAgeHours > 0)) {
            throw new IllegalArgumentException("condition drift: need curvature > 0, driftAtFailure > 0, "
                    + "baselineSamples >= 4, recentSamples >= 1, confidenceZ >= 0; were curvature=" + curvature
                    + " driftAtFailure=" + driftAtFailure + " baselineSamples=" + baselineSamples + " recentSamples="
                    + recentSamples + " confidenceZ=" + confidenceZ + " minAgeHours=" + minAgeHours);
        }
    }

    /**
     * The vibration drift curve fitted on C-MAPSS FD001 (sensor 11), 32 baseline and 24 recent samples, 2 SE, the
     * rate over at least 24 h. (Until the benchmark's young machines were measured: 16, 12 and 1 SE, which read noise
     * as wear; the longer baseline and recent mean narrow the bounds, 0.26 σ instead of 0.38 σ per standard error.)
     */
    public static ConditionDrift cmapssFd001() {
        return new ConditionDrift(3.86, 7.48, 32, 24, 2.0, 24);
    }

    /** No reading from the condition signals (a twin without a health index then shows no risk but failure). */
    public static ConditionDrift off() {
        return new ConditionDrift(3.86, Double.POSITIVE_INFINITY, 32, 24, 2.0, 24);
    }

    public boolean enabled() {
        return Double.isFinite(driftAtFailure);
    }

    /**
     * What the samples read.
     *
     * @param z mean recent excess in baseline σ (NaN without enough running samples)
     * @param lowerZ {@code z} less {@code confidenceZ} standard errors
     * @param lifeFraction the wear {@code lowerZ} stands for on the drift curve (0 when it is not above 0): the least
     *     wear the reading shows
     * @param upperLifeFraction the wear {@code z} plus {@code confidenceZ} standard errors stands for: the most wear
     *     the reading allows (NaN when nothing was read)
     * @param runningSamples running samples the reading had
     */
    public record Reading(double z, double lowerZ, double lifeFraction, double upperLifeFraction,
            int runningSamples) {

        static Reading none(final int running) {
            return new Reading(Double.NaN, Double.NaN, 0, Double.NaN, running);
        }

        public boolean measured() {
            return !Double.isNaN(z);
        }

        String describe() {
            return measured() ? String.format(Locale.ROOT, "vibration %+.1f σ over its own baseline (≥ %+.1f σ "
                    + "with confidence) reads as wear %.2f on the C-MAPSS drift curve", z, lowerZ, lifeFraction)
                    : "vibration baseline still being learned (" + runningSamples + " running samples)";
        }
    }

    /** The reading of the samples since the machine's last reset, oldest first. */
    public Reading read(final List<Sample> sinceReset) {
        final List<Sample> running = sinceReset.stream().filter(s -> "RUNNING".equals(s.state()))
                .filter(s -> s.speed() > 0 && Double.isFinite(s.vibration())).toList();
        if (!enabled() || running.size() < baselineSamples + recentSamples) {
            return Reading.none(running.size());
        }
        double perPoint = 0;
        for (int i = 0; i < baselineSamples; i++) {
            perPoint += running.get(i).vibration() / (running.get(i).speed() / 100);
        }
        perPoint /= baselineSamples;
        // the reading noise from the moving ranges of every running sample since the reset: drift is slow, so
        // successive differences hold noise only, and hundreds of them pin σ down where 16 would leave it ±20 % off
        double ranges = 0;
        for (int i = 1; i < running.size(); i++) {
            ranges += Math.abs(excess(running.get(i), perPoint) - excess(running.get(i - 1), perPoint));
        }
        final double sd = ranges / (running.size() - 1) / MEAN_RANGE_PER_SIGMA;
        if (!(sd > 0)) {
            return Reading.none(running.size());
        }
        double recent = 0;
        for (int i = running.size() - recentSamples; i < running.size(); i++) {
            recent += excess(running.get(i), perPoint);
        }
        final double z = recent / recentSamples / sd;
        // the recent mean's and the baseline's uncertainty, both in σ
        final double standardError = Math.sqrt(1.0 / recentSamples + 1.0 / baselineSamples);
        // the margin shrinks as the drift rises above it, z − (c·SE)²/z: noise near the margin still reads as no
        // wear, while a machine drifted far beyond noise (where the curve is steep and the wear well resolved) is
        // not read a full margin low — with the whole margin an old machine in its first cycle read 0.55 for 0.67
        final double margin = confidenceZ * standardError;
        final double lower = z > margin ? z - margin * margin / z : z - margin;
        return new Reading(z, lower, lifeFraction(lower), lifeFraction(z + confidenceZ * standardError),
                running.size());
    }

    /** Inverse of the drift curve: the wear at which the curve reaches {@code drift} σ, at most 1.5. */
    public double lifeFraction(final double drift) {
        if (!(drift > 0) || !enabled()) {
            return 0;
        }
        return Math.min(1.5, Math.log1p(drift / driftAtFailure * Math.expm1(curvature)) / curvature);
    }

    private static double excess(final Sample sample, final double perPoint) {
        return sample.vibration() - perPoint * sample.speed() / 100;
    }
}
