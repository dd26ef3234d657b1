package io.twinloop.twin.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription to twin events over Ditto's WebSocket ({@code /ws/2}, Ditto Protocol). Events are parsed with
 * Ditto's own protocol adapter and handed to the listener one at a time; the socket is read only as fast as the
 * listener takes them. A lost connection is re-established with exponential backoff (0.5 s up to 30 s) and the
 * subscription sent again; since events in between are lost, the listener is told ({@code onResubscribed}), and any
 * revision jump is reported instead of hidden. The first connection must succeed: its failure (e.g. refused
 * credentials) completes the future returned by {@link DittoClient#subscribe} exceptionally.
 */
public final class TwinEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinEvents.class);
    private static final String ACK = "START-SEND-EVENTS:ACK";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI endpoint;
    private final Authentication authentication;
    private final EventSubscription subscription;
    private final TwinEventListener listener;
    private final ScheduledExecutorService scheduler;
    private final Map<ThingId, Long> lastRevisions = new ConcurrentHashMap<>();
    private final CompletableFuture<TwinEvents> subscribed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile int failedAttempts;

    private TwinEvents(final HttpClient http, final URI endpoint, final Authentication authentication,
            final EventSubscription subscription, final TwinEventListener listener) {
        this.http = http;
        this.endpoint = endpoint;
        this.authentication = authentication;
        this.subscription = subscription;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "twin-events-" + endpoint.getAuthority());
            thread.setDaemon(true);
            return thread;
        });
    }

    static CompletableFuture<TwinEvents> open(final HttpClient http, final String root,
            final Authentication authentication, final EventSubscription subscription,
            final TwinEventListener listener) {
        final URI endpoint = URI.create(root.replaceFirst("^http", "ws") + "/ws/2");
        final TwinEvents events = new TwinEvents(http, endpoint, authentication, subscription, listener);
        events.connect();
        events.scheduler.scheduleAtFixedRate(events::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        return events.subscribed;
    }

    public EventSubscription subscription() {
        return subscription;
    }

    private void connect() {
        final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        authentication.apply(builder);
        builder.buildAsync(endpoint, new Receiver()).whenComplete((webSocket, error) -> {
            if (error != null) {
                connectionLost(error);
            } else {
                socket = webSocket;
                webSocket.sendText(subscription.startMessage(), true);
            }
        });
    }

    private void connectionLost(final Throwable cause) {
        if (closed) {
            return;
        }
        final Throwable reason = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (!subscribed.isDone()) {
            subscribed.completeExceptionally(failure(reason));
            closeQuietly();
            return;
        }
        listener.onConnectionLost(reason);
        final long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(16, failedAttempts));
        failedAttempts++;
        LOG.warn("twin events from {} interrupted ({}); reconnecting in {} ms", endpoint, reason.toString(), backoff);
        scheduler.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
    }

    private Throwable failure(final Throwable reason) {
        if (reason instanceof WebSocketHandshakeException handshake && handshake.getResponse().statusCode() == 401) {
            return new AuthenticationException(DittoError.fromResponse(401, String.valueOf(handshake.getResponse()
                    .body())), "GET " + endpoint, handshake.getResponse().headers());
        }
        return new DittoConnectionException("GET", endpoint, reason);
    }

    private void handle(final String text) {
        if (text.startsWith(ACK)) {
            final boolean again = subscribed.isDone();
            failedAttempts = 0;
            subscribed.complete(this);
            if (again) {
                listener.onResubscribed();
            }
            return;
        }
        if (!text.startsWith("{")) {
            LOG.debug("ignoring protocol message from {}: {}", endpoint, text);
            return;
        }
        final JsonObject json = JsonFactory.newObject(text);
        final JsonifiableAdaptable adaptable = ProtocolFactory.jsonifiableAdaptableFromJson(json);
        final Signal<?> signal = DittoProtocolAdapter.newInstance().fromAdaptable(adaptable);
        if (signal instanceof ThingEvent<?> event) {
            final ThingId thingId = event.getEntityId();
            final long revision = event.getRevision();
            final Long last = lastRevisions.put(thingId, revision);
            if (last != null && revision > last + 1) {
                listener.onRevisionGap(thingId, last, revision);
            }
            listener.onEvent(event);
        } else {
            LOG.debug("ignoring {} from {}", signal.getType(), endpoint);
        }
    }

    private void heartbeat() {
        final WebSocket current = socket;
        if (current != null && !current.isOutputClosed()) {
            current.sendPing(java.nio.ByteBuffer.allocate(0));
        }
    }

    /** Ends the subscription and closes the WebSocket. */
    @Override
    public void close() {
        closed = true;
        closeQuietly();
        scheduler.shutdownNow();
    }

    private void closeQuietly() {
        final WebSocket current = socket;
        if (current != null && !current.isOutputClosed()) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }

    /** Reads whole text messages (frames may be split) and asks for the next one only after handling this one. */
    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder buffer = new StringBuilder();

        @Override
        public void onOpen(final WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            buffer.append(data);
            if (last) {
                final String message = buffer.toString();
                buffer.setLength(0);
                try {
                    handle(message);
                } catch (RuntimeException e) {
                    LOG.warn("cannot handle a message from {}: {}", endpoint, e.toString());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
            connectionLost(new IOException("closed by the server: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error) {
            connectionLost(error);
        }
    }
}
