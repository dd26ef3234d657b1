package io.twinloop.plant.machine;

/** The speed setpoints a machine accepts, in percent of its nominal speed. */
public record SpeedRange(double minPercent, double maxPercent) {

    public SpeedRange {
        if (!(minPercent > 0) || !(maxPercent >= minPercent) || !Double.isFinite(maxPercent)) {
            throw new IllegalArgumentException("speed range must satisfy 0 < min <= max, was " + minPercent + ".."
                    + maxPercent);
        }
    }

    public boolean contains(final double percent) {
        return percent >= minPercent && percent <= maxPercent;
    }

    @Override
    public String toString() {
        return minPercent + ".." + maxPercent + " %";
    }
}
