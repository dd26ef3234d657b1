package io.twinloop.scenarios.policy;

import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.Mode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy may know about one machine: what a twin shows of it (states, setpoints, sensor readings, counters,
 * queues), deliberately without the simulator's hidden health and wear. Policies receive only this type, so no
 * policy can read them; a test checks the components.
 */
public record MachineObservation(String id, MachineKind kind, MachineState state, Mode mode, double speedPercent,
        double powerKw, double energyKwh, double vibration, double temperature, double current, long partsProduced,
        long jobsCompleted, long failures, Optional<String> currentJob, List<Job> waitingJobs) {

    public MachineObservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(currentJob, "currentJob");
        waitingJobs = List.copyOf(waitingJobs);
    }

    /** The observable part of a snapshot; health and wear hours stay behind. */
    public static MachineObservation of(final MachineSnapshot snapshot) {
        return new MachineObservation(snapshot.id(), snapshot.kind(), snapshot.state(), snapshot.mode(),
                snapshot.speedPercent(), snapshot.powerKw(), snapshot.energyKwh(), snapshot.vibration(),
                snapshot.temperature(), snapshot.current(), snapshot.partsProduced(), snapshot.jobsCompleted(),
                snapshot.failures(), snapshot.currentJob(), snapshot.waitingJobs());
    }
}
