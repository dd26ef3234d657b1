package io.twinloop.scenarios.report;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as read back from its result file: what it was and the charted figures.
 *
 * @param file where it was read from, for errors that concern more than one file
 * @param values every {@link Metric}; NaN only for energy per good unit of a run that made no unit
 * @param energyKwhByState the energy drawn in each machine state; empty for results written before it was recorded
 * @param lineTime where the machines' time went; empty for results written before it was recorded
 */
public record RunRecord(Path file, String scenario, String policy, long seed, double days,
        Map<Metric, Double> values, Map<String, Double> energyKwhByState, Optional<LineTime> lineTime) {

    public RunRecord {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(policy, "policy");
        values = Map.copyOf(new EnumMap<>(values));
        energyKwhByState = Map.copyOf(energyKwhByState);
        Objects.requireNonNull(lineTime, "lineTime");
        for (final Metric metric : Metric.values()) {
            if (!values.containsKey(metric)) {
                throw new IllegalArgumentException(file + ": no value for " + metric.field());
            }
        }
    }

    public double value(final Metric metric) {
        return values.get(metric);
    }
}
