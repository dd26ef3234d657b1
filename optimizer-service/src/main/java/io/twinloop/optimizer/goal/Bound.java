package io.twinloop.optimizer.goal;

/** The operating range of one decision variable, inclusive. */
public record Bound(double min, double max) {

    public Bound {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("a bound needs finite min <= max, was [" + min + ", " + max + "]");
        }
    }

    public boolean contains(final double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
