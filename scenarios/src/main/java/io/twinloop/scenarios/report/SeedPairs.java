package io.twinloop.scenarios.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A policy against the calendar baseline seed by seed: runs of one seed see the same demand and the same failure
 * draws (common random numbers), so their difference is the policy's doing, and a mean that hides a policy losing
 * on most seeds shows here.
 *
 * @param pairs the seeds both have, in order
 */
public record SeedPairs(String policy, Metric metric, List<Pair> pairs) {

    /**
     * One seed's two runs.
     *
     * @param changePercent {@code (policy − baseline) / baseline × 100}; empty when either is NaN or the baseline 0
     */
    public record Pair(long seed, double baseline, double policy, Optional<Double> changePercent) {

        /** Better for the metric's direction; equal is not better. NaN (no good unit) is never better. */
        public boolean better(final Metric metric) {
            if (Double.isNaN(baseline) || Double.isNaN(policy)) {
                return false;
            }
            return metric.lowerIsBetter() ? policy < baseline : policy > baseline;
        }

        /** Worse for the metric's direction; a policy run without a value (no good unit) where the baseline has one is. */
        public boolean worse(final Metric metric) {
            if (Double.isNaN(baseline)) {
                return false;
            }
            if (Double.isNaN(policy)) {
                return true;
            }
            return metric.lowerIsBetter() ? policy > baseline : policy < baseline;
        }
    }

    public SeedPairs {
        pairs = List.copyOf(pairs);
    }

    /** Empty pairs when the scenario has no runs of the baseline or of the policy. */
    public static SeedPairs of(final ScenarioSummary scenario, final String policy, final Metric metric) {
        final List<Pair> pairs = new ArrayList<>();
        final Optional<PolicySummary> baseline = scenario.policy(ScenarioSummary.BASELINE);
        final Optional<PolicySummary> measured = scenario.policy(policy);
        if (baseline.isPresent() && measured.isPresent()) {
            for (final long seed : measured.get().seeds()) {
                baseline.get().run(seed).ifPresent(base -> {
                    final double b = base.value(metric);
                    final double p = measured.get().run(seed).orElseThrow().value(metric);
                    final Optional<Double> change = Double.isNaN(b) || Double.isNaN(p) || b == 0
                            ? Optional.empty() : Optional.of((p - b) / b * 100);
                    pairs.add(new Pair(seed, b, p, change));
                });
            }
        }
        return new SeedPairs(policy, metric, pairs);
    }

    /** How many seeds the policy did better on. */
    public long betterCount() {
        return pairs.stream().filter(p -> p.better(metric)).count();
    }

    /** E.g. {@code better on 2 of 3 seeds}. */
    public String summary() {
        return "better on " + betterCount() + " of " + pairs.size() + " seed" + (pairs.size() == 1 ? "" : "s");
    }
}
