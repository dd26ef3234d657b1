package io.twinloop.scenarios.report;

import java.util.Collection;

/**
 * Min, mean and max of one figure over the seeds of a scenario and policy.
 *
 * @param runs runs with a value (a run that made no unit has no energy per unit)
 * @param missing runs without one; all figures are NaN when {@code runs} is 0
 */
public record Spread(int runs, int missing, double min, double mean, double max) {

    public static Spread of(final Collection<Double> values) {
        final double[] present = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v))
                .toArray();
        final int missing = values.size() - present.length;
        if (present.length == 0) {
            return new Spread(0, missing, Double.NaN, Double.NaN, Double.NaN);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (final double v : present) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return new Spread(present.length, missing, min, sum / present.length, max);
    }

    public boolean isEmpty() {
        return runs == 0;
    }
}
