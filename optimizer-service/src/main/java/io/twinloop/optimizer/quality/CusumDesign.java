package io.twinloop.optimizer.quality;

/**
 * A two-sided tabular CUSUM (Page 1954) on standardized samples: reference value {@code k} (half the shift, in σ,
 * it is tuned to detect fastest) and decision interval {@code h}. {@link #forInControlArl} chooses {@code h} for a
 * configured false-alarm rate: the in-control average run length (samples between false alarms), from Siegmund's
 * approximation of the run length (Montgomery, <i>Introduction to Statistical Quality Control</i>, §9.1.8), which is
 * within a few percent of the exact Markov-chain value for the usual k = 0.5.
 *
 * @param k reference value, σ
 * @param h decision interval, σ
 */
public record CusumDesign(double k, double h) {

    public CusumDesign {
        if (!(k > 0) || !(h > 0) || !Double.isFinite(k) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("CUSUM design needs finite k > 0 and h > 0, was k=" + k + " h=" + h);
        }
    }

    /** The design whose in-control average run length is {@code inControlArl} samples (a false alarm in ARL0). */
    public static CusumDesign forInControlArl(final double inControlArl, final double k) {
        if (!(inControlArl >= 2) || !Double.isFinite(inControlArl)) {
            throw new IllegalArgumentException("in-control ARL must be a finite number of samples >= 2, was "
                    + inControlArl);
        }
        double low = 1e-3;
        double high = 1.0;
        while (new CusumDesign(k, high).averageRunLength(0) < inControlArl) {
            high *= 2;
        }
        for (int i = 0; i < 100; i++) {
            final double mid = (low + high) / 2;
            if (new CusumDesign(k, mid).averageRunLength(0) < inControlArl) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return new CusumDesign(k, (low + high) / 2);
    }

    /** Average run length of the two-sided chart for a mean shifted by {@code shift} σ (0: in control). */
    public double averageRunLength(final double shift) {
        return 1 / (1 / oneSided(shift - k) + 1 / oneSided(-shift - k));
    }

    /** Siegmund: ARL = (e^{-2Δb} + 2Δb − 1) / (2Δ²), b = h + 1.166, Δ = shift − k. */
    private double oneSided(final double delta) {
        final double b = h + 1.166;
        if (Math.abs(delta) < 1e-9) {
            return b * b;
        }
        return (Math.exp(-2 * delta * b) + 2 * delta * b - 1) / (2 * delta * delta);
    }

    /** False alarms per sample in control: 1 / ARL0. */
    public double falseAlarmRate() {
        return 1 / averageRunLength(0);
    }
}
