package io.twinloop.scenarios.scenario;

import io.twinloop.plant.machine.MachineKind;
import java.util.Optional;

/**
 * What a station on a scenario's line is. The first four are the plant's own {@link MachineKind}s; the others are
 * kinds the plant does not simulate yet: a scenario declares them and says which plant kind stands in for them
 * ({@code simulatedAs}), and the loaded scenario records that substitution as declared, not simulated.
 */
public enum StationKind {
    CNC_MACHINING(MachineKind.CNC_MACHINING),
    PRESS(MachineKind.PRESS),
    ROBOT_CELL(MachineKind.ROBOT_CELL),
    CONVEYOR(MachineKind.CONVEYOR),
    /** Measuring / vision inspection of finished parts. */
    INSPECTION(null),
    /** Automated guided vehicle transport between cells. */
    AGV(null);

    private final MachineKind plantKind;

    StationKind(final MachineKind plantKind) {
        this.plantKind = plantKind;
    }

    /** The plant kind this is, when the plant simulates it as such. */
    public Optional<MachineKind> plantKind() {
        return Optional.ofNullable(plantKind);
    }
}
