package io.twinloop.connectors.interfaces;

/** The AID's {@code min_max} of a numeric data point: values outside are refused before they reach the machine. */
public record Bounds(double min, double max) {

    public Bounds {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("min_max must have min <= max, was [" + min + ", " + max + "]");
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
