package io.twinloop.optimizer.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.goal.Evaluation;

/**
 * Classifies a chosen candidate against configured thresholds, with the reasons: a predicted cost change above
 * {@code costThresholdEur} (either way), a speed step larger than {@code speedStepPercent} points, or setting a
 * property whose effect cannot simply be undone (a maintenance request stops the machine; a mode change to OFF)
 * makes it {@link ImpactClass#HIGH}.
 *
 * @param irreversibleProperties operational properties whose change counts as irreversible, e.g. MaintenanceRequest, Mode
 */
public record ImpactPolicy(double costThresholdEur, double speedStepPercent, Set<String> irreversibleProperties) {

    public ImpactPolicy {
        if (!(costThresholdEur >= 0) || !(speedStepPercent >= 0)) {
            throw new IllegalArgumentException("impact thresholds must be >= 0, were cost=" + costThresholdEur
                    + " speedStep=" + speedStepPercent);
        }
        irreversibleProperties = Set.copyOf(irreversibleProperties);
    }

    public static ImpactPolicy defaults() {
        return new ImpactPolicy(500, 20, Set.of("MaintenanceRequest", "Mode"));
    }

    /** The class, and in words why. */
    public record Judgement(ImpactClass impact, List<String> reasons) {
        public Judgement {
            reasons = List.copyOf(reasons);
        }
    }

    public Judgement judge(final Evaluation chosen, final Evaluation noChange,
            final java.util.function.ToDoubleFunction<Action> currentSpeed) {
        if (chosen.candidate().changesNothing()) {
            return new Judgement(ImpactClass.NONE, List.of());
        }
        final List<String> reasons = new ArrayList<>();
        final double costDelta = chosen.predicted().costEur() - noChange.predicted().costEur();
        if (Math.abs(costDelta) > costThresholdEur) {
            reasons.add(String.format(java.util.Locale.ROOT, "predicted cost changes by %.0f EUR (threshold %.0f)",
                    costDelta, costThresholdEur));
        }
        for (final Action action : chosen.candidate().actions()) {
            final String property = action.property().toString().substring(1);
            if (irreversibleProperties.contains(property)) {
                reasons.add(action.thingId() + " " + property + " cannot simply be undone");
            }
            if ("Speed".equals(property) && action.value().isNumber()) {
                final double step = Math.abs(action.value().asDouble() - currentSpeed.applyAsDouble(action));
                if (step > speedStepPercent) {
                    reasons.add(String.format(java.util.Locale.ROOT, "%s speed step of %.0f points (threshold %.0f)",
                            action.thingId(), step, speedStepPercent));
                }
            }
        }
        return new Judgement(reasons.isEmpty() ? ImpactClass.ROUTINE : ImpactClass.HIGH, reasons);
    }
}
