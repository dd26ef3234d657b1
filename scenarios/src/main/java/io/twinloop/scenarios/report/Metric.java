package io.twinloop.scenarios.report;

/**
 * The figures a report charts per scenario, each read from the result field of the same name that
 * {@code ResultFiles} writes per run.
 */
public enum Metric {

    ENERGY_PER_GOOD_UNIT("energyPerGoodUnitKwh", "Energy per good unit", "kWh/unit", true),
    UNPLANNED_DOWNTIME("unplannedDowntimeHours", "Unplanned downtime", "machine-hours", true),
    FAILURES("failures", "Failures", "count", true),
    PLANNED_MAINTENANCE("plannedMaintenanceHours", "Planned maintenance", "machine-hours", true),
    THROUGHPUT("goodUnits", "Throughput (good units)", "units", false),
    TOTAL_COST("totalCostEur", "Total cost", "EUR", true),
    SAFETY_VIOLATIONS("safetyBoundViolations", "Safety-bound violations", "count, must be 0", true),
    APPROVALS("actionsNeedingApproval", "Actions that needed approval", "count", true);

    private final String field;
    private final String title;
    private final String unit;
    private final boolean lowerIsBetter;

    Metric(final String field, final String title, final String unit, final boolean lowerIsBetter) {
        this.field = field;
        this.title = title;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The result file's field. */
    public String field() {
        return field;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
