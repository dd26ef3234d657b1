package io.twinloop.twin.client;

import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

/**
 * Receives twin events from {@link TwinEvents}. Called on the connection's thread, one call at a time; a slow
 * listener slows the reading of the socket (backpressure), it never makes a queue grow.
 */
public interface TwinEventListener {

    void onEvent(ThingEvent<?> event);

    /**
     * An event arrived whose revision is more than one above the last one seen for the thing: changes were not
     * delivered (missed while reconnecting, or excluded by the subscription's filter). Re-read the thing if a complete
     * picture matters.
     */
    default void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
    }

    /** The connection was lost; {@link TwinEvents} reconnects with backoff and subscribes again. */
    default void onConnectionLost(final Throwable cause) {
    }

    /** Subscribed again after a lost connection; events in between were not delivered. */
    default void onResubscribed() {
    }
}
