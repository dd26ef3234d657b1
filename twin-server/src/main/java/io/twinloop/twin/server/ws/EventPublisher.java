package io.twinloop.twin.server.ws;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.twin.server.store.ChangeListener;

/**
 * Fans every durable change out to the open {@code /ws/2} sessions. Runs on the store's writer thread, so it only
 * filters and offers into each session's bounded queue; it never waits for a client.
 */
public final class EventPublisher implements ChangeListener {

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final BiFunction<Thing, AuthorizationContext, Optional<Thing>> readableView;

    /** @param readableView what a subject may read of a thing, for subscriptions with extra fields */
    public EventPublisher(final BiFunction<Thing, AuthorizationContext, Optional<Thing>> readableView) {
        this.readableView = readableView;
    }

    void register(final WebSocketSession session) {
        sessions.add(session);
    }

    void unregister(final WebSocketSession session) {
        sessions.remove(session);
    }

    int sessionCount() {
        return sessions.size();
    }

    @Override
    public void changed(final Supplier<ThingEvent<?>> event, final Optional<Thing> thing) {
        if (!wantsEvents()) {
            return;
        }
        final OutgoingEvent outgoing = new OutgoingEvent(event, thing, readableView);
        for (final WebSocketSession session : sessions) {
            session.publish(outgoing);
        }
    }

    /** Whether any session is subscribed to events (commands alone need none). */
    @Override
    public boolean wantsEvents() {
        for (final WebSocketSession session : sessions) {
            if (session.isSubscribed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes every session normally (server shutdown) and waits, at most {@code patience}, until their streams have
     * ended (sessions unregister then), so that the close frames go out before the server unbinds and cuts the
     * connections.
     */
    public void closeAll(final java.time.Duration patience) {
        sessions.forEach(WebSocketSession::close);
        final long deadline = System.nanoTime() + patience.toNanos();
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.clear();
    }
}
