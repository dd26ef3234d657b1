package io.twinloop.scenarios.scenario;

import java.util.Objects;

/**
 * Something a scenario declares that the runner does not simulate (yet): kept in the loaded scenario and printed
 * with every run, so a result never silently claims more than was simulated.
 *
 * @param pointer where in the file
 * @param what what is declared and how the run treats it instead
 */
public record DeclaredOnly(String pointer, String what) {

    public DeclaredOnly {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(what, "what");
    }

    @Override
    public String toString() {
        return pointer + ": " + what;
    }
}
