package io.twinloop.scenarios.policy;

import io.twinloop.plant.machine.MachineState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Calendar-based preventive maintenance: a machine is due {@code interval} of calendar time after its last
 * maintenance (preventive or repair) ended, or after the run started. Blind to condition and prices.
 */
final class CalendarTrigger implements MaintenanceTrigger {

    private final Duration interval;
    private final Map<String, Instant> lastMaintained = new HashMap<>();

    CalendarTrigger(final Duration interval) {
        this.interval = interval;
    }

    @Override
    public void observe(final MachineObservation machine, final Instant now) {
        // while in maintenance the clock restarts at every observation, so it counts from the end of it
        if (machine.state() == MachineState.MAINTENANCE || !lastMaintained.containsKey(machine.id())) {
            lastMaintained.put(machine.id(), now);
        }
    }

    @Override
    public boolean due(final MachineObservation machine, final Instant now) {
        return !Duration.between(lastMaintained.get(machine.id()), now).minus(interval).isNegative();
    }

    @Override
    public String why(final MachineObservation machine) {
        return "calendar: " + interval + " since the last maintenance";
    }
}
