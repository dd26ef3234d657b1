package io.twinloop.scenarios.policy;

import io.twinloop.plant.PlantSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The line as a policy sees it at one simulated instant: observable fields only (see {@link MachineObservation}). */
public record Observation(Instant time, long jobsShipped, List<MachineObservation> machines) {

    public Observation {
        Objects.requireNonNull(time, "time");
        machines = List.copyOf(machines);
    }

    public static Observation of(final PlantSnapshot snapshot) {
        return new Observation(snapshot.time(), snapshot.jobsShipped(),
                snapshot.machines().stream().map(MachineObservation::of).toList());
    }
}
