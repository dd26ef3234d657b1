package io.twinloop.connectors.interfaces;

/**
 * Which way a mapped value travels. The AIMC template has no notion of it (its relations describe where a value
 * comes from); TwinLoop reads it from the relation's {@code TwinLoopDirection} qualifier, and without one a relation
 * only carries values from the machine into the twin, so nothing is written to a machine unless the AAS says so.
 */
public enum Direction {

    /** Values of the node become the twin's property; desired values are ignored. */
    DEVICE_TO_TWIN,

    /** As {@link #DEVICE_TO_TWIN}, and the sink's desired values are written to the node. */
    BIDIRECTIONAL;

    /** The qualifier's value: {@code bidirectional}, or {@code deviceToTwin}; anything else is refused. */
    static Direction ofQualifier(final String value) {
        return switch (value.trim()) {
            case "bidirectional" -> BIDIRECTIONAL;
            case "deviceToTwin" -> DEVICE_TO_TWIN;
            default -> throw new IllegalArgumentException(
                    "TwinLoopDirection must be bidirectional or deviceToTwin, was \"" + value + "\"");
        };
    }
}
