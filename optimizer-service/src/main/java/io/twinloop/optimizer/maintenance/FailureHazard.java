package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.maintenance.TwinSignals.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
 * <p>A twin without a health index is read from its condition signal instead ({@link ConditionDrift}): the
 * vibration's drift above the machine's own baseline gives the wear {@code u} on the drift curve of C-MAPSS FD001,
 * and wear grows linearly in operating time since the last maintenance (a {@code MAINTENANCE} state is a reset), so
 * the rate is {@code u} over the hours the machine ran since then (the plant wears nothing off-shift, switched off,
 * starved or blocked), at least {@link ConditionDrift#minAgeHours()} at its duty, and a horizon of calendar hours
 * holds the machine's duty of running hours (over the hours observed when no reset was seen: a machine worn
 * before it was first seen has its rate overestimated, which errs on the side of maintaining). With a health index
 * the vibration is only reported (combining it made the estimate worse on the simulated runs, see the README).
 */
public final class FailureHazard {

    private static final double LN2 = Math.log(2);

    private final double shape;
    private final double assumedLifeHours;
    private final int minTrendSamples;
    private final ConditionDrift condition;

    /**
     * @param shape Weibull shape β, &gt; 0
     * @param assumedLifeHours characteristic life assumed at 100 % speed when no trend is measurable, &gt; 0
     * @param minTrendSamples samples needed to fit the wear rate, at least 2
     * @param condition how wear is read from the vibration of a twin without a health index
     *     ({@link ConditionDrift#off()}: not at all)
     */
    public FailureHazard(final double shape, final double assumedLifeHours, final int minTrendSamples,
            final ConditionDrift condition) {
        if (!(shape > 0) || !(assumedLifeHours > 0) || minTrendSamples < 2 || condition == null) {
            throw new IllegalArgumentException("failure hazard: shape and assumedLifeHours must be > 0, "
                    + "minTrendSamples >= 2 and a condition reading given; were shape=" + shape
                    + " assumedLifeHours=" + assumedLifeHours + " minTrendSamples=" + minTrendSamples
                    + " condition=" + condition);
        }
        this.shape = shape;
        this.assumedLifeHours = assumedLifeHours;
        this.minTrendSamples = minTrendSamples;
        this.condition = condition;
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
        final ConditionDrift.Reading reading = condition.read(sinceReset);
        if (Double.isNaN(now.health())) {
            final double duty = duty(samples);
            return fromCondition(sinceReset, previousCycleRate(samples.subList(0, samples.size() - sinceReset.size()),
                    duty), reading, hours, duty);
        }
        final double u = lifeFraction(now.health());
        final double measured = measuredRate(sinceReset);
        final boolean trend = !Double.isNaN(measured);
        final double rate = trend ? measured : Math.max(0, orDefault(now.speed(), 100)) / 100.0 / assumedLifeHours;
        return weibull(u, rate, hours, 1, trend, reading.z(), trend
                ? String.format(Locale.ROOT, "rate %.5f/h from the health trend", rate)
                : "rate assumed from the configured life");
    }

    /**
     * A twin without a health index: the wear its vibration drift reads as, growing at that wear over the hours
     * since the last reset (or since first seen). When the machine's previous cycle showed its wear rate, that rate
     * times the hours since the reset is the wear, kept within what the vibration allows: a young machine's wear is
     * below what noisy vibration resolves, and its own history says more about it than a reading of noise.
     */
    private FailureRisk fromCondition(final List<Sample> sinceReset, final double previousRate,
            final ConditionDrift.Reading reading, final double hours, final double duty) {
        if (!(hoursBetween(sinceReset.get(0), sinceReset.get(sinceReset.size() - 1)) > 0)) {
            return new FailureRisk(0, Double.POSITIVE_INFINITY, 0, 0, false, reading.z(),
                    reading.describe() + ": no wear measurable yet", 0);
        }
        // wear grows only while the machine runs (not off-shift, switched off, starved or blocked): its age is the
        // hours it ran, and the least age a rate is taken over is the configured calendar hours at its duty
        final double age = runningHours(sinceReset);
        final double minAge = condition.minAgeHours() * duty;
        if (!Double.isNaN(previousRate)) {
            final double prior = previousRate * age;
            final double u = reading.measured()
                    ? Math.max(reading.lifeFraction(), Math.min(reading.upperLifeFraction(), prior)) : prior;
            final double rate = u == prior ? previousRate : u / Math.max(age, minAge);
            return weibull(u, rate, hours, duty, true, reading.z(), String.format(Locale.ROOT, "wear rate %.5f per "
                            + "running hour of its previous cycle over the %.0f h it ran since its last maintenance%s; "
                            + "runs %.0f %% of its available hours; %s", previousRate, age,
                    u == prior ? "" : String.format(Locale.ROOT, ", bounded by the vibration to %.2f", u), duty * 100,
                    reading.describe()));
        }
        if (!reading.measured() || !(reading.lifeFraction() > 0)) {
            return new FailureRisk(0, Double.POSITIVE_INFINITY, reading.lifeFraction(), 0, false, reading.z(),
                    reading.describe() + ": no wear measurable yet", 0);
        }
        final double u = reading.lifeFraction();
        final double rate = u / Math.max(age, minAge);
        return weibull(u, rate, hours, duty, true, reading.z(), String.format(Locale.ROOT, "%s, rate %.5f per "
                + "running hour over the %.0f h it ran since its last maintenance or first sample; runs %.0f %% of its "
                + "available hours", reading.describe(), rate, age, duty * 100));
    }

    /**
     * The wear rate of the machine's cycle just before the current one (from a reset to the next), if its
     * vibration at its end drifted beyond noise: the wear read there (the curve's point estimate, not the lower
     * bound: a rate, not an alarm) over the hours from the reset to its last running sample. Only a cycle that began
     * with a maintenance counts: before the first one the machine's age is unknown (the benchmark's press that came
     * in 80 h worn read a rate twice its true one over the hours since first seen, and that rate would make its next
     * young cycle look old). NaN when that cycle did not show its wear, or there is none.
     */
    private double previousCycleRate(final List<Sample> before, final double duty) {
        int end = before.size();
        for (int start = end - 1; start >= 0; start--) {
            if (!"MAINTENANCE".equals(before.get(start).state())) {
                continue;
            }
            final List<Sample> cycle = before.subList(start, end);
            end = start;
            int lastRunning = cycle.size() - 1;
            while (lastRunning > 0 && !"RUNNING".equals(cycle.get(lastRunning).state())) {
                lastRunning--;
            }
            if (lastRunning == 0) {
                continue;
            }
            final ConditionDrift.Reading reading = condition.read(cycle.subList(0, lastRunning + 1));
            final double age = runningHours(cycle.subList(0, lastRunning + 1));
            // only the cycle just before counts: a rate kept from an older one fed on itself — read high once, it
            // had the machine maintained hours after each maintenance (cycles too short to read a rate of their
            // own), 31 maintenances in one 14-day benchmark run
            return reading.measured() && reading.lifeFraction() > 0 && age > 0
                    ? condition.lifeFraction(reading.z()) / Math.max(age, condition.minAgeHours() * duty)
                    : Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * Hours the machine ran over these samples: each interval between two samples counts when the sample opening it
     * shows {@code RUNNING} (the twins are sampled every few minutes; a state change inside an interval is placed
     * at its end).
     */
    static double runningHours(final List<Sample> samples) {
        double running = 0;
        for (int i = 1; i < samples.size(); i++) {
            if ("RUNNING".equals(samples.get(i - 1).state())) {
                running += hoursBetween(samples.get(i - 1), samples.get(i));
            }
        }
        return running;
    }

    /**
     * The share of its available hours (not in maintenance, not failed) the machine ran over all its samples: off
     * shifts, weekends, switched off, starved or blocked it does not wear, so a horizon of calendar hours holds this
     * share of running. 1 while less than an hour is known (errs towards maintaining).
     */
    static double duty(final List<Sample> samples) {
        double running = 0;
        double available = 0;
        for (int i = 1; i < samples.size(); i++) {
            final String state = samples.get(i - 1).state();
            if ("MAINTENANCE".equals(state) || "FAILED".equals(state)) {
                continue;
            }
            final double hours = hoursBetween(samples.get(i - 1), samples.get(i));
            available += hours;
            if ("RUNNING".equals(state)) {
                running += hours;
            }
        }
        return available >= 1 ? running / available : 1;
    }

    private static double hoursBetween(final Sample from, final Sample to) {
        return Duration.between(from.at(), to.at()).toMillis() / 3_600_000.0;
    }

    /**
     * @param rate wear per hour the machine runs
     * @param hours the horizon, calendar hours
     * @param duty the share of its available hours the machine runs: the horizon holds {@code hours × duty} hours
     *     of running, and the median remaining running life takes {@code 1/duty} times as long in calendar time
     */
    private FailureRisk weibull(final double u, final double rate, final double hours, final double duty,
            final boolean measured, final double z, final String basis) {
        final double running = hours * duty;
        final double cumulative = Math.pow(u, shape);
        final double probability = rate > 0 ? 1 - Math.exp(-(Math.pow(u + rate * running, shape) - cumulative)) : 0;
        final double median = rate > 0 && duty > 0 ? (Math.pow(cumulative + LN2, 1 / shape) - u) / rate / duty
                : Double.POSITIVE_INFINITY;
        final double ifNew = rate > 0 ? 1 - Math.exp(-Math.pow(rate * running, shape)) : 0;
        return new FailureRisk(probability, median, u, rate, measured, z, basis, ifNew);
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

    private static double orDefault(final double value, final double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }
}
