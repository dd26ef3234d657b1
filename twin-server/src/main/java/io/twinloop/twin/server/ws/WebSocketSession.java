package io.twinloop.twin.server.ws;

import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.things.model.signals.commands.ThingErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.server.http.ProtocolAdapter;
import io.twinloop.twin.server.http.Authenticator;

/**
 * One {@code /ws/2} connection: its event subscription and its bounded outbound queue. Everything sent to the
 * client (acknowledgements, errors, events) goes through that queue, and an offer never waits: a client that
 * reads slower than changes happen fills it, and the session is then closed (failed with
 * {@link SlowConsumerException}) instead of growing without limit or stalling the store's writer.
 */
final class WebSocketSession {

    static final String START_SEND_EVENTS = "START-SEND-EVENTS";
    static final String STOP_SEND_EVENTS = "STOP-SEND-EVENTS";
    static final String ACK_SUFFIX = ":ACK";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);


    private final String subject;
    private final AuthorizationSubject authorizationSubject;
    private final AuthorizationContext authorizationContext;
    private final Outbound queue;
    private final int capacity;
    /** Null while events are not requested. Guarded by this, see {@link #receive}; volatile for {@link #isSubscribed}. */
    private volatile EventFilter events;
    /** Guarded by this. */
    private boolean ended;

    private final CommandHandler commands;
    /**
     * Correlation ids of this session's commands still running, and the events they caused that are held back until
     * the command's response is queued: a client matches responses by correlation id, and the event carries the same
     * one, so it must not arrive first (Ditto's own Java client fails otherwise). Guarded by this; bounded by capacity.
     */
    private final java.util.Set<String> pending = new java.util.HashSet<>();
    private final java.util.List<java.util.Map.Entry<String, String>> held = new java.util.ArrayList<>();

    WebSocketSession(final String subject, final Outbound queue, final int capacity,
            final CommandHandler commands) {
        this.subject = subject;
        this.authorizationSubject = AuthorizationSubject.newInstance(subject);
        this.authorizationContext = Authenticator.contextOf(subject);
        this.commands = commands;
        this.queue = queue;
        this.capacity = capacity;
    }

    /** Whether the session asked for events ({@code START-SEND-EVENTS}); read without the lock, a hint. */
    boolean isSubscribed() {
        return events != null;
    }

    String subject() {
        return subject;
    }

    /**
     * Handles one text message from the client (one at a time: the connection's inbound stream calls it in order).
     * Changing the subscription and queueing its ACK happen under the same lock as {@link #publish}, so the client
     * sees no event of a subscription before its {@code START-SEND-EVENTS:ACK} and none after
     * {@code STOP-SEND-EVENTS:ACK}. A command runs outside the lock (only its correlation id is noted under it), so
     * that its responses and events, queued from other threads, do not wait for the next command's work.
     */
    void receive(final String text) {
        final String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            // a Ditto Protocol envelope: executed asynchronously, its response queued like any other message
            final JsonObject envelope = parsedOrNull(trimmed);
            final String correlationId = envelope == null ? null : correlationIdOf(envelope);
            if (correlationId != null) {
                synchronized (this) {
                    if (pending.size() < capacity) {
                        pending.add(correlationId);
                    }
                }
            }
            commands.handle(trimmed, envelope, authorizationContext, response -> respond(response, correlationId));
        } else {
            receiveProtocolMessage(trimmed);
        }
    }

    private synchronized void receiveProtocolMessage(final String trimmed) {
        if (isProtocolMessage(trimmed, START_SEND_EVENTS)) {
            final int q = trimmed.indexOf('?');
            try {
                events = q < 0 ? EventFilter.ALL : EventFilter.parse(trimmed.substring(q + 1));
            } catch (final DittoRuntimeException e) {
                // as Ditto: an invalid filter is answered with an error and subscribes nothing
                offer(errorJson(e));
                return;
            }
            offer(START_SEND_EVENTS + ACK_SUFFIX);
        } else if (isProtocolMessage(trimmed, STOP_SEND_EVENTS)) {
            events = null;
            offer(STOP_SEND_EVENTS + ACK_SUFFIX);
        } else {
            // START-SEND-MESSAGES/-LIVE-*, JWT-TOKEN: not implemented yet (see README)
            LOG.debug("Ignoring unsupported /ws/2 message of {}: {}", subject,
                    trimmed.length() > 100 ? trimmed.substring(0, 100) + "..." : trimmed);
        }
    }

    private static boolean isProtocolMessage(final String text, final String name) {
        return text.equals(name) || text.startsWith(name + "?");
    }

    /** Called on the store's writer thread: filter, render and offer; never waits. */
    synchronized void publish(final OutgoingEvent outgoing) {
        final EventFilter filter = events;
        if (filter == null || !outgoing.readableBy(authorizationSubject)) {
            return;
        }
        final JsonObject extra = filter.extra(() -> outgoing.thingAsReadBy(authorizationContext));
        if (filter.matches(outgoing.event(), outgoing.adaptable().getTopicPath(), extra)) {
            final String correlationId = outgoing.event().getDittoHeaders().getCorrelationId().orElse(null);
            if (correlationId != null && pending.contains(correlationId)) {
                held.add(java.util.Map.entry(correlationId, outgoing.json(extra)));
            } else {
                offer(outgoing.json(extra));
            }
        }
    }

    /**
     * Queues a command's response, then the events it caused that were held back; called when the command
     * completes, possibly on the store's writer thread.
     */
    synchronized void respond(final String text, final String correlationId) {
        offer(text);
        if (correlationId != null && pending.remove(correlationId)) {
            for (final java.util.Iterator<java.util.Map.Entry<String, String>> it = held.iterator(); it.hasNext(); ) {
                final java.util.Map.Entry<String, String> event = it.next();
                if (event.getKey().equals(correlationId)) {
                    offer(event.getValue());
                    it.remove();
                }
            }
        }
    }

    /** The envelope as JSON (parsed once, for the correlation id and the command), null if it is none. */
    private static JsonObject parsedOrNull(final String envelope) {
        try {
            final org.eclipse.ditto.json.JsonValue json = org.eclipse.ditto.json.JsonFactory.readFrom(envelope);
            return json.isObject() ? json.asObject() : null;
        } catch (final RuntimeException malformed) {
            return null; // the command handler answers malformed envelopes itself
        }
    }

    private static String correlationIdOf(final JsonObject envelope) {
        return envelope.getValue(CORRELATION_ID).filter(org.eclipse.ditto.json.JsonValue::isString)
                .map(org.eclipse.ditto.json.JsonValue::asString).orElse(null);
    }

    private static final org.eclipse.ditto.json.JsonPointer CORRELATION_ID =
            org.eclipse.ditto.json.JsonPointer.of("headers/correlation-id");

    private void offer(final String text) {
        if (!queue.offer(text)) {
            LOG.warn("Closing /ws/2 session of {}: it did not read its messages, {} are waiting", subject, capacity);
            end(() -> queue.fail(new SlowConsumerException(capacity)));
        }
    }

    /** Completes the outbound stream, which closes the WebSocket normally. */
    synchronized void close() {
        end(queue::complete);
    }

    /**
     * Completes or fails the queue unless the connection already ended it: the client may have closed (or the
     * session have failed) before its termination unregistered the session, and the queue refuses a second end.
     */
    private void end(final Runnable ending) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            ending.run();
        } catch (final IllegalStateException alreadyEnded) {
            LOG.debug("/ws/2 session of {} had already ended", subject);
        }
    }

    private static String errorJson(final DittoRuntimeException e) {
        return ProtocolFactory.wrapAsJsonifiableAdaptable(ProtocolAdapter.get().toAdaptable(ThingErrorResponse.of(e)))
                .toJsonString();
    }

    /** The reason a session is closed when its client falls behind. */
    static final class SlowConsumerException extends RuntimeException {
        SlowConsumerException(final int capacity) {
            super("The client did not read its WebSocket messages fast enough: " + capacity
                    + " messages were waiting.", null, false, false);
        }
    }
}
