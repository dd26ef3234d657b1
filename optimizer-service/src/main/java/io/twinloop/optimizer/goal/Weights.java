package io.twinloop.optimizer.goal;

/** The goal layer's weights: minimize {@code cost·costEur + energy·energyKwh + downtime·downtimeHours}. */
public record Weights(double cost, double energy, double downtime) {

    public Weights {
        for (final double w : new double[] {cost, energy, downtime}) {
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("weights must be finite and not negative, were cost=" + cost
                        + " energy=" + energy + " downtime=" + downtime);
            }
        }
        if (cost + energy + downtime == 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    public double score(final Objectives objectives) {
        return cost * objectives.costEur() + energy * objectives.energyKwh() + downtime * objectives.downtimeHours();
    }
}
