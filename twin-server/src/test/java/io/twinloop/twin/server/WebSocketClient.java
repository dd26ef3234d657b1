package io.twinloop.twin.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

/** A {@code /ws/2} test client on {@link java.net.http.WebSocket}: collects whole text messages and the close. */
final class WebSocketClient implements WebSocket.Listener, AutoCloseable {

    record Close(int status, String reason) {}

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean autoRequest;
    WebSocket socket;

    private WebSocketClient(final boolean autoRequest) {
        this.autoRequest = autoRequest;
    }

    /** Connects; {@code autoRequest=false} reads nothing until {@link WebSocket#request} (a slow client). */
    static CompletableFuture<WebSocketClient> connect(final HttpClient http, final URI httpUri,
            final String authorization, final boolean autoRequest) {
        final WebSocketClient client = new WebSocketClient(autoRequest);
        final var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(URI.create(httpUri.toString().replaceFirst("^http", "ws") + "/ws/2"), client)
                .thenApply(ws -> {
                    client.socket = ws;
                    return client;
                });
    }

    void send(final String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, failing after 10 s. */
    String next() throws InterruptedException {
        final String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no WebSocket message within 10 s");
        }
        return message;
    }

    JsonObject nextJson() throws InterruptedException {
        return JsonFactory.readFrom(next()).asObject();
    }

    /** Asserts that nothing arrives for a while (used after a change that must be filtered out). */
    void expectNothing(final long millis) throws InterruptedException {
        final String message = messages.poll(millis, TimeUnit.MILLISECONDS);
        if (message != null) {
            throw new AssertionError("unexpected WebSocket message: " + message);
        }
    }

    @Override
    public void onOpen(final WebSocket webSocket) {
        if (autoRequest) {
            webSocket.request(Long.MAX_VALUE);
        }
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message) {
        pongs.add(java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
