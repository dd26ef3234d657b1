package io.twinloop.optimizer.energy;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;

/**
 * Energy: proposes other speed settings for each running machine (power grows faster than output with speed, so a
 * lower speed can save energy where throughput allows, a higher one can catch up). The goal layer and the plant
 * model decide which, if any, is worth it. Not price-aware yet: the tariff enters through the plant model's price.
 *
 * @param speeds the settings offered, percent (those outside the goal layer's bounds are judged infeasible there)
 */
public record SpeedSettingsAgent(List<Double> speeds) implements Agent {

    private static final JsonPointer SPEED = JsonPointer.of("Speed");

    public SpeedSettingsAgent {
        speeds = List.copyOf(speeds);
        if (speeds.isEmpty()) {
            throw new IllegalArgumentException("the speed agent needs at least one speed setting");
        }
    }

    public static SpeedSettingsAgent defaults() {
        return new SpeedSettingsAgent(List.of(50.0, 70.0, 85.0, 100.0, 115.0, 130.0));
    }

    @Override
    public String name() {
        return "energy";
    }

    @Override
    public List<Candidate> propose(final PlantView view) {
        final List<Candidate> candidates = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            if (!machine.running() || Double.isNaN(machine.speed())) {
                continue;
            }
            final double requested = machine.requestedSpeed();
            // plain concatenation: hundreds of candidates per decision, String.format showed in profiles
            final String reasoning = "running at " + Math.round(machine.speed()) + " % drawing "
                    + Math.round(machine.powerKw() * 10) / 10.0 + " kW, health " + Math.round(machine.health() * 100)
                    / 100.0;
            for (final double speed : speeds) {
                if (speed == machine.speed() || speed == requested) {
                    continue;
                }
                candidates.add(new Candidate(name(), machine.thingId() + " speed " + Math.round(machine.speed())
                        + " % -> " + Math.round(speed) + " %",
                        List.of(new Action(machine.thingId(), MachineView.OPERATIONAL, SPEED, JsonValue.of(speed),
                                machine.revision())), reasoning));
            }
        }
        return candidates;
    }
}
