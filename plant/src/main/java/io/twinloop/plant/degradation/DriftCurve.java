package io.twinloop.plant.degradation;

/**
 * How far a sensor signature has drifted from its healthy level at a given fraction of life:
 * {@code drift(u) = driftAtFailure * (exp(curvature * u) - 1) / (exp(curvature) - 1)}, in units of the sensor's
 * own noise (so a curve fitted on a turbofan sensor transfers to a machine's vibration sensor as a signal-to-noise
 * shape, not as engineering units).
 *
 * <p>The exponential form is the usual model for the C-MAPSS trajectories (flat for most of the life, rising
 * steeply towards the end); it is fitted by {@link io.twinloop.plant.degradation.fit.CmapssFit}.
 *
 * @param curvature how late the drift sets in (0 would be linear, larger is later and steeper)
 * @param driftAtFailure drift at the end of life in noise standard deviations, signed as the sensor moves
 */
public record DriftCurve(double curvature, double driftAtFailure) {

    /** Beyond this fraction of life the curve is held flat: a machine far past its expected life is not a rocket. */
    static final double MAX_LIFE_FRACTION = 1.5;

    public DriftCurve {
        if (!Double.isFinite(curvature) || curvature <= 0) {
            throw new IllegalArgumentException("curvature must be a positive finite number, was " + curvature);
        }
        if (!Double.isFinite(driftAtFailure)) {
            throw new IllegalArgumentException("drift at failure must be finite, was " + driftAtFailure);
        }
    }

    /** The normalized shape, 0 at the start of life and 1 at its end. */
    public static double shape(final double lifeFraction, final double curvature) {
        return Math.expm1(curvature * lifeFraction) / Math.expm1(curvature);
    }

    /** Drift in noise standard deviations at {@code lifeFraction} (0 = new, 1 = characteristic life). */
    public double driftAt(final double lifeFraction) {
        final double u = Math.max(0, Math.min(MAX_LIFE_FRACTION, lifeFraction));
        return driftAtFailure * shape(u, curvature);
    }
}
