package io.twinloop.scenarios.scenario;

import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code goal} section, in the shape of the optimizer's goal API ({@code weights}, {@code throughputFloorPerHour},
 * {@code bounds} by property, {@code horizon}), built into the optimizer's own {@link GoalLayer}. A {@code Speed}
 * bound is required: it is the safety bound every policy is checked against.
 */
final class GoalSection {

    private GoalSection() {
    }

    static Optional<GoalLayer> read(final JsonFields goal) {
        goal.onlyKnown(Set.of("weights", "throughputFloorPerHour", "bounds", "horizon"));
        final Optional<Weights> weights = goal.object("weights", true).flatMap(w -> {
            w.onlyKnown(Set.of("cost", "energy", "downtime"));
            final double cost = w.number("cost", Double.NaN, 0, 1e9);
            final double energy = w.number("energy", Double.NaN, 0, 1e9);
            final double downtime = w.number("downtime", Double.NaN, 0, 1e9);
            if (Double.isNaN(cost + energy + downtime)) {
                return Optional.empty();
            }
            if (cost + energy + downtime == 0) {
                w.problem(w.pointer(), "at least one weight must be positive");
                return Optional.empty();
            }
            return Optional.of(new Weights(cost, energy, downtime));
        });
        final double floor = goal.number("throughputFloorPerHour", 0, 0, 1e9);
        final Map<String, Bound> bounds = new LinkedHashMap<>();
        goal.object("bounds", true).ifPresent(b -> {
            for (final String property : b.names()) {
                b.object(property, true).ifPresent(range -> {
                    range.onlyKnown(Set.of("min", "max"));
                    final double min = range.number("min", Double.NaN, -1e9, 1e9);
                    final double max = range.number("max", Double.NaN, -1e9, 1e9);
                    if (min > max) {
                        range.problem(range.at("min"), "must not be above max (" + max + "), was " + min);
                    } else if (!Double.isNaN(min + max)) {
                        bounds.put(property, new Bound(min, max));
                    }
                });
            }
            if (!b.has(Scenario.SPEED_BOUND)) {
                b.problem(b.at(Scenario.SPEED_BOUND), "missing: the Speed bound (percent) is the safety bound "
                        + "every policy is checked against");
            }
        });
        Duration horizon = Duration.ofHours(4);
        final Optional<String> text = goal.text("horizon", false);
        if (text.isPresent()) {
            try {
                horizon = Duration.parse(text.get());
                if (horizon.isNegative() || horizon.isZero()) {
                    goal.problem(goal.at("horizon"), "must be positive, was " + text.get());
                    return Optional.empty();
                }
            } catch (final DateTimeParseException e) {
                goal.problem(goal.at("horizon"), "'" + text.get() + "' is not an ISO-8601 duration like PT4H");
                return Optional.empty();
            }
        }
        if (weights.isEmpty() || Double.isNaN(floor) || !bounds.containsKey(Scenario.SPEED_BOUND)) {
            return Optional.empty();
        }
        return Optional.of(new GoalLayer(weights.get(), floor, bounds, horizon));
    }
}
