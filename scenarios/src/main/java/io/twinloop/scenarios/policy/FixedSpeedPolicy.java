package io.twinloop.scenarios.policy;

import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.MachineState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape both baselines share: every machine at one fixed speed, queues first in first out (job sequences are
 * never touched), no price awareness; a failed machine is sent to repair at once, and a working one to preventive
 * maintenance when the {@link MaintenanceTrigger} says so. A request the runner holds back (no free crew) is simply
 * made again at the next observation.
 */
final class FixedSpeedPolicy implements Policy {

    private final String name;
    private final double speedPercent;
    private final MaintenanceTrigger trigger;

    FixedSpeedPolicy(final String name, final double speedPercent, final MaintenanceTrigger trigger) {
        this.name = name;
        this.speedPercent = speedPercent;
        this.trigger = trigger;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Decision> decide(final Observation observation) {
        final List<Decision> decisions = new ArrayList<>();
        for (final MachineObservation machine : observation.machines()) {
            trigger.observe(machine, observation.time());
            final MachineState state = machine.state();
            if (state == MachineState.FAILED) {
                decisions.add(Decision.automatic(new Command.RequestMaintenance(machine.id()), "repair: failed"));
                continue;
            }
            if (state == MachineState.MAINTENANCE || state == MachineState.OFF) {
                continue;
            }
            if (machine.speedPercent() != speedPercent) {
                decisions.add(Decision.automatic(new Command.SetSpeed(machine.id(), speedPercent),
                        String.format(Locale.ROOT, "fixed speed %.1f %%", speedPercent)));
            }
            if (trigger.due(machine, observation.time())) {
                decisions.add(Decision.automatic(new Command.RequestMaintenance(machine.id()),
                        "preventive: " + trigger.why(machine)));
            }
        }
        return decisions;
    }
}
