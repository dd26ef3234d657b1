package io.twinloop.plant.machine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything observable about one machine at one simulated instant: what its OPC UA variables show.
 *
 * @param powerKw electrical power drawn now
 * @param energyKwh energy drawn since the plant started
 * @param vibration vibration velocity, mm/s RMS
 * @param temperature °C
 * @param current line current, A
 * @param health probability, from its wear, that a machine of this kind is still working (1 = new)
 * @param wearHours accumulated wear in equivalent nominal operating hours
 * @param currentJob the job being worked on, if any
 * @param waitingJobs the jobs waiting, in the order they will be worked on
 * @param quality the measured quality characteristic, on machines that measure one
 */
public record MachineSnapshot(String id, MachineKind kind, MachineState state, Mode mode, double speedPercent,
        double powerKw, double energyKwh, double vibration, double temperature, double current, double health,
        double wearHours, long partsProduced, long jobsCompleted, long failures, Optional<String> currentJob,
        List<Job> waitingJobs, Optional<QualityReading> quality) {

    public MachineSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(currentJob, "currentJob");
        waitingJobs = List.copyOf(waitingJobs);
        Objects.requireNonNull(quality, "quality");
    }

    /** Ids of the jobs waiting, in the order they will be worked on. */
    public List<String> jobQueue() {
        return waitingJobs.stream().map(Job::id).toList();
    }
}
