package io.twinloop.optimizer.goal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.ditto.json.JsonValue;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;

/**
 * The goal every agent's proposal is judged by: minimize {@code w1·cost + w2·energy + w3·downtime} over the
 * horizon, subject to operating bounds on every decision variable and a throughput floor. Immutable; a changed
 * goal (weights and limits are configuration, changeable at run time) is a new instance.
 *
 * @param weights w1, w2, w3
 * @param throughputFloorPerHour the least good units per hour the line must keep producing
 * @param bounds the allowed range of each decision variable, by the operational property it sets (e.g. {@code Speed})
 * @param horizon how far ahead candidates are predicted
 */
public record GoalLayer(Weights weights, double throughputFloorPerHour, Map<String, Bound> bounds,
        Duration horizon) {

    public GoalLayer {
        Objects.requireNonNull(weights, "weights");
        if (!Double.isFinite(throughputFloorPerHour) || throughputFloorPerHour < 0) {
            throw new IllegalArgumentException("throughput floor must be a finite number >= 0, was "
                    + throughputFloorPerHour);
        }
        bounds = Map.copyOf(bounds);
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        }
    }

    /** Scores a candidate's prediction and lists every limit it breaks. */
    public Evaluation evaluate(final Candidate candidate, final Objectives predicted, final double confidence) {
        final List<String> violations = new ArrayList<>();
        for (final Action action : candidate.actions()) {
            final Bound bound = bounds.get(action.property().toString().substring(1));
            final JsonValue value = action.value();
            if (bound != null && value.isNumber() && !bound.contains(value.asDouble())) {
                violations.add(action.thingId() + " " + action.property() + " = " + value + " is outside "
                        + bound);
            }
        }
        final double hours = horizon.toMillis() / 3_600_000.0;
        final double floor = throughputFloorPerHour * hours;
        if (predicted.throughputUnits() < floor) {
            violations.add(String.format(java.util.Locale.ROOT, "throughput %.1f units in %s is below the floor of "
                    + "%.1f (%.1f/h)", predicted.throughputUnits(), horizon, floor, throughputFloorPerHour));
        }
        return new Evaluation(candidate, predicted, weights.score(predicted), confidence, violations);
    }
}
