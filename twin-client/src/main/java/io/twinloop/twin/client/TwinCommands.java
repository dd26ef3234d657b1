package io.twinloop.twin.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twin commands over one Ditto WebSocket ({@code /ws/2}, Ditto Protocol), answered as {@link CompletableFuture}s:
 * many commands in flight on one connection, each matched to its response by correlation id. Outcomes are those of
 * {@link DittoClient}'s HTTP calls: a {@link TwinResponse} (status, value, {@code etag}), or the same
 * {@link DittoErrorException} subclass with Ditto's error code and description. A command without a response
 * fails with {@link CommandUnansweredException} naming its correlation id: when the connection drops or its
 * {@link Heartbeat} finds it dead, when the wait for the response runs out (Ditto's {@code timeout} plus 5 s, else
 * the client's request timeout), or on {@link #close()}. The next command after a drop opens a new connection;
 * commands are never repeated by this class, since a lost one may have been applied.
 * <p>
 * At most {@code maxInFlight} commands wait for responses (default 100, the number of in-flight commands Ditto's
 * gateway queues per WebSocket); one more fails at once with {@link RejectedExecutionException} instead of queueing
 * without bound. Futures complete on the client's executor, never on the connection's reading thread, so a
 * callback that waits for another command cannot stall the responses.
 * <p>
 * Commands and event subscriptions use separate connections on purpose ({@link DittoClient#subscribe} opens its
 * own): events are handed to the listener on the reading thread with backpressure, so on a shared connection a
 * slow listener would delay every response, and a listener waiting for a command's response would wait for
 * itself; a lost connection also means different things to both (resubscribe versus fail what is pending).
 */
public final class TwinCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinCommands.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpClient http;
    private final URI endpoint;
    private final Authentication authentication;
    private final Heartbeat heartbeat;
    private final Duration defaultTimeout;
    private final int maxInFlight;
    private final Executor completions;
    private final ScheduledThreadPoolExecutor scheduler;
    private final String correlationPrefix = "twinloop-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong correlationCounter = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object linkLock = new Object();
    private CompletableFuture<Link> link; // guarded by linkLock
    private volatile boolean closed;

    private TwinCommands(final HttpClient http, final URI endpoint, final Authentication authentication,
            final Heartbeat heartbeat, final Duration defaultTimeout, final int maxInFlight,
            final Executor completions) {
        this.http = http;
        this.endpoint = endpoint;
        this.authentication = authentication;
        this.heartbeat = heartbeat;
        this.defaultTimeout = defaultTimeout;
        this.maxInFlight = maxInFlight;
        this.completions = completions;
        final int instance = INSTANCES.incrementAndGet();
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            final Thread thread = new Thread(r, "twin-commands-" + instance);
            thread.setDaemon(true);
            return thread;
        });
        // every answered command cancels its timeout; without this the cancelled tasks would pile up until due
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Opens the first connection; the future fails as {@link DittoClient#subscribe} does (e.g. 401). */
    static CompletableFuture<TwinCommands> open(final HttpClient http, final URI endpoint,
            final Authentication authentication, final Heartbeat heartbeat, final Duration defaultTimeout,
            final int maxInFlight, final Executor completions) {
        final TwinCommands commands = new TwinCommands(http, endpoint, authentication, heartbeat, defaultTimeout,
                maxInFlight, completions);
        return commands.link().thenApply(ignored -> commands).whenComplete((c, e) -> {
            if (e != null) {
                commands.close();
            }
        });
    }

    /** {@code create}: creates the thing, which must carry its id; 409 {@link ConflictException} if it exists. */
    public CompletableFuture<TwinResponse> create(final Thing thing, final RequestOptions options) {
        final ThingId thingId = thing.getEntityId()
                .orElseThrow(() -> new IllegalArgumentException("The thing to create has no thingId"));
        return send(TwinCommand.withValue(TwinCommand.Action.CREATE, TwinPath.thing(thingId), thing.toJson(),
                options));
    }

    /** {@code modify}, HTTP's PUT: creates (201) or replaces (204) the resource at {@code path}. */
    public CompletableFuture<TwinResponse> modify(final TwinPath path, final JsonValue value,
            final RequestOptions options) {
        return send(TwinCommand.withValue(TwinCommand.Action.MODIFY, path, value, options));
    }

    /** {@code merge}, HTTP's PATCH with a JSON merge patch (RFC 7396): {@code null} members delete. */
    public CompletableFuture<TwinResponse> merge(final TwinPath path, final JsonValue patch,
            final RequestOptions options) {
        return send(TwinCommand.withValue(TwinCommand.Action.MERGE, path, patch, options));
    }

    /** {@code retrieve}, HTTP's GET; {@link RequestOptions#fields} selects parts. */
    public CompletableFuture<TwinResponse> retrieve(final TwinPath path, final RequestOptions options) {
        return send(TwinCommand.withoutValue(TwinCommand.Action.RETRIEVE, path, options));
    }

    public CompletableFuture<Thing> retrieveThing(final ThingId thingId, final RequestOptions options) {
        return retrieve(TwinPath.thing(thingId), options).thenApply(response -> ThingsModelFactory.newThing(
                response.body().filter(JsonValue::isObject).map(JsonValue::asObject).orElseThrow(() ->
                        new IllegalStateException("Expected a thing JSON object for " + thingId + ", got " + response))));
    }

    /** {@code delete}, HTTP's DELETE. */
    public CompletableFuture<TwinResponse> delete(final TwinPath path, final RequestOptions options) {
        return send(TwinCommand.withoutValue(TwinCommand.Action.DELETE, path, options));
    }

    /** Commands sent and not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    public URI endpoint() {
        return endpoint;
    }

    private CompletableFuture<TwinResponse> send(final TwinCommand command) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("TwinCommands for " + endpoint
                    + " is closed"));
        }
        final String correlationId = command.correlationId()
                .orElseGet(() -> correlationPrefix + correlationCounter.incrementAndGet());
        final String envelope;
        try {
            envelope = command.envelope(correlationId);
        } catch (final IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        if (!command.expectsResponse()) {
            // Ditto stays silent, as HTTP answers 202: done once the frame is written
            return link().thenCompose(l -> l.connection.send(envelope))
                    .thenApply(sent -> TwinResponse.of(202, HttpHeaders.of(Map.of(), (k, v) -> true), (JsonValue) null));
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException("Not sent: " + maxInFlight
                    + " commands are already waiting for responses over " + endpoint + " (" + command + ")"));
        }
        final Pending pending = new Pending(command, correlationId);
        final long timeoutMillis = command.responseTimeout(defaultTimeout).toMillis();
        pending.timeout = scheduler.schedule(() -> pending.fail(new TimeoutException("no response within "
                + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        link().whenComplete((l, connectFailure) -> {
            if (connectFailure != null) {
                pending.fail(unwrap(connectFailure));
            } else {
                l.send(pending, envelope);
            }
        });
        return pending.result;
    }

    /** The open connection, or a new one if the last one ended (one attempt; the command fails if it fails). */
    private CompletableFuture<Link> link() {
        synchronized (linkLock) {
            if (link == null || link.isCompletedExceptionally() || (link.isDone() && !link.join().isOpen())) {
                final Link next = new Link();
                link = ProtocolConnection.open(http, endpoint, authentication, heartbeat, scheduler, next)
                        .thenApply(connection -> next.opened(connection));
            }
            return link;
        }
    }

    /** Fails what is still pending and closes the connection. */
    @Override
    public void close() {
        closed = true;
        final CompletableFuture<Link> current;
        synchronized (linkLock) {
            current = link;
        }
        if (current != null) {
            current.thenAccept(l -> l.end(new IOException("TwinCommands closed by the caller"), true));
        }
        scheduler.shutdown();
    }

    private static Throwable unwrap(final Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** A command waiting for its response; settled once, by its response, its link's end, or its timeout. */
    private final class Pending {

        final TwinCommand command;
        final String correlationId;
        final CompletableFuture<TwinResponse> result = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;
        volatile Link link;

        Pending(final TwinCommand command, final String correlationId) {
            this.command = command;
            this.correlationId = correlationId;
        }

        void succeed(final TwinResponse response) {
            settle(() -> result.complete(response));
        }

        /** Fails with the error Ditto answered, or with an exception that says the command went unanswered. */
        void fail(final Throwable reason) {
            // a DittoConnectionException here means the command was never sent: no connection could be opened
            final Throwable failure = reason instanceof DittoConnectionException || reason instanceof DittoErrorException
                    || reason instanceof IllegalArgumentException ? reason
                    : new CommandUnansweredException(command.toString(), correlationId, endpoint, reason);
            settle(() -> result.completeExceptionally(failure));
        }

        /**
         * Frees the command's place before its future completes, so that a caller sending the next command from a
         * callback finds the place free; the future itself completes on the client's executor.
         */
        private void settle(final Runnable completion) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            final ScheduledFuture<?> task = timeout;
            if (task != null) {
                task.cancel(false);
            }
            final Link current = link;
            if (current != null) {
                current.pending.remove(correlationId, this);
            }
            inFlight.decrementAndGet();
            try {
                completions.execute(completion);
            } catch (final RejectedExecutionException clientClosed) {
                completion.run();
            }
        }
    }

    /** One connection and the commands sent over it; it is the connection's handler. */
    private final class Link implements ProtocolConnection.Handler {

        final Map<String, Pending> pending = new ConcurrentHashMap<>();
        volatile ProtocolConnection connection;
        volatile Throwable endedBy;

        Link opened(final ProtocolConnection opened) {
            connection = opened;
            return this;
        }

        boolean isOpen() {
            return endedBy == null && connection.isOpen();
        }

        void send(final Pending command, final String envelope) {
            command.link = this;
            if (pending.putIfAbsent(command.correlationId, command) != null) {
                command.link = null;
                command.fail(new IllegalArgumentException("correlation-id " + command.correlationId
                        + " is already waiting for a response"));
                return;
            }
            // an end between the check in link() and the put above has swept the map already
            final Throwable ended = endedBy;
            if (ended != null) {
                command.fail(ended);
                return;
            }
            connection.send(envelope).whenComplete((sent, failure) -> {
                if (failure != null) {
                    command.fail(unwrap(failure));
                }
            });
        }

        @Override
        public void onMessage(final String text) {
            final ResponseEnvelope response;
            try {
                response = ResponseEnvelope.parse(text);
            } catch (final RuntimeException notAnEnvelope) {
                LOG.debug("ignoring a message from {} that is no Ditto Protocol envelope: {}", endpoint,
                        notAnEnvelope.toString());
                return;
            }
            final Pending command = response.correlationId().map(pending::remove).orElse(null);
            if (command == null) {
                LOG.debug("ignoring a message from {} for no pending command (correlation-id {})", endpoint,
                        response.correlationId().orElse("none"));
                return;
            }
            // parse on this thread (cheap), complete on the executor (callbacks may be slow or block)
            if (response.isError()) {
                command.fail(response.toException(command.command + " (correlation-id " + command.correlationId
                        + ") over " + endpoint));
            } else {
                command.succeed(response.toResponse());
            }
        }

        @Override
        public void onEnded(final Throwable reason) {
            end(reason, false);
        }

        void end(final Throwable reason, final boolean closeConnection) {
            endedBy = reason;
            if (closeConnection && connection != null) {
                connection.close();
            }
            if (!pending.isEmpty()) {
                LOG.warn("connection {} ended with {} commands pending: {}", endpoint, pending.size(),
                        reason.toString());
            }
            for (final Pending command : pending.values()) {
                command.fail(reason);
            }
        }
    }

    @Override
    public String toString() {
        return "TwinCommands[" + endpoint + ", in flight " + inFlight.get() + "/" + maxInFlight + "]";
    }
}
