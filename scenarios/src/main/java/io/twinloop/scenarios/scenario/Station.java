package io.twinloop.scenarios.scenario;

import io.twinloop.plant.machine.MachineKind;
import java.util.Objects;

/**
 * One machine of a scenario's line, in flow order.
 *
 * @param kind what the scenario says the station is
 * @param simulatedAs the plant kind that runs it ({@code kind}'s own when the plant has it)
 * @param wearHours wear it starts with, in equivalent nominal operating hours (0 = new)
 */
public record Station(String id, StationKind kind, MachineKind simulatedAs, double wearHours) {

    public Station {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(simulatedAs, "simulatedAs");
    }

    /** Whether the plant simulates this station as what it is, not as a stand-in. */
    public boolean simulatedAsDeclared() {
        return kind.plantKind().filter(simulatedAs::equals).isPresent();
    }
}
