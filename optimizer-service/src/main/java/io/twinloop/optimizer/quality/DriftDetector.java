package io.twinloop.optimizer.quality;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Detects a drift of one machine's quality signal (deviation from nominal, target 0) from its samples: a two-sided
 * CUSUM ({@link CusumDesign}, {@link CusumState}) on samples standardized by σ estimated from their moving ranges.
 * The median moving range is used (σ = median|x<sub>i</sub> − x<sub>i−1</sub>| / 0.954, the normal distribution's
 * factor), so a slow drift or a step between two samples hardly moves it. Not armed until {@code minSamples} moving
 * ranges are known. Derived state only: after a restart it fills again from what the twin shows. Not thread-safe.
 */
public final class DriftDetector {

    /** Median of |X1 − X2| for two independent N(0, σ²) draws, in σ: √2 × 0.6745. */
    private static final double MEDIAN_MOVING_RANGE = 0.9539;

    private final CusumDesign design;
    private final int minSamples;
    private final int window;
    private final ArrayDeque<Double> movingRanges = new ArrayDeque<>();
    private double last = Double.NaN;
    private double sigma = Double.NaN;
    private CusumState state = CusumState.start();
    private int samplesSinceReset;

    /**
     * @param minSamples moving ranges needed before σ is trusted and the chart armed
     * @param window moving ranges kept for σ (the newest)
     */
    public DriftDetector(final CusumDesign design, final int minSamples, final int window) {
        if (minSamples < 2 || window < minSamples) {
            throw new IllegalArgumentException("drift detector needs 2 <= minSamples <= window, were " + minSamples
                    + " and " + window);
        }
        this.design = design;
        this.minSamples = minSamples;
        this.window = window;
    }

    /** One new sample (a part's deviation); true when the chart is in alarm after it. */
    public boolean observe(final double deviation) {
        if (!Double.isFinite(deviation)) {
            throw new IllegalArgumentException("a quality sample must be a finite number, was " + deviation);
        }
        if (!Double.isNaN(last)) {
            movingRanges.addLast(Math.abs(deviation - last));
            if (movingRanges.size() > window) {
                movingRanges.removeFirst();
            }
            sigma = median() / MEDIAN_MOVING_RANGE;
        }
        last = deviation;
        if (!armed()) {
            return false;
        }
        state = state.next(deviation / sigma, design.k());
        samplesSinceReset++;
        return inAlarm();
    }

    private double median() {
        final double[] sorted = movingRanges.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Forget the chart's sums after a correction: what follows is another process mean. The σ estimate stays (the
     * noise is the machine's, not the offset's), but no moving range spans the correction.
     */
    public void reset() {
        state = CusumState.start();
        last = Double.NaN;
        samplesSinceReset = 0;
    }

    public boolean armed() {
        return movingRanges.size() >= minSamples && sigma > 0;
    }

    public boolean inAlarm() {
        return armed() && state.alarm(design.h());
    }

    /** The estimated mean shift in the signal's unit (µm), signed; 0 without an alarm run. */
    public double shiftEstimate() {
        return armed() ? state.shiftEstimate(design.k()) * sigma : 0;
    }

    /** σ estimated from the moving ranges, NaN until there is one. */
    public double sigma() {
        return sigma;
    }

    public CusumState state() {
        return state;
    }

    public CusumDesign design() {
        return design;
    }

    public int samplesSinceReset() {
        return samplesSinceReset;
    }

    public int movingRanges() {
        return movingRanges.size();
    }
}
