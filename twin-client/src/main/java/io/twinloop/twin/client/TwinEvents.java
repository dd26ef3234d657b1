package io.twinloop.twin.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.Adaptable;
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
 * listener takes them. A lost connection (closed, failed, or silent for longer than the {@link Heartbeat} allows) is
 * re-established with exponential backoff (0.5 s up to 30 s) and the subscription sent again; since events in
 * between are lost, the listener is told ({@code onResubscribed}), and any revision jump is reported instead of
 * hidden. The first connection must succeed: its failure (e.g. refused credentials) completes the future returned by
 * {@link DittoClient#subscribe} exceptionally.
 */
public final class TwinEvents implements AutoCloseable {

    private static final String ORIGINATOR = "ditto-originator";
    private static final Logger LOG = LoggerFactory.getLogger(TwinEvents.class);
    private static final DittoProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();
    private static final String ACK = "START-SEND-EVENTS:ACK";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI endpoint;
    private final Authentication authentication;
    private final Heartbeat heartbeat;
    private final EventSubscription subscription;
    private final TwinEventListener listener;
    private final ScheduledExecutorService scheduler;
    private final Map<ThingId, Long> lastRevisions = new ConcurrentHashMap<>();
    private final CompletableFuture<TwinEvents> subscribed = new CompletableFuture<>();
    private volatile ProtocolConnection connection;
    private volatile boolean closed;
    private volatile int failedAttempts;

    private TwinEvents(final HttpClient http, final URI endpoint, final Authentication authentication,
            final Heartbeat heartbeat, final EventSubscription subscription, final TwinEventListener listener) {
        this.http = http;
        this.endpoint = endpoint;
        this.authentication = authentication;
        this.heartbeat = heartbeat;
        this.subscription = subscription;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "twin-events-" + endpoint.getAuthority());
            thread.setDaemon(true);
            return thread;
        });
    }

    static CompletableFuture<TwinEvents> open(final HttpClient http, final URI endpoint,
            final Authentication authentication, final Heartbeat heartbeat, final EventSubscription subscription,
            final TwinEventListener listener) {
        final TwinEvents events = new TwinEvents(http, endpoint, authentication, heartbeat, subscription, listener);
        events.connect();
        return events.subscribed;
    }

    public EventSubscription subscription() {
        return subscription;
    }

    private void connect() {
        ProtocolConnection.open(http, endpoint, authentication, heartbeat, scheduler, new ProtocolConnection.Handler() {
            @Override
            public void onMessage(final String text) {
                handle(text);
            }

            @Override
            public void onEnded(final Throwable reason) {
                connectionLost(reason);
            }
        }).whenComplete((opened, error) -> {
            if (error != null) {
                connectionLost(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                return;
            }
            connection = opened;
            if (closed) {
                opened.close();
            } else {
                opened.send(subscription.startMessage());
            }
        });
    }

    private void connectionLost(final Throwable reason) {
        if (closed) {
            return;
        }
        if (!subscribed.isDone()) {
            subscribed.completeExceptionally(reason instanceof DittoErrorException
                    || reason instanceof DittoConnectionException ? reason
                    : new DittoConnectionException("GET", endpoint, reason));
            closed = true;
            closeConnection();
            scheduler.shutdownNow();
            return;
        }
        listener.onConnectionLost(reason);
        final long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(16, failedAttempts));
        failedAttempts++;
        LOG.warn("twin events from {} interrupted ({}); reconnecting in {} ms", endpoint, reason.toString(), backoff);
        scheduler.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
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
        final Signal<?> signal = withOriginator(ADAPTER.fromAdaptable(adaptable), adaptable);
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

    /**
     * Ditto names who caused an event in {@code ditto-originator}; its adapter drops that header when reading a
     * message (it is not taken from outside on Ditto's side), so it is put back for the listener.
     */
    private static Signal<?> withOriginator(final Signal<?> signal, final Adaptable adaptable) {
        final String originator = adaptable.getDittoHeaders().get(ORIGINATOR);
        if (originator == null || signal.getDittoHeaders().containsKey(ORIGINATOR)) {
            return signal;
        }
        return signal.setDittoHeaders(signal.getDittoHeaders().toBuilder().putHeader(ORIGINATOR, originator)
                .build());
    }

    /** Ends the subscription and closes the WebSocket. */
    @Override
    public void close() {
        closed = true;
        closeConnection();
        scheduler.shutdownNow();
    }

    private void closeConnection() {
        final ProtocolConnection current = connection;
        if (current != null) {
            current.close();
        }
    }
}
