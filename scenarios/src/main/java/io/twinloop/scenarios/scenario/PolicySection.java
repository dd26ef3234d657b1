package io.twinloop.scenarios.scenario;

import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.SpeedRange;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code policies} section: the baselines' fixed speed (checked against the safety bound and every machine's
 * range), the calendar interval, and the vibration thresholds (one for every plant kind on the line).
 */
final class PolicySection {

    private PolicySection() {
    }

    static Optional<PolicySettings> read(final JsonFields policies, final List<Station> stations,
            final Optional<GoalLayer> goal) {
        policies.onlyKnown(Set.of("speedPercent", "baseline", "threshold", "twinloop"));
        final double speed = policies.number("speedPercent", 100, 1, 1000);
        if (!Double.isNaN(speed)) {
            checkSpeed(policies, speed, stations, goal);
        }
        final double intervalHours = policies.object("baseline", true).map(b -> {
            b.onlyKnown(Set.of("maintenanceIntervalHours"));
            return b.number("maintenanceIntervalHours", Double.NaN, 1, 100_000);
        }).orElse(Double.NaN);
        final Optional<JsonFields> threshold = policies.object("threshold", true);
        final double smoothingMinutes = threshold.map(t -> {
            t.onlyKnown(Set.of("smoothingMinutes", "vibrationMmS"));
            return t.number("smoothingMinutes", 30, 1, 10_000);
        }).orElse(Double.NaN);
        final Map<MachineKind, Double> thresholds = threshold.map(t -> thresholds(t, stations))
                .orElse(Map.of());
        final Optional<TwinloopSettings> twinloop = policies.object("twinloop", false).map(PolicySection::twinloop)
                .orElse(Optional.of(TwinloopSettings.defaults()));
        if (Double.isNaN(speed + intervalHours + smoothingMinutes) || thresholds.isEmpty() || twinloop.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PolicySettings(speed, Duration.ofSeconds(Math.round(intervalHours * 3600)),
                Duration.ofSeconds(Math.round(smoothingMinutes * 60)), thresholds, twinloop.get()));
    }

    /** {@code policies.twinloop}: each knob optional (the defaults), material not above urgent. */
    private static Optional<TwinloopSettings> twinloop(final JsonFields twinloop) {
        twinloop.onlyKnown(Set.of("materialRisk", "urgentRisk", "riskHorizonHours"));
        final TwinloopSettings defaults = TwinloopSettings.defaults();
        final double material = twinloop.number("materialRisk", defaults.materialRisk(), 0.0001, 1);
        final double urgent = twinloop.number("urgentRisk", defaults.urgentRisk(), 0.0001, 1);
        final double horizonHours = twinloop.number("riskHorizonHours",
                defaults.riskHorizon().toSeconds() / 3600.0, 0.25, 10_000);
        if (Double.isNaN(material + urgent + horizonHours)) {
            return Optional.empty();
        }
        if (material > urgent) {
            twinloop.problem(twinloop.at("materialRisk"), "material risk " + material + " is above the urgent risk "
                    + urgent + ": maintenance would be urgent before it is planned");
            return Optional.empty();
        }
        return Optional.of(new TwinloopSettings(material, urgent, Duration.ofSeconds(Math.round(horizonHours
                * 3600))));
    }

    private static void checkSpeed(final JsonFields policies, final double speed, final List<Station> stations,
            final Optional<GoalLayer> goal) {
        final String where = policies.at("speedPercent");
        goal.map(g -> g.bounds().get(Scenario.SPEED_BOUND)).filter(bound -> !bound.contains(speed))
                .ifPresent(bound -> policies.problem(where, "fixed speed " + speed + " % is outside the goal's "
                        + "Speed bound " + bound + ": the baselines would break the safety bound"));
        for (final Station station : stations) {
            final SpeedRange range = station.simulatedAs().profile().speedRange();
            if (!range.contains(speed)) {
                policies.problem(where, "fixed speed " + speed + " % is outside " + station.id() + "'s range "
                        + range + " (" + station.simulatedAs() + ")");
            }
        }
        goal.map(g -> g.bounds().get(Scenario.SPEED_BOUND)).ifPresent(bound -> unreachable(policies, bound,
                stations));
    }

    /** A Speed bound no machine can run within is a mistake in the file, not a constraint. */
    private static void unreachable(final JsonFields policies, final Bound bound, final List<Station> stations) {
        for (final Station station : stations) {
            final SpeedRange range = station.simulatedAs().profile().speedRange();
            if (bound.max() < range.minPercent() || bound.min() > range.maxPercent()) {
                policies.problem("/goal/bounds/Speed", "bound " + bound + " leaves no speed " + station.id()
                        + " can run at (" + range + ")");
            }
        }
    }

    private static Map<MachineKind, Double> thresholds(final JsonFields threshold, final List<Station> stations) {
        final Map<MachineKind, Double> result = new EnumMap<>(MachineKind.class);
        final Optional<JsonFields> vibration = threshold.object("vibrationMmS", true);
        vibration.ifPresent(v -> {
            for (final String name : v.names()) {
                final Optional<MachineKind> kind = v.constantNamed(v.at(name), name, MachineKind.class);
                final double mmS = v.number(name, Double.NaN, 0.001, 1000);
                kind.filter(k -> !Double.isNaN(mmS)).ifPresent(k -> result.put(k, mmS));
            }
            for (final Station station : stations) {
                if (!v.has(station.simulatedAs().name())) {
                    v.problem(v.at(station.simulatedAs().name()), "missing: machine " + station.id() + " runs as a "
                            + station.simulatedAs() + " and needs a vibration threshold (mm/s RMS)");
                }
            }
        });
        return stations.stream().allMatch(s -> result.containsKey(s.simulatedAs())) ? result : Map.of();
    }
}
