package io.twinloop.plant.machine;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of a {@link Command}: applied, or rejected with a reason a connector can report back to the twin.
 */
public record CommandResult(Command command, Optional<Rejection> rejection) {

    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(rejection, "rejection");
    }

    public static CommandResult accepted(final Command command) {
        return new CommandResult(command, Optional.empty());
    }

    public static CommandResult rejected(final Command command, final Rejection.Reason reason,
            final String message) {
        return new CommandResult(command, Optional.of(new Rejection(reason, message)));
    }

    public boolean isAccepted() {
        return rejection.isEmpty();
    }

    /** Why a command was not applied. */
    public record Rejection(Reason reason, String message) {

        public enum Reason {
            /** The value lies outside what the machine accepts (speed range, unknown mode). */
            OUT_OF_RANGE,
            /** The machine's current state forbids the request (e.g. RUN while FAILED). */
            FORBIDDEN_IN_STATE,
            /** The value is well-formed but does not fit (e.g. a job sequence naming jobs that are not there). */
            INVALID_ARGUMENT,
            /** No machine of that id on the line. */
            UNKNOWN_MACHINE
        }
    }
}
