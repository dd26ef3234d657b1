package io.twinloop.scenarios.scenario;

import java.util.Objects;

/**
 * One thing wrong in a scenario file.
 *
 * @param pointer where, as a JSON Pointer ({@code /machines/2/kind}); empty for the whole document
 * @param message what is wrong and what is expected
 */
public record Problem(String pointer, String message) {

    public Problem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
