package io.twinloop.plant.machine;

import java.util.List;
import java.util.Objects;

/** A request to one machine, as it arrives through a setpoint. Validated by the machine when applied. */
public sealed interface Command {

    String machineId();

    record SetMode(String machineId, Mode mode) implements Command {
        public SetMode {
            Objects.requireNonNull(machineId, "machineId");
            Objects.requireNonNull(mode, "mode");
        }
    }

    record SetSpeed(String machineId, double percent) implements Command {
        public SetSpeed {
            Objects.requireNonNull(machineId, "machineId");
        }
    }

    /** Take the machine out for maintenance: preventive when it works, repair when it has failed. */
    record RequestMaintenance(String machineId) implements Command {
        public RequestMaintenance {
            Objects.requireNonNull(machineId, "machineId");
        }
    }

    /** Reorder the jobs waiting at a machine; must name exactly the jobs that wait there. */
    record SetJobSequence(String machineId, List<String> jobIds) implements Command {
        public SetJobSequence {
            Objects.requireNonNull(machineId, "machineId");
            jobIds = List.copyOf(jobIds);
        }
    }

    /** Shift the machined dimension of every later part by this many µm (machines with a quality profile). */
    record SetToolOffset(String machineId, double micrometres) implements Command {
        public SetToolOffset {
            Objects.requireNonNull(machineId, "machineId");
        }
    }
}
