package io.twinloop.plant.line;

import io.twinloop.plant.machine.MachineKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The machines of a line in flow order, and how many jobs may wait in front of each.
 *
 * @param queueCapacity jobs that may wait at a machine; a finished job with no room downstream blocks its machine
 */
public record LineLayout(List<Station> stations, int queueCapacity) {

    // Machine ids become OPC UA node ids and, later, parts of Ditto thing ids: keep them plain.
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public LineLayout {
        stations = List.copyOf(stations);
        if (stations.isEmpty()) {
            throw new IllegalArgumentException("a line needs at least one machine");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
        }
        final Set<String> ids = new HashSet<>();
        for (final Station station : stations) {
            if (!ids.add(station.id())) {
                throw new IllegalArgumentException("machine id '" + station.id() + "' appears twice on the line");
            }
        }
    }

    /** The default line: a press blanks, a CNC machines, a robot cell assembles, a conveyor carries out. */
    public static LineLayout defaultLine() {
        return builder()
                .machine("press-1", MachineKind.PRESS)
                .machine("cnc-1", MachineKind.CNC_MACHINING)
                .machine("robot-1", MachineKind.ROBOT_CELL)
                .machine("conveyor-1", MachineKind.CONVEYOR)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One machine's place on the line. */
    public record Station(String id, MachineKind kind) {
        public Station {
            Objects.requireNonNull(kind, "kind");
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("machine id '" + id + "' must be 1-63 characters of a-z, 0-9"
                        + " and '-', starting with a letter or digit");
            }
        }
    }

    public static final class Builder {
        private final List<Station> stations = new ArrayList<>();
        private int queueCapacity = 3;

        private Builder() {
        }

        public Builder machine(final String id, final MachineKind kind) {
            stations.add(new Station(id, kind));
            return this;
        }

        public Builder queueCapacity(final int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public LineLayout build() {
            return new LineLayout(stations, queueCapacity);
        }
    }
}
