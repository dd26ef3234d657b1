package io.twinloop.plant.degradation;

/**
 * A two-parameter Weibull life distribution. The shape is dimensionless and carries over from the data it was
 * fitted on; the scale is in whatever unit of wear the caller uses (C-MAPSS cycles in the fitted parameters,
 * equivalent operating hours in a machine).
 *
 * <p>A shape above 1 means a hazard rising with wear: the reason a worn machine fails sooner, and the reason
 * preventive maintenance pays off.
 */
public record LifeDistribution(double shape, double scale) {

    public LifeDistribution {
        if (!Double.isFinite(shape) || shape <= 0) {
            throw new IllegalArgumentException("Weibull shape must be a positive finite number, was " + shape);
        }
        if (!Double.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException("Weibull scale must be a positive finite number, was " + scale);
        }
    }

    /** The same shape with another scale: how the fitted life shape is put onto a machine's own life. */
    public LifeDistribution withScale(final double newScale) {
        return new LifeDistribution(shape, newScale);
    }

    /** Instantaneous failure rate per unit of wear at accumulated wear {@code wear}. */
    public double hazard(final double wear) {
        if (wear <= 0) {
            return shape < 1 ? Double.POSITIVE_INFINITY : (shape == 1 ? 1 / scale : 0);
        }
        return shape / scale * Math.pow(wear / scale, shape - 1);
    }

    /** Cumulative hazard {@code (wear/scale)^shape}. */
    public double cumulativeHazard(final double wear) {
        return wear <= 0 ? 0 : Math.pow(wear / scale, shape);
    }

    /** Probability of surviving to {@code wear}. */
    public double survival(final double wear) {
        return Math.exp(-cumulativeHazard(wear));
    }

    /**
     * Probability of failing while wear grows from {@code from} to {@code to}, given survival to {@code from}.
     * Exact for any step size, so the simulation's failure statistics do not depend on its time step.
     */
    public double failureProbability(final double from, final double to) {
        return -Math.expm1(-(cumulativeHazard(to) - cumulativeHazard(from)));
    }

    public double mean() {
        return scale * Math.exp(logGamma(1 + 1 / shape));
    }

    // Lanczos approximation; precise to ~1e-13, plenty for a mean life.
    private static double logGamma(final double x) {
        final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        final double z = x - 1;
        double a = g[0];
        final double t = z + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
