package io.twinloop.twin.server.store;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

/**
 * The outcome of a modification: what to persist, and the caller's result (handed back once it is durable).
 *
 * @param kind write, delete, or nothing to persist
 * @param thing the stamped new thing for {@link Kind#WRITE}
 * @param result the caller's result
 * @param event builds the Ditto event describing the change as the request made it (e.g. a feature property
 *        modified),
 *        published to {@link ChangeListener}s; if empty the store publishes ThingCreated/Modified/Deleted
 * @param delta for a {@link Kind#WRITE} that changed one part of an existing thing: that part, which is journaled
 *        instead of the whole thing (see {@link ThingDelta}); if empty the whole thing is journaled
 * @param measuredSize the new thing's JSON length if the caller measured it (for the size limit), else 0: kept as
 *        the thing's size bound, which a delta would otherwise only raise
 * @param <R> the result type
 */
public record Change<R>(Kind kind, Optional<Thing> thing, R result, Optional<Supplier<ThingEvent<?>>> event,
        Optional<ThingDelta> delta, long measuredSize) {

    public enum Kind { WRITE, DELETE, NONE }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(delta, "delta");
        if ((kind == Kind.WRITE) != thing.isPresent()) {
            throw new IllegalArgumentException("a thing is required exactly for WRITE");
        }
        if (delta.isPresent() && kind != Kind.WRITE) {
            throw new IllegalArgumentException("a delta describes a WRITE only");
        }
    }

    /** Persist {@code stampedThing} (see {@link ThingState#stamp(Thing)}). */
    public static <R> Change<R> write(final Thing stampedThing, final R result) {
        return new Change<>(Kind.WRITE, Optional.of(stampedThing), result, Optional.empty(), Optional.empty(), 0);
    }

    public static <R> Change<R> delete(final R result) {
        return new Change<>(Kind.DELETE, Optional.empty(), result, Optional.empty(), Optional.empty(), 0);
    }

    /** Nothing changes (for example a failed precondition answered with a result rather than an exception). */
    public static <R> Change<R> none(final R result) {
        return new Change<>(Kind.NONE, Optional.empty(), result, Optional.empty(), Optional.empty(), 0);
    }

    /**
     * The same change, published as the event {@code thingEvent} builds (with the state's revision and timestamp):
     * built at most once, and only if a listener asks for it.
     */
    public Change<R> withEvent(final Supplier<ThingEvent<?>> thingEvent) {
        return new Change<>(kind, thing, result, Optional.of(once(thingEvent)), delta, measuredSize);
    }

    /**
     * The same write, journaled as {@code change} instead of the whole thing: only if the thing existed before and
     * nothing else of it changed but the stamp (see {@link ThingDelta}).
     */
    public Change<R> withDelta(final ThingDelta change) {
        return new Change<>(kind, thing, result, event, Optional.of(change), measuredSize);
    }

    /** The same change, its thing's JSON length measured by the caller ({@code thing.toJsonString().length()}). */
    public Change<R> withMeasuredSize(final long length) {
        return new Change<>(kind, thing, result, event, delta, length);
    }

    private static <T> Supplier<T> once(final Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = Objects.requireNonNull(supplier.get(), "event");
                }
                return value;
            }
        };
    }
}
