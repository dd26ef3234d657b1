package io.twinloop.scenarios.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every policy's runs of one scenario, policies in a fixed order (the calendar baseline first, then the threshold
 * rule, then TwinLoop, then anything else by name) so that reports compare alike.
 */
public record ScenarioSummary(String scenario, double days, List<PolicySummary> policies) {

    /** The calendar baseline every published figure is compared against. */
    public static final String BASELINE = "baseline";
    /** The policies the published-figures table compares with the baseline, present or not. */
    public static final List<String> COMPARED = List.of("threshold", "twinloop");

    private static final List<String> ORDER = List.of(BASELINE, "threshold", "twinloop");

    public ScenarioSummary {
        policies = List.copyOf(policies);
    }

    /**
     * Groups runs by scenario (sorted by name) and policy.
     *
     * @throws ReportException when runs of one scenario have different lengths: their means would not compare
     */
    public static List<ScenarioSummary> of(final List<RunRecord> runs) throws ReportException {
        final Map<String, List<RunRecord>> byScenario = runs.stream()
                .collect(Collectors.groupingBy(RunRecord::scenario, TreeMap::new, Collectors.toList()));
        final List<ScenarioSummary> summaries = new ArrayList<>();
        for (final Map.Entry<String, List<RunRecord>> scenario : byScenario.entrySet()) {
            final RunRecord first = scenario.getValue().get(0);
            for (final RunRecord run : scenario.getValue()) {
                if (run.days() != first.days()) {
                    throw new ReportException(run.file(), "runs " + run.days() + " days, but " + first.file()
                            + " of the same scenario '" + run.scenario() + "' runs " + first.days()
                            + ": report runs of one length together");
                }
            }
            final Map<String, List<RunRecord>> byPolicy = scenario.getValue().stream()
                    .sorted(Comparator.comparing(RunRecord::policy, ScenarioSummary::comparePolicies))
                    .collect(Collectors.groupingBy(RunRecord::policy, LinkedHashMap::new, Collectors.toList()));
            summaries.add(new ScenarioSummary(scenario.getKey(), first.days(), byPolicy.entrySet().stream()
                    .map(e -> PolicySummary.of(e.getKey(), e.getValue())).toList()));
        }
        return summaries;
    }

    public Optional<PolicySummary> policy(final String name) {
        return policies.stream().filter(p -> p.policy().equals(name)).findFirst();
    }

    private static int comparePolicies(final String a, final String b) {
        final int ia = ORDER.indexOf(a);
        final int ib = ORDER.indexOf(b);
        if (ia >= 0 || ib >= 0) {
            return Integer.compare(ia < 0 ? ORDER.size() : ia, ib < 0 ? ORDER.size() : ib);
        }
        return a.compareTo(b);
    }
}
