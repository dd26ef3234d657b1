package io.twinloop.plant;

import io.twinloop.plant.machine.MachineSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole line at one simulated instant. */
public record PlantSnapshot(Instant time, long jobsShipped, List<MachineSnapshot> machines) {

    public PlantSnapshot {
        Objects.requireNonNull(time, "time");
        machines = List.copyOf(machines);
    }

    public Optional<MachineSnapshot> machine(final String id) {
        return machines.stream().filter(machine -> machine.id().equals(id)).findFirst();
    }
}
