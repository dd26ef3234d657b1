package io.twinloop.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonValue;

import io.twinloop.twin.client.TwinPath;

/**
 * The minimal load generator of {@code bench ws-commands --load-generator raw}: the JDK's WebSocket client sends
 * modify envelopes written from a text template and matches the answers by the correlation id in their text,
 * without Ditto's protocol library on the client side. It shows what the server does when its client costs next to
 * nothing (the default load generator is TwinLoop's own twin client, which reads and builds every envelope with
 * Ditto's library). Every answer must be the modify's 204; anything else fails the run.
 */
final class RawCommandLoad implements WebSocket.Listener, AutoCloseable {

    private static final String CORRELATION = "\"correlation-id\":\"";

    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    /** Texts waiting to be sent: the JDK client takes one send at a time. Guarded by itself. */
    private final ArrayDeque<String> outgoing = new ArrayDeque<>();
    private boolean sending;
    private final WebSocket socket;

    private RawCommandLoad(final HttpClient http, final URI httpUri, final String user, final String password)
            throws Exception {
        final String credentials = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials)
                .buildAsync(URI.create(httpUri.toString().replaceFirst("^http", "ws") + "/ws/2"), this)
                .get(10, TimeUnit.SECONDS);
    }

    static RawCommandLoad connect(final HttpClient http, final URI httpUri, final String user, final String password)
            throws Exception {
        return new RawCommandLoad(http, httpUri, user, password);
    }

    /** Sends a modify of {@code path} to {@code value} with {@code requested-acks: ["twin-persisted"]}. */
    CompletableFuture<Void> modify(final TwinPath path, final long value) {
        final String correlationId = "raw-" + ids.incrementAndGet();
        final CompletableFuture<Void> answered = new CompletableFuture<>();
        pending.put(correlationId, answered);
        send("{\"topic\":\"" + path.thingId().getNamespace() + "/" + path.thingId().getName()
                + "/things/twin/commands/modify\",\"headers\":{" + CORRELATION + correlationId
                + "\",\"requested-acks\":[\"twin-persisted\"]},\"path\":" + JsonValue.of(path.pointer().toString())
                + ",\"value\":" + value + "}");
        return answered;
    }

    private void send(final String text) {
        synchronized (outgoing) {
            if (sending) {
                outgoing.add(text);
                return;
            }
            sending = true;
        }
        sendNow(text);
    }

    private void sendNow(final String text) {
        socket.sendText(text, true).whenComplete((ws, failure) -> {
            if (failure != null) {
                failAll(failure);
                return;
            }
            final String next;
            synchronized (outgoing) {
                next = outgoing.poll();
                sending = next != null;
            }
            if (next != null) {
                sendNow(next);
            }
        });
    }

    @Override
    public void onOpen(final WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
        partial.append(data);
        if (last) {
            answer(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void answer(final String text) {
        final int start = text.indexOf(CORRELATION);
        final int end = start < 0 ? -1 : text.indexOf('"', start + CORRELATION.length());
        final CompletableFuture<Void> answered = end < 0 ? null
                : pending.remove(text.substring(start + CORRELATION.length(), end));
        if (answered == null) {
            failAll(new IllegalStateException("an answer to no command sent: " + text));
        } else if (text.contains("\"status\":204")) {
            answered.complete(null);
        } else {
            answered.completeExceptionally(new IllegalStateException("not the modify's 204: " + text));
        }
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
        failAll(new IllegalStateException("the server closed the WebSocket: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error) {
        failAll(error);
    }

    private void failAll(final Throwable failure) {
        pending.values().forEach(f -> f.completeExceptionally(failure));
        pending.clear();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
}
