package io.twinloop.scenarios.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's machine time went, as {@code bench plant} records it (fields {@code staffedHours},
 * {@code speedBound} and {@code machineTime}): what the report needs to say how much more the line could make.
 *
 * @param staffedHours the hours the shift calendar staffed in the run
 * @param speedBoundMaxPercent the highest speed the safety bound allowed
 * @param machines per machine in line order
 */
public record LineTime(double staffedHours, double speedBoundMaxPercent, Map<String, Machine> machines) {

    /** The state in which a machine makes parts. */
    public static final String PRODUCING = "RUNNING";

    public LineTime {
        machines = Collections.unmodifiableMap(new LinkedHashMap<>(machines));
    }

    /**
     * One machine's hours.
     *
     * @param hoursByState hours per machine state
     * @param runningSpeedPercent mean speed while producing; NaN when it never produced
     */
    public record Machine(Map<String, Double> hoursByState, double runningSpeedPercent) {

        public Machine {
            hoursByState = Collections.unmodifiableMap(new LinkedHashMap<>(hoursByState));
        }

        public double hours(final String state) {
            return hoursByState.getOrDefault(state, 0.0);
        }
    }
}
