package io.twinloop.twin.server.store;

import java.util.Optional;

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
     * @param event the change as a Ditto event, carrying the new revision and the change's timestamp
     * @param thing the thing after the change, empty after a deletion
     */
    void changed(ThingEvent<?> event, Optional<Thing> thing);
}
