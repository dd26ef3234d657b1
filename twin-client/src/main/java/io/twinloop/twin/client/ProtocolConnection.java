package io.twinloop.twin.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Ditto's {@code /ws/2}, shared by {@link TwinEvents} and {@link TwinCommands}: whole
 * text messages handed to a {@link Handler} one at a time (the next frame is requested only after the handler
 * returned), sends serialized (the JDK's WebSocket allows one outstanding text send), and the {@link Heartbeat}
 * that turns a silent peer into an ended connection. It never reconnects: what a lost connection means differs
 * between events (subscribe again) and commands (fail what was pending), so the owner decides.
 */
final class ProtocolConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // After our close frame, how long the peer may take to answer it before the TCP connection is dropped anyway.
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    /** What the owner of a connection hears. Both calls come from the connection's threads. */
    interface Handler {

        /** One whole text message; the connection reads nothing else while this runs. */
        void onMessage(String text);

        /** Once, when the peer closed, the connection failed or the heartbeat found it dead; not after {@link #close()}. */
        void onEnded(Throwable reason);
    }

    private final URI endpoint;
    private final Heartbeat heartbeat;
    private final Handler handler;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by sendLock
    private volatile WebSocket socket;
    private volatile ScheduledFuture<?> heartbeatTask;
    private volatile long lastInboundNanos = System.nanoTime();
    // While the handler runs the socket is not read, so silence then is ours, not the peer's.
    private volatile boolean handling;

    private ProtocolConnection(final URI endpoint, final Heartbeat heartbeat, final Handler handler) {
        this.endpoint = endpoint;
        this.heartbeat = heartbeat;
        this.handler = handler;
    }

    /**
     * Opens the connection. The future fails with {@link AuthenticationException} when the server refuses the
     * credentials (401), with {@link DittoConnectionException} for anything else that prevents the upgrade.
     */
    static CompletableFuture<ProtocolConnection> open(final HttpClient http, final URI endpoint,
            final Authentication authentication, final Heartbeat heartbeat,
            final ScheduledExecutorService scheduler, final Handler handler) {
        final ProtocolConnection connection = new ProtocolConnection(endpoint, heartbeat, handler);
        final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        authentication.apply(builder);
        return builder.buildAsync(endpoint, connection.new Receiver())
                .handle((webSocket, error) -> {
                    if (error != null) {
                        throw new CompletionException(openFailure(endpoint, unwrap(error)));
                    }
                    connection.socket = webSocket;
                    final long period = heartbeat.pingInterval().toMillis();
                    connection.heartbeatTask = scheduler.scheduleAtFixedRate(connection::beat, period, period,
                            TimeUnit.MILLISECONDS);
                    return connection;
                });
    }

    URI endpoint() {
        return endpoint;
    }

    boolean isOpen() {
        return !ended.get();
    }

    /** Queues a whole text message behind the ones not yet written; fails if the connection is gone. */
    CompletableFuture<Void> send(final String text) {
        synchronized (sendLock) {
            final CompletableFuture<Void> next = lastSend
                    .handle((ignored, previousFailure) -> null)
                    .thenCompose(ignored -> socket.sendText(text, true))
                    .thenApply(webSocket -> null);
            lastSend = next;
            return next;
        }
    }

    /** Closes normally; the handler hears nothing more. */
    void close() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        stopHeartbeat();
        final WebSocket current = socket;
        if (current != null && !current.isOutputClosed()) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                    .whenComplete((w, e) -> CompletableFuture.runAsync(current::abort,
                            CompletableFuture.delayedExecutor(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)));
        }
    }

    /** One heartbeat tick: give the connection up if the peer has been silent too long, else ping it. */
    private void beat() {
        final WebSocket current = socket;
        if (ended.get() || current == null) {
            return;
        }
        final long silentMillis = (System.nanoTime() - lastInboundNanos) / 1_000_000;
        if (!handling && silentMillis > heartbeat.deadAfter().toMillis()) {
            current.abort();
            end(new IOException("No frame from " + endpoint + " for " + silentMillis + " ms (pinged every "
                    + heartbeat.pingInterval().toMillis() + " ms): the connection is considered dead"));
            return;
        }
        // Fails only if the previous ping is still unsent, which the silence check above then deals with.
        current.sendPing(ByteBuffer.allocate(0)).exceptionally(e -> null);
    }

    private void end(final Throwable reason) {
        if (ended.compareAndSet(false, true)) {
            stopHeartbeat();
            handler.onEnded(reason);
        }
    }

    private void stopHeartbeat() {
        final ScheduledFuture<?> task = heartbeatTask;
        if (task != null) {
            task.cancel(false);
        }
    }

    private static Throwable unwrap(final Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static RuntimeException openFailure(final URI endpoint, final Throwable reason) {
        if (reason instanceof WebSocketHandshakeException handshake && handshake.getResponse().statusCode() == 401) {
            return new AuthenticationException(DittoError.fromResponse(401, String.valueOf(handshake.getResponse()
                    .body())), "GET " + endpoint, handshake.getResponse().headers());
        }
        return new DittoConnectionException("GET", endpoint, reason);
    }

    /** Reads whole text messages (frames may be split); every inbound frame counts as a sign of life. */
    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder buffer = new StringBuilder();

        @Override
        public void onOpen(final WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            lastInboundNanos = System.nanoTime();
            buffer.append(data);
            if (last) {
                final String message = buffer.toString();
                buffer.setLength(0);
                handling = true;
                try {
                    handler.onMessage(message);
                } catch (final RuntimeException e) {
                    LOG.warn("cannot handle a message from {}: {}", endpoint, e.toString());
                } finally {
                    lastInboundNanos = System.nanoTime();
                    handling = false;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last) {
            lastInboundNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message) {
            lastInboundNanos = System.nanoTime(); // the JDK answers with the pong itself
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message) {
            lastInboundNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
            end(new IOException("closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason)));
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error) {
            end(error);
        }
    }
}
