package io.twinloop.scenarios.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One policy's runs of one scenario: the seeds and each metric's spread across them. */
public record PolicySummary(String policy, List<Long> seeds, Map<Metric, Spread> spreads) {

    public PolicySummary {
        seeds = List.copyOf(seeds);
        spreads = Map.copyOf(spreads);
    }

    static PolicySummary of(final String policy, final List<RunRecord> runs) {
        final Map<Metric, Spread> spreads = new EnumMap<>(Metric.class);
        for (final Metric metric : Metric.values()) {
            spreads.put(metric, Spread.of(runs.stream().map(r -> r.value(metric)).toList()));
        }
        return new PolicySummary(policy, runs.stream().map(RunRecord::seed).sorted().toList(), spreads);
    }

    public Spread spread(final Metric metric) {
        return spreads.get(metric);
    }
}
