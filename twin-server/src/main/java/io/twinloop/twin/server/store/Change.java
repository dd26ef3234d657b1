package io.twinloop.twin.server.store;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.things.model.Thing;

/**
 * The outcome of a modification: what to persist, and the caller's result (handed back once it is durable).
 *
 * @param kind write, delete, or nothing to persist
 * @param thing the stamped new thing for {@link Kind#WRITE}
 * @param result the caller's result
 * @param <R> the result type
 */
public record Change<R>(Kind kind, Optional<Thing> thing, R result) {

    public enum Kind { WRITE, DELETE, NONE }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thing, "thing");
        if ((kind == Kind.WRITE) != thing.isPresent()) {
            throw new IllegalArgumentException("a thing is required exactly for WRITE");
        }
    }

    /** Persist {@code stampedThing} (see {@link ThingState#stamp(Thing)}). */
    public static <R> Change<R> write(final Thing stampedThing, final R result) {
        return new Change<>(Kind.WRITE, Optional.of(stampedThing), result);
    }

    public static <R> Change<R> delete(final R result) {
        return new Change<>(Kind.DELETE, Optional.empty(), result);
    }

    /** Nothing changes (for example a failed precondition answered with a result rather than an exception). */
    public static <R> Change<R> none(final R result) {
        return new Change<>(Kind.NONE, Optional.empty(), result);
    }
}
