package io.twinloop.twin.server.store;

import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

/**
 * Told about every change once it is durable (so nobody is notified of a change that a crash could undo), in
 * revision order, on the store's single writer thread: an implementation must return at once and never block,
 * or it stalls every write.
 */
@FunctionalInterface
public interface ChangeListener {

    /**
     * @param event the change as a Ditto event, carrying the new revision and the change's timestamp; built on
     *        first use (once for all listeners), so a listener with nobody to tell should not ask for it
     * @param thing the thing after the change, empty after a deletion
     */
    void changed(Supplier<ThingEvent<?>> event, Optional<Thing> thing);

    /**
     * Whether the listener currently needs the events; if any listener does, the store builds each event before
     * the change reaches its writer thread, where it would otherwise cost every write.
     */
    default boolean wantsEvents() {
        return true;
    }
}
