package io.twinloop.scenarios.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each policy's energy went in one scenario, by machine state (mean kWh over the policy's seeds), and what
 * that bounds: energy drawn while not producing is all that switching machines off or down can remove, so its share
 * of the calendar baseline's energy is the most energy per good unit can fall at the same output without making
 * production itself draw less. The report's answer to "why not the published −28 %".
 *
 * @param states the states any policy drew energy in, producing first
 * @param meanKwh per policy (in the scenario's order), per state, the mean over its seeds; only policies whose
 *        results all carry the split
 */
public record EnergySplit(List<String> states, Map<String, Map<String, Double>> meanKwh) {

    /** The state in which machines make parts. */
    public static final String PRODUCING = "RUNNING";

    public EnergySplit {
        states = List.copyOf(states);
        meanKwh = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meanKwh));
    }

    public static EnergySplit of(final ScenarioSummary scenario) {
        final Set<String> states = new LinkedHashSet<>(List.of(PRODUCING));
        final Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        for (final PolicySummary policy : scenario.policies()) {
            final List<RunRecord> runs = new ArrayList<>(policy.runsBySeed().values());
            if (runs.isEmpty() || runs.stream().anyMatch(r -> r.energyKwhByState().isEmpty())) {
                continue;
            }
            final Map<String, Double> sums = new LinkedHashMap<>();
            runs.forEach(run -> run.energyKwhByState().forEach((state, kwh) -> sums.merge(state, kwh, Double::sum)));
            final Map<String, Double> mean = new LinkedHashMap<>();
            sums.forEach((state, kwh) -> mean.put(state, kwh / runs.size()));
            states.addAll(new java.util.TreeSet<>(sums.keySet()));
            means.put(policy.policy(), mean);
        }
        return new EnergySplit(new ArrayList<>(states), means);
    }

    public boolean isEmpty() {
        return meanKwh.isEmpty();
    }

    public double total(final String policy) {
        return meanKwh.get(policy).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double kwh(final String policy, final String state) {
        return meanKwh.get(policy).getOrDefault(state, 0.0);
    }

    /** The share (0–100) of the policy's energy drawn while not producing. */
    public double notProducingPercent(final String policy) {
        final double total = total(policy);
        return total == 0 ? 0 : (total - kwh(policy, PRODUCING)) / total * 100;
    }

    /** What the baseline's split bounds, in words; empty without the baseline's split. */
    public Optional<String> why() {
        if (!meanKwh.containsKey(ScenarioSummary.BASELINE)) {
            return Optional.empty();
        }
        final double idle = notProducingPercent(ScenarioSummary.BASELINE);
        final String bound = String.format(Locale.ROOT, "The calendar baseline drew %.1f %% of its energy while its "
                + "machines were not producing (standby, blocked, warm-up, off, maintenance): removing all of it would "
                + "lower energy per good unit by %.1f %% at the same output. ", idle, idle);
        final String verdict = idle < -PublishedFigure.ENERGY_PER_UNIT.changePercent()
                ? String.format(Locale.ROOT, "The published %.0f %% is more than that: it needs production itself to "
                        + "draw less per part (speeds, fewer scrapped parts) or more good units from the same energy.",
                        PublishedFigure.ENERGY_PER_UNIT.changePercent())
                : String.format(Locale.ROOT, "The published %.0f %% is within that room.",
                        PublishedFigure.ENERGY_PER_UNIT.changePercent());
        final StringBuilder why = new StringBuilder(bound + verdict);
        meanKwh.keySet().stream().filter(policy -> !policy.equals(ScenarioSummary.BASELINE)).forEach(policy ->
                why.append(String.format(Locale.ROOT, " %s: %.1f %% not producing.", policy,
                        notProducingPercent(policy))));
        return Optional.of(why.toString());
    }
}
