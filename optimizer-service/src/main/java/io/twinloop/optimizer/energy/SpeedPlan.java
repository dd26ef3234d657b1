package io.twinloop.optimizer.energy;

import java.util.Arrays;

/**
 * A machine's speed hour by hour over the horizon (percent; 0 = standby for that hour), planned so that it makes as
 * many units as running at the reference speed throughout, at the least energy cost for the hourly prices.
 *
 * <p>With power ∝ speed^e (e &gt; 1) the cost {@code Σ p_h·s_h^e} under {@code Σ s_h = S} is least where
 * {@code e·p_h·s_h^(e-1)} is the same for every hour (Lagrange), i.e. {@code s_h = (λ/(e·p_h))^(1/(e-1))} clipped
 * to the speed range; λ is found by bisection. Hours at or below zero price run at the top of the range.
 */
public record SpeedPlan(double[] speeds) {

    public SpeedPlan {
        speeds = speeds.clone();
    }

    @Override
    public double[] speeds() {
        return speeds.clone();
    }

    public double speed(final int hour) {
        return speeds[Math.max(0, Math.min(speeds.length - 1, hour))];
    }

    public int hours() {
        return speeds.length;
    }

    /** Sum of speed-hours (∝ units made). */
    public double speedHours() {
        return Arrays.stream(speeds).sum();
    }

    /**
     * The cheapest plan over {@code prices.length} hours that keeps {@code reference·hours} speed-hours, each hour
     * within {@code [min, max]}; hours listed in {@code standbyHours} are 0 and the others make up for them. If the
     * range cannot keep the total, the plan gets as close as the range allows.
     */
    public static SpeedPlan cheapest(final double[] prices, final double reference, final double min,
            final double max, final double exponent, final boolean[] standbyHours) {
        if (!(exponent > 1)) {
            throw new IllegalArgumentException("a speed plan needs power to grow faster than speed (exponent > 1), "
                    + "was " + exponent);
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException("speed range [" + min + ", " + max + "] is empty");
        }
        final int n = prices.length;
        final double target = reference * n;
        double lo = 0;
        double hi = 1;
        while (total(prices, hi, min, max, exponent, standbyHours) < target && hi < 1e30) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            final double mid = (lo + hi) / 2;
            if (total(prices, mid, min, max, exponent, standbyHours) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        final double[] speeds = new double[n];
        for (int h = 0; h < n; h++) {
            speeds[h] = speed(prices[h], hi, min, max, exponent, standbyHours != null && standbyHours[h]);
        }
        return new SpeedPlan(speeds);
    }

    private static double total(final double[] prices, final double lambda, final double min, final double max,
            final double exponent, final boolean[] standbyHours) {
        double sum = 0;
        for (int h = 0; h < prices.length; h++) {
            sum += speed(prices[h], lambda, min, max, exponent, standbyHours != null && standbyHours[h]);
        }
        return sum;
    }

    private static double speed(final double price, final double lambda, final double min, final double max,
            final double exponent, final boolean standby) {
        if (standby) {
            return 0;
        }
        if (price <= 0) {
            return max;
        }
        final double s = Math.pow(lambda / (exponent * price), 1 / (exponent - 1));
        return Math.max(min, Math.min(max, s));
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SpeedPlan other && Arrays.equals(speeds, other.speeds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(speeds);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("[");
        for (int h = 0; h < speeds.length; h++) {
            text.append(h == 0 ? "" : " ").append(Math.round(speeds[h]));
        }
        return text.append("]").toString();
    }
}
