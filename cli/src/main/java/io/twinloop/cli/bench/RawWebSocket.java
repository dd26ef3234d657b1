package io.twinloop.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks' minimal Ditto Protocol peers share: the JDK's WebSocket client connected to a twin server's
 * {@code /ws/2} with basic authentication, whole text messages handed on with the time they arrived, and a closed
 * or broken socket reported as a failure. No Ditto library on this side.
 */
abstract class RawWebSocket implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects this listener; its messages arrive on the HTTP client's executor, one at a time. */
    final void open(final HttpClient http, final URI httpUri, final String user, final String password)
            throws Exception {
        final String credentials = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials)
                .buildAsync(URI.create(httpUri.toString().replaceFirst("^http", "ws") + "/ws/2"), this)
                .get(10, TimeUnit.SECONDS);
    }

    final WebSocket socket() {
        return socket;
    }

    /** A whole text message, on the socket's reading thread. */
    abstract void received(String text, long arrivedNanos);

    /** The socket closed or broke. */
    abstract void failed(Throwable failure);

    @Override
    public final void onOpen(final WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public final CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
        final long now = System.nanoTime();
        partial.append(data);
        if (last) {
            received(partial.toString(), now);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
        failed(new IllegalStateException("the server closed the WebSocket: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public final void onError(final WebSocket webSocket, final Throwable error) {
        failed(error);
    }

    /** Closes the socket normally. */
    final void closeSocket() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
}
