package io.twinloop.plant.degradation.fit;

import io.twinloop.plant.degradation.DriftCurve;
import io.twinloop.plant.degradation.fit.CmapssTrajectories.Trajectory;
import java.util.List;

/**
 * Least-squares fit of {@code x = offset_unit + D * shape(u, k) + noise} over all units at once.
 *
 * <p>Each unit gets its own offset because C-MAPSS engines start with different initial wear and manufacturing
 * variation; only the drift (D, k) is shared. The offsets are profiled out by centring each unit, D is linear
 * given k, and k is found by a grid search refined by golden sections (the sum of squares is smooth and
 * one-dimensional, so this is deterministic and needs no optimizer library). The result is expressed in units of
 * the residual noise, which is what transfers to another sensor.
 */
final class DriftFit {

    private static final double MIN_CURVATURE = 0.05;
    private static final double MAX_CURVATURE = 15;
    private static final double GRID_STEP = 0.05;

    private DriftFit() {
    }

    static DriftCurve fit(final List<Trajectory> units, final int direction) {
        double best = MIN_CURVATURE;
        double bestSse = Double.POSITIVE_INFINITY;
        for (double k = MIN_CURVATURE; k <= MAX_CURVATURE; k += GRID_STEP) {
            final double sse = new Solution(units, k).sse;
            if (sse < bestSse) {
                bestSse = sse;
                best = k;
            }
        }
        final double curvature = goldenSection(units, Math.max(MIN_CURVATURE / 2, best - GRID_STEP),
                best + GRID_STEP);
        final Solution solution = new Solution(units, curvature);
        int points = 0;
        for (final Trajectory unit : units) {
            points += unit.value().length;
        }
        // Degrees of freedom: one offset per unit, D and k.
        final double noise = Math.sqrt(solution.sse / (points - units.size() - 2));
        return new DriftCurve(curvature, direction * solution.drift / noise);
    }

    private static double goldenSection(final List<Trajectory> units, final double low, final double high) {
        final double ratio = (Math.sqrt(5) - 1) / 2;
        double a = low;
        double b = high;
        double c = b - ratio * (b - a);
        double d = a + ratio * (b - a);
        double fc = new Solution(units, c).sse;
        double fd = new Solution(units, d).sse;
        while (b - a > 1e-7) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = new Solution(units, c).sse;
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = new Solution(units, d).sse;
            }
        }
        return (a + b) / 2;
    }

    /** The best drift amplitude for a fixed curvature, and its residual sum of squares. */
    private static final class Solution {
        final double drift;
        final double sse;

        Solution(final List<Trajectory> units, final double curvature) {
            double gx = 0;
            double gg = 0;
            double xx = 0;
            for (final Trajectory unit : units) {
                final double[] u = unit.lifeFraction();
                final double[] x = unit.value();
                final int n = x.length;
                final double[] g = new double[n];
                double meanG = 0;
                double meanX = 0;
                for (int i = 0; i < n; i++) {
                    g[i] = DriftCurve.shape(u[i], curvature);
                    meanG += g[i] / n;
                    meanX += x[i] / n;
                }
                for (int i = 0; i < n; i++) {
                    final double cg = g[i] - meanG;
                    final double cx = x[i] - meanX;
                    gx += cg * cx;
                    gg += cg * cg;
                    xx += cx * cx;
                }
            }
            drift = gx / gg;
            sse = xx - drift * gx;
        }
    }
}
