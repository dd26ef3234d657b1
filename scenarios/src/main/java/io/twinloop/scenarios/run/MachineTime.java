package io.twinloop.scenarios.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one machine's time went in a run: what the report needs to say how much more a line could make (the
 * busiest machine's hours not spent producing, and the speed it produced at).
 *
 * @param hoursByState hours in each machine state ({@code RUNNING}, {@code STANDBY}, {@code BLOCKED}, ...), by the
 *        state at the start of each observation interval, as the run's energy split is
 * @param runningSpeedPercent the mean speed setpoint while {@code RUNNING}, weighted by time; NaN when it never ran
 */
public record MachineTime(Map<String, Double> hoursByState, double runningSpeedPercent) {

    public MachineTime {
        hoursByState = Collections.unmodifiableMap(new LinkedHashMap<>(hoursByState));
    }
}
