package io.twinloop.connectors.interfaces;

import java.util.Objects;

/** One AIMC relation, resolved: the data point it starts from, the element it ends at, and the direction. */
public record Mapping(DataPoint source, Sink sink, Direction direction) {

    public Mapping {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(direction, "direction");
    }

    public boolean writesToDevice() {
        return direction == Direction.BIDIRECTIONAL;
    }
}
