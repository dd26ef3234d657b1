package io.twinloop.scenarios.report;

import java.util.Locale;
import java.util.Optional;

/**
 * One policy against the calendar baseline on one published figure, from the means over seeds:
 * {@code change = (policy mean − baseline mean) / baseline mean × 100}.
 *
 * @param changePercent empty when there is nothing to compare (a policy absent, a baseline mean of 0)
 * @param reached whether the published margin is met; false whenever there is no change
 * @param verdict what a reader should take from the row, in words
 */
public record Comparison(String policy, PublishedFigure figure, double baselineMean, double policyMean,
        Optional<Double> changePercent, boolean reached, String verdict) {

    public static Comparison of(final ScenarioSummary scenario, final String policy, final PublishedFigure figure) {
        final Metric metric = figure.metric();
        final Optional<PolicySummary> baseline = scenario.policy(ScenarioSummary.BASELINE);
        final Optional<PolicySummary> measured = scenario.policy(policy);
        final double base = baseline.map(p -> p.spread(metric).mean()).orElse(Double.NaN);
        final double mean = measured.map(p -> p.spread(metric).mean()).orElse(Double.NaN);
        if (measured.isEmpty()) {
            return none(policy, figure, base, mean, "no " + policy + " results in the input: not measured");
        }
        if (baseline.isEmpty()) {
            return none(policy, figure, base, mean, "no calendar baseline results in the input: nothing to compare");
        }
        if (Double.isNaN(base) || Double.isNaN(mean)) {
            return none(policy, figure, base, mean, "no value (no good unit made): cannot compare");
        }
        if (base == 0) {
            return none(policy, figure, base, mean, mean == 0
                    ? "both are 0: the baseline leaves nothing to reduce or raise in these runs"
                    : "the baseline is 0: no percentage is defined");
        }
        final double change = (mean - base) / base * 100;
        final boolean reached = figure.reachedBy(change);
        final String verdict = reached
                ? "reaches the published " + percent(figure.changePercent())
                : "does NOT reach the published " + percent(figure.changePercent()) + " (measured "
                        + percent(change) + ")";
        return new Comparison(policy, figure, base, mean, Optional.of(change), reached, verdict);
    }

    /** Signed, one decimal, as the report prints it: {@code -28.0 %}, {@code +21.0 %}. */
    public static String percent(final double change) {
        return String.format(Locale.ROOT, "%+.1f %%", change);
    }

    private static Comparison none(final String policy, final PublishedFigure figure, final double base,
            final double mean, final String verdict) {
        return new Comparison(policy, figure, base, mean, Optional.empty(), false, verdict);
    }
}
