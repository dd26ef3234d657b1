package io.twinloop.scenarios.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * The twinloop policy's maintenance knobs, part of the scenario (like the baselines' interval and thresholds) so a
 * result names what it depended on and a tuning procedure can set them per line. The maintenance agent proposes a
 * maintenance once a machine's estimated failure probability within {@code riskHorizon} reaches
 * {@code materialRisk} in a low-demand window, or {@code urgentRisk} at any time; the goal layer still judges
 * whether the stop pays.
 *
 * @param materialRisk failure probability within the horizon from which maintenance is planned (0 &lt; x &le; urgent)
 * @param urgentRisk failure probability within the horizon from which maintenance is proposed at once (x &le; 1)
 * @param riskHorizon how far ahead the maintenance agent estimates the failure probability
 */
public record TwinloopSettings(double materialRisk, double urgentRisk, Duration riskHorizon) {

    public TwinloopSettings {
        Objects.requireNonNull(riskHorizon, "riskHorizon");
        if (!(materialRisk > 0 && materialRisk <= urgentRisk && urgentRisk <= 1)) {
            throw new IllegalArgumentException("twinloop settings need 0 < materialRisk <= urgentRisk <= 1, were "
                    + materialRisk + " and " + urgentRisk);
        }
        if (riskHorizon.isNegative() || riskHorizon.isZero()) {
            throw new IllegalArgumentException("twinloop settings need a positive risk horizon, was " + riskHorizon);
        }
    }

    /** What the benchmark used before the knobs were in the file: material 5 %, urgent 15 %, within 24 h. */
    public static TwinloopSettings defaults() {
        return new TwinloopSettings(0.05, 0.15, Duration.ofHours(24));
    }
}
