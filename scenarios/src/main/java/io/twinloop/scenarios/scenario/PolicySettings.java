package io.twinloop.scenarios.scenario;

import io.twinloop.plant.machine.MachineKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies' parameters (the baselines' and the twinloop policy's maintenance knobs), part of the scenario so a result names everything it depended on.
 *
 * @param speedPercent the fixed speed both baselines run every machine at
 * @param maintenanceInterval calendar baseline: preventive maintenance this long after a machine's last one
 * @param vibrationSmoothing threshold rule: time constant of the moving average the rule compares
 * @param vibrationThresholds threshold rule: mm/s RMS by plant kind above which a running machine is maintained;
 *         empty when the scenario does not configure the rule
 * @param twinloop the twinloop policy's maintenance knobs ({@code policies.twinloop}; defaults when absent)
 */
public record PolicySettings(double speedPercent, Duration maintenanceInterval, Duration vibrationSmoothing,
        Map<MachineKind, Double> vibrationThresholds, TwinloopSettings twinloop) {

    public PolicySettings {
        Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
        Objects.requireNonNull(vibrationSmoothing, "vibrationSmoothing");
        vibrationThresholds = Map.copyOf(vibrationThresholds);
        Objects.requireNonNull(twinloop, "twinloop");
    }

    public Optional<Double> vibrationThreshold(final MachineKind kind) {
        return Optional.ofNullable(vibrationThresholds.get(kind));
    }
}
