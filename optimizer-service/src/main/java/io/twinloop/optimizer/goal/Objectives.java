package io.twinloop.optimizer.goal;

/**
 * What a course of action is predicted (or observed) to lead to over the decision horizon.
 *
 * @param costEur energy bought plus lost production and maintenance, EUR
 * @param energyKwh electrical energy, kWh
 * @param downtimeHours machine-hours not producing for failure or maintenance
 * @param throughputUnits good units produced
 */
public record Objectives(double costEur, double energyKwh, double downtimeHours, double throughputUnits) {

    public Objectives {
        requireFinite("costEur", costEur);
        requireFinite("energyKwh", energyKwh);
        requireFinite("downtimeHours", downtimeHours);
        requireFinite("throughputUnits", throughputUnits);
    }

    private static void requireFinite(final String name, final double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("objectives: " + name + " must be a finite number, was " + value);
        }
    }

    /** Whether this is at least as good in every objective and better in one (all minimized, throughput maximized). */
    public boolean dominates(final Objectives other) {
        final boolean noWorse = costEur <= other.costEur && energyKwh <= other.energyKwh
                && downtimeHours <= other.downtimeHours && throughputUnits >= other.throughputUnits;
        final boolean better = costEur < other.costEur || energyKwh < other.energyKwh
                || downtimeHours < other.downtimeHours || throughputUnits > other.throughputUnits;
        return noWorse && better;
    }
}
