package io.twinloop.scenarios.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One policy's runs of one scenario: the seeds, each metric's spread across them, and each seed's run (for the
 * same-seed comparison, {@link SeedPairs}).
 */
public record PolicySummary(String policy, List<Long> seeds, Map<Metric, Spread> spreads,
        Map<Long, RunRecord> runsBySeed) {

    public PolicySummary {
        seeds = List.copyOf(seeds);
        spreads = Map.copyOf(spreads);
        runsBySeed = Collections.unmodifiableMap(new TreeMap<>(runsBySeed));
    }

    static PolicySummary of(final String policy, final List<RunRecord> runs) {
        final Map<Metric, Spread> spreads = new EnumMap<>(Metric.class);
        for (final Metric metric : Metric.values()) {
            spreads.put(metric, Spread.of(runs.stream().map(r -> r.value(metric)).toList()));
        }
        final Map<Long, RunRecord> bySeed = new TreeMap<>();
        runs.forEach(run -> bySeed.put(run.seed(), run)); // one run per seed: the reader refuses a second
        return new PolicySummary(policy, runs.stream().map(RunRecord::seed).sorted().toList(), spreads, bySeed);
    }

    public Spread spread(final Metric metric) {
        return spreads.get(metric);
    }

    public Optional<RunRecord> run(final long seed) {
        return Optional.ofNullable(runsBySeed.get(seed));
    }
}
