package io.twinloop.scenarios.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the busiest machine's time went in one scenario, per policy (means over seeds), and what that bounds: a
 * line makes more only if its busiest machine produces in more of the staffed hours or faster. The report's answer
 * to "why not the published +21 %".
 *
 * @param machine the machine with the most producing hours in the calendar baseline
 * @param speedBoundMaxPercent the highest speed the safety bound allows
 * @param states every state the machine spent time in under any policy, producing first
 * @param byPolicy per policy whose results all carry machine times, in the scenario's order
 */
public record BottleneckTime(String machine, double speedBoundMaxPercent, List<String> states,
        Map<String, Row> byPolicy) {

    public BottleneckTime {
        states = List.copyOf(states);
        byPolicy = Collections.unmodifiableMap(new LinkedHashMap<>(byPolicy));
    }

    /**
     * One policy's means.
     *
     * @param runningSpeedPercent mean speed while producing, weighted by producing hours over all seeds
     */
    public record Row(double staffedHours, Map<String, Double> hoursByState, double runningSpeedPercent,
            double goodUnits) {

        public Row {
            hoursByState = Collections.unmodifiableMap(new LinkedHashMap<>(hoursByState));
        }

        public double hours(final String state) {
            return hoursByState.getOrDefault(state, 0.0);
        }

        /** Producing hours as a share (0–100) of the staffed hours. */
        public double producingPercent() {
            return staffedHours == 0 ? 0 : hours(LineTime.PRODUCING) / staffedHours * 100;
        }
    }

    /** Empty when the calendar baseline's results do not all carry machine times. */
    public static Optional<BottleneckTime> of(final ScenarioSummary scenario) {
        final Optional<List<LineTime>> baseline = scenario.policy(ScenarioSummary.BASELINE).flatMap(BottleneckTime::times);
        if (baseline.isEmpty()) {
            return Optional.empty();
        }
        final Optional<String> busiest = baseline.get().get(0).machines().keySet().stream()
                .max(Comparator.comparingDouble(id -> baseline.get().stream()
                        .mapToDouble(t -> t.machines().containsKey(id) ? t.machines().get(id).hours(LineTime.PRODUCING)
                                : 0).sum()));
        if (busiest.isEmpty()) {
            return Optional.empty();
        }
        final Map<String, Row> rows = new LinkedHashMap<>();
        final TreeSet<String> others = new TreeSet<>();
        for (final PolicySummary policy : scenario.policies()) {
            times(policy).filter(all -> all.stream().allMatch(t -> t.machines().containsKey(busiest.get())))
                    .ifPresent(all -> {
                        final Row row = row(all, busiest.get(), policy.spread(Metric.THROUGHPUT).mean());
                        others.addAll(row.hoursByState().keySet());
                        rows.put(policy.policy(), row);
                    });
        }
        others.remove(LineTime.PRODUCING);
        final List<String> states = new ArrayList<>(List.of(LineTime.PRODUCING));
        states.addAll(others);
        return Optional.of(new BottleneckTime(busiest.get(), baseline.get().get(0).speedBoundMaxPercent(), states,
                rows));
    }

    private static Optional<List<LineTime>> times(final PolicySummary policy) {
        final List<LineTime> times = policy.runsBySeed().values().stream().map(RunRecord::lineTime)
                .flatMap(Optional::stream).toList();
        return times.isEmpty() || times.size() < policy.runsBySeed().size() ? Optional.empty() : Optional.of(times);
    }

    private static Row row(final List<LineTime> runs, final String machine, final double goodUnits) {
        final Map<String, Double> sums = new LinkedHashMap<>();
        double speedHours = 0;
        for (final LineTime run : runs) {
            final LineTime.Machine times = run.machines().get(machine);
            times.hoursByState().forEach((state, hours) -> sums.merge(state, hours, Double::sum));
            if (!Double.isNaN(times.runningSpeedPercent())) {
                speedHours += times.runningSpeedPercent() * times.hours(LineTime.PRODUCING);
            }
        }
        final double producing = sums.getOrDefault(LineTime.PRODUCING, 0.0);
        final Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((state, hours) -> means.put(state, hours / runs.size()));
        return new Row(runs.stream().mapToDouble(LineTime::staffedHours).average().orElse(0), means,
                producing == 0 ? Double.NaN : speedHours / producing, goodUnits);
    }

    /** What the baseline's busiest machine bounds, in words; empty without the baseline's row. */
    public Optional<String> why() {
        final Row base = byPolicy.get(ScenarioSummary.BASELINE);
        if (base == null || base.hours(LineTime.PRODUCING) == 0) {
            return Optional.empty();
        }
        final double producing = base.hours(LineTime.PRODUCING);
        final double room = Math.max(0, base.staffedHours() / producing - 1) * 100;
        final double target = PublishedFigure.THROUGHPUT.changePercent();
        final StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "In the calendar baseline the busiest "
                + "machine, %s, produced in %.1f of the line's %.1f staffed hours (%.1f %%) at a mean speed of %.0f %%; "
                + "its other hours (staffed or not): %s. Producing in every staffed hour at that speed and scrap "
                + "rate would make at most %.1f %% more. ", machine, producing, base.staffedHours(), base.producingPercent(),
                base.runningSpeedPercent(), otherHours(base), room));
        if (room >= target) {
            why.append(String.format(Locale.ROOT, "The published %+.0f %% is within that room: it needs the machine "
                    + "to stop and wait less.", target));
        } else {
            final double speed = base.runningSpeedPercent() * (1 + target / 100) * producing / base.staffedHours();
            why.append(String.format(Locale.ROOT, "The published %+.0f %% would in addition need a mean speed of "
                    + "%.0f %% through every staffed hour ", target, speed)).append(speed <= speedBoundMaxPercent
                    ? String.format(Locale.ROOT, "(the safety bound allows up to %.0f %%), at more energy per part "
                            + "and faster wear; TwinLoop's goal weighs cost, energy and downtime above a throughput "
                            + "floor and does not ask for the most output.", speedBoundMaxPercent)
                    : String.format(Locale.ROOT, "— above the safety bound's %.0f %%: out of reach on this line as "
                            + "built.", speedBoundMaxPercent));
        }
        byPolicy.forEach((policy, row) -> {
            if (!policy.equals(ScenarioSummary.BASELINE)) {
                // parts scrapped and made again (and the work left in the line at the end) are produced, not good
                final double perHour = row.goodUnits() / row.hours(LineTime.PRODUCING)
                        / (base.goodUnits() / producing) * 100 - 100;
                why.append(String.format(Locale.ROOT, " %s: %.1f %% of the staffed hours producing at %.0f %% (%s "
                        + "good units, %s per hour %s produced).", policy, row.producingPercent(),
                        row.runningSpeedPercent(),
                        Comparison.percent((row.goodUnits() - base.goodUnits()) / base.goodUnits() * 100),
                        Comparison.percent(perHour), machine));
            }
        });
        return Optional.of(why.toString());
    }

    private String otherHours(final Row row) {
        final String others = states.stream().filter(s -> !s.equals(LineTime.PRODUCING) && row.hours(s) > 0)
                .map(s -> String.format(Locale.ROOT, "%s %.1f h", s.toLowerCase(Locale.ROOT), row.hours(s)))
                .collect(Collectors.joining(", "));
        return others.isEmpty() ? "none" : others;
    }
}
