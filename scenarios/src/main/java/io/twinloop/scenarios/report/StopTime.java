package io.twinloop.scenarios.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The machines' stops in one scenario, per policy (means over seeds): failures, unplanned and planned hours. The
 * published figure counts only unplanned downtime; a policy can trade it against planned maintenance, so the report
 * shows both, and says when the calendar baseline leaves no unplanned downtime to cut.
 *
 * @param byPolicy per policy, in the scenario's order
 */
public record StopTime(Map<String, Row> byPolicy) {

    public StopTime {
        byPolicy = Collections.unmodifiableMap(new LinkedHashMap<>(byPolicy));
    }

    /** One policy's means per run. */
    public record Row(double failures, double unplannedHours, double plannedHours) {

        public double allHours() {
            return unplannedHours + plannedHours;
        }
    }

    public static StopTime of(final ScenarioSummary scenario) {
        final Map<String, Row> rows = new LinkedHashMap<>();
        scenario.policies().forEach(p -> rows.put(p.policy(), new Row(p.spread(Metric.FAILURES).mean(),
                p.spread(Metric.UNPLANNED_DOWNTIME).mean(), p.spread(Metric.PLANNED_MAINTENANCE).mean())));
        return new StopTime(rows);
    }

    /** The change (per cent) of a policy's stop hours against the baseline's; empty when undefined. */
    public Optional<Double> allHoursChangePercent(final String policy) {
        final Row base = byPolicy.get(ScenarioSummary.BASELINE);
        final Row row = byPolicy.get(policy);
        return base == null || row == null || base.allHours() == 0 ? Optional.empty()
                : Optional.of((row.allHours() - base.allHours()) / base.allHours() * 100);
    }

    /** What the baseline's stops leave to cut, in words; empty without the baseline. */
    public Optional<String> why() {
        final Row base = byPolicy.get(ScenarioSummary.BASELINE);
        if (base == null) {
            return Optional.empty();
        }
        final StringBuilder why = new StringBuilder(base.unplannedHours() == 0
                ? String.format(Locale.ROOT, "The calendar baseline had no unplanned downtime in any run: its fixed "
                        + "interval maintains every machine before it wears out, at %.1f machine-hours of planned "
                        + "maintenance per run. With nothing unplanned to cut, the published %.0f %% cannot be "
                        + "measured on this line; what a condition-based policy saves shows in the planned hours and "
                        + "the cost.", base.plannedHours(), PublishedFigure.UNPLANNED_DOWNTIME.changePercent())
                : String.format(Locale.ROOT, "The calendar baseline lost %.1f machine-hours per run to %.1f "
                        + "failures, beside %.1f h of planned maintenance.", base.unplannedHours(), base.failures(),
                        base.plannedHours()));
        byPolicy.forEach((policy, row) -> {
            if (!policy.equals(ScenarioSummary.BASELINE)) {
                why.append(String.format(Locale.ROOT, " %s: %.1f failures, %.1f h unplanned, %.1f h planned",
                        policy, row.failures(), row.unplannedHours(), row.plannedHours()));
                allHoursChangePercent(policy).ifPresent(change -> why.append(" (all stops ")
                        .append(Comparison.percent(change)).append(')'));
                why.append('.');
            }
        });
        return Optional.of(why.toString());
    }
}
