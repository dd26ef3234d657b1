package io.twinloop.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
final class RawCommandLoad extends RawWebSocket implements AutoCloseable {

    private static final String CORRELATION = "\"correlation-id\":\"";

    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Texts waiting to be sent: the JDK client takes one send at a time. Guarded by itself. */
    private final ArrayDeque<String> outgoing = new ArrayDeque<>();
    private boolean sending;

    static RawCommandLoad connect(final HttpClient http, final URI httpUri, final String user, final String password)
            throws Exception {
        final RawCommandLoad load = new RawCommandLoad();
        load.open(http, httpUri, user, password);
        return load;
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
        socket().sendText(text, true).whenComplete((ws, failure) -> {
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
    void received(final String text, final long arrivedNanos) {
        answer(text);
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
    void failed(final Throwable failure) {
        failAll(failure);
    }

    private void failAll(final Throwable failure) {
        pending.values().forEach(f -> f.completeExceptionally(failure));
        pending.clear();
    }

    @Override
    public void close() {
        closeSocket();
    }
}
