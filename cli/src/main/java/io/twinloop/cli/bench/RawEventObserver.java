package io.twinloop.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The light observer of a benchmark: the JDK's WebSocket client subscribed to a twin server's events
 * ({@code START-SEND-EVENTS}), each event read with Jackson's tree model and handed on as topic, path and value,
 * without Ditto's protocol library. A benchmark of the twin's intake then measures the intake, not its observer:
 * the twin client's subscriber, which builds each event with Ditto's model (headers, topic path, signal), cost
 * about a sixth of the CPU of {@code bench opcua} in the same JVM. A message that is not JSON fails the run.
 */
final class RawEventObserver extends RawWebSocket implements AutoCloseable {

    /** Receives each merge event on the socket's reading thread. */
    interface Merges {
        void merged(String thingId, String path, JsonNode value, long arrivedNanos);
    }

    private static final String START = "START-SEND-EVENTS";
    private static final String MERGED = "/things/twin/events/merged";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Merges merges;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private volatile Throwable failure;

    private RawEventObserver(final Merges merges) {
        this.merges = merges;
    }

    /** Connects to {@code httpUri}'s {@code /ws/2} with basic authentication and waits for the events' ACK. */
    static RawEventObserver subscribe(final HttpClient http, final URI httpUri, final String user,
            final String password, final Merges merges) throws Exception {
        final RawEventObserver observer = new RawEventObserver(merges);
        observer.open(http, httpUri, user, password);
        observer.socket().sendText(START, true).get(10, TimeUnit.SECONDS);
        observer.subscribed.get(10, TimeUnit.SECONDS);
        return observer;
    }

    /** The first thing that went wrong on the socket, if anything did: the run's figures are then void. */
    Throwable failure() {
        return failure;
    }

    @Override
    void received(final String text, final long arrivedNanos) {
        read(text, arrivedNanos);
    }

    private void read(final String text, final long arrivedNanos) {
        if (text.startsWith(START)) {
            subscribed.complete(null);
            return;
        }
        try {
            final JsonNode envelope = JSON.readTree(text);
            final String topic = envelope.path("topic").asText("");
            if (!topic.endsWith(MERGED)) {
                return;
            }
            final String[] namespaceAndName = topic.split("/", 3);
            merges.merged(namespaceAndName[0] + ":" + namespaceAndName[1], envelope.path("path").asText("/"),
                    envelope.path("value"), arrivedNanos);
        } catch (final JsonProcessingException | RuntimeException e) {
            fail(new IllegalStateException("an event that could not be read: " + text, e));
        }
    }

    @Override
    void failed(final Throwable error) {
        fail(error);
    }

    private void fail(final Throwable error) {
        if (failure == null) {
            failure = error;
        }
        subscribed.completeExceptionally(error);
    }

    @Override
    public void close() {
        closeSocket();
    }
}
