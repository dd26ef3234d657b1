package io.twinloop.plant.degradation;

import java.util.Objects;

/**
 * One machine's accumulated wear and what follows from it: health, failure hazard and how far along its life it
 * is. Wear is counted in equivalent operating hours at nominal load, so running faster wears faster. Not
 * thread-safe; owned by one machine.
 */
public final class Wear {

    private final LifeDistribution life;
    private double hours;

    /**
     * @param shape the fitted life distribution (only its shape is used)
     * @param characteristicLifeHours the machine's own Weibull scale in operating hours
     */
    public Wear(final LifeDistribution shape, final double characteristicLifeHours) {
        this(shape, characteristicLifeHours, 0);
    }

    /** A machine already worn by {@code hours} (a what-if run started from a twin's state). */
    public Wear(final LifeDistribution shape, final double characteristicLifeHours, final double hours) {
        this.life = Objects.requireNonNull(shape, "shape").withScale(characteristicLifeHours);
        if (!Double.isFinite(hours) || hours < 0) {
            throw new IllegalArgumentException("wear hours must be a finite number >= 0, was " + hours);
        }
        this.hours = hours;
    }

    public double hours() {
        return hours;
    }

    /** Fraction of the characteristic life used: what positions the signatures on their drift curves. */
    public double lifeFraction() {
        return hours / life.scale();
    }

    /**
     * Health in [0, 1]: the probability that a machine of this kind survives to the present wear. 1 when new,
     * about 0.37 at the characteristic life, near 0 well beyond it.
     */
    public double health() {
        return life.survival(hours);
    }

    /** Failure rate per operating hour at nominal load, at the present wear. */
    public double hazardPerHour() {
        return life.hazard(hours);
    }

    /**
     * Adds wear and says whether the machine fails while it does.
     *
     * @param wearHours wear added, in equivalent nominal operating hours
     * @param uniform a uniform draw in [0, 1) from the machine's random stream
     * @return true when the machine failed during this wear
     */
    public boolean accumulate(final double wearHours, final double uniform) {
        final double before = hours;
        hours += wearHours;
        return wearHours > 0 && uniform < life.failureProbability(before, hours);
    }

    /** Maintenance and repair restore the machine to as good as new. */
    public void restore() {
        hours = 0;
    }
}
