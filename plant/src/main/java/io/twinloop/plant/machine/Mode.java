package io.twinloop.plant.machine;

import java.util.Locale;
import java.util.Optional;

/** The operating mode an operator (or the optimizer, through the twin) asks for: the {@code Mode} setpoint. */
public enum Mode {
    OFF,
    STANDBY,
    RUN;

    /** The mode named {@code name} (case-insensitive), or empty when there is none of that name. */
    public static Optional<Mode> parse(final String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (final IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
