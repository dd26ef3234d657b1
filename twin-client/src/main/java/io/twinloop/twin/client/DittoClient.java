package io.twinloop.twin.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous client for Eclipse Ditto's HTTP API v2, usable against a real Ditto and TwinLoop's embedded twin
 * server alike. Every call returns a {@link CompletableFuture}: a 2xx answer completes it with a
 * {@link TwinResponse}; any other status completes it exceptionally with a {@link DittoErrorException} (subclass
 * by meaning); no answer at all with a {@link DittoConnectionException}. Thread-safe; close it when done.
 */
public final class DittoClient implements AutoCloseable {

    static final String JSON = "application/json";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private static final Logger LOG = LoggerFactory.getLogger(DittoClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    // Extra time over the timeout Ditto was asked to honour, so that Ditto's own timeout answer (408/424) arrives.
    private static final Duration DITTO_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private final String root; // scheme://authority[/prefix] without trailing slash
    private final Authentication authentication;
    private final Duration requestTimeout;
    private final Heartbeat heartbeat;
    private final int maxCommandsInFlight;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicBoolean closed = new AtomicBoolean();

    DittoClient(final URI baseUri, final Authentication authentication, final Duration requestTimeout,
            final Duration connectTimeout, final Heartbeat heartbeat, final int maxCommandsInFlight) {
        this.root = rootOf(baseUri);
        this.authentication = authentication;
        this.requestTimeout = requestTimeout;
        this.heartbeat = heartbeat;
        this.maxCommandsInFlight = maxCommandsInFlight;
        final int instance = INSTANCES.incrementAndGet();
        final AtomicInteger threads = new AtomicInteger();
        // Own executor so that close() really releases the threads; daemon so a forgotten client never blocks exit.
        this.executor = Executors.newCachedThreadPool(r -> {
            final Thread t = new Thread(r, "ditto-client-" + instance + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                // HTTP/1.1: an h2c upgrade attempt on plain http confuses some proxies and small servers.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** Starts configuring a client for the Ditto at {@code baseUri}, e.g. {@code http://localhost:8080}. */
    public static DittoClientBuilder builder(final URI baseUri) {
        return new DittoClientBuilder(baseUri);
    }

    /** The server root this client talks to (a trailing {@code /api/2} in the configured URI is dropped). */
    public URI baseUri() {
        return URI.create(root);
    }

    public CompletableFuture<TwinResponse> retrieve(final TwinPath path, final RequestOptions options) {
        return send("GET", path.toHttpPath(), null, null, options);
    }

    /** {@code PUT}: creates (201) or replaces (204) the resource at {@code path}. */
    public CompletableFuture<TwinResponse> put(final TwinPath path, final JsonValue value,
            final RequestOptions options) {
        return send("PUT", path.toHttpPath(), Objects.requireNonNull(value, "value"), JSON, options);
    }

    /** {@code PATCH} with a JSON merge patch (RFC 7396): {@code null} members delete, objects merge recursively. */
    public CompletableFuture<TwinResponse> merge(final TwinPath path, final JsonValue patch,
            final RequestOptions options) {
        return send("PATCH", path.toHttpPath(), Objects.requireNonNull(patch, "patch"), MERGE_PATCH_JSON, options);
    }

    public CompletableFuture<TwinResponse> delete(final TwinPath path, final RequestOptions options) {
        return send("DELETE", path.toHttpPath(), null, null, options);
    }

    public CompletableFuture<Thing> retrieveThing(final ThingId thingId) {
        return retrieveThing(thingId, RequestOptions.none());
    }

    public CompletableFuture<Thing> retrieveThing(final ThingId thingId, final RequestOptions options) {
        return retrieve(TwinPath.thing(thingId), options).thenApply(response -> ThingsModelFactory.newThing(
                response.body().filter(JsonValue::isObject).map(JsonValue::asObject).orElseThrow(() ->
                        new IllegalStateException("Expected a thing JSON object for " + thingId + ", got " + response))));
    }

    /** Creates or replaces a whole thing; its id is taken from the thing, which must have one. */
    public CompletableFuture<TwinResponse> putThing(final Thing thing, final RequestOptions options) {
        final ThingId thingId = thing.getEntityId()
                .orElseThrow(() -> new IllegalArgumentException("The thing to put has no thingId"));
        return put(TwinPath.thing(thingId), thing.toJson(), options);
    }

    public CompletableFuture<TwinResponse> putFeatureProperty(final ThingId thingId, final String featureId,
            final JsonPointer propertyPointer, final JsonValue value, final RequestOptions options) {
        return put(TwinPath.thing(thingId).property(featureId, propertyPointer), value, options);
    }

    /** What agents write: a requested value, left for the connectors to reconcile with the actual one. */
    public CompletableFuture<TwinResponse> putFeatureDesiredProperty(final ThingId thingId, final String featureId,
            final JsonPointer propertyPointer, final JsonValue value, final RequestOptions options) {
        return put(TwinPath.thing(thingId).desiredProperty(featureId, propertyPointer), value, options);
    }

    /** Creates or replaces a policy ({@code PUT /api/2/policies/{policyId}}); its id is taken from the policy. */
    public CompletableFuture<TwinResponse> putPolicy(final Policy policy, final RequestOptions options) {
        final PolicyId policyId = policy.getEntityId()
                .orElseThrow(() -> new IllegalArgumentException("The policy to put has no policyId"));
        return send("PUT", policyPath(policyId), policy.toJson(), JSON, options);
    }

    /** Retrieves a policy; fails with {@link NotFoundException} if it does not exist or may not be read. */
    public CompletableFuture<Policy> retrievePolicy(final PolicyId policyId, final RequestOptions options) {
        return send("GET", policyPath(policyId), null, null, options).thenApply(response ->
                PoliciesModelFactory.newPolicy(response.body().filter(JsonValue::isObject).map(JsonValue::asObject)
                        .orElseThrow(() -> new IllegalStateException(
                                "Expected a policy JSON object for " + policyId + ", got " + response))));
    }

    private static String policyPath(final PolicyId policyId) {
        return "/api/2/policies/" + PercentEncoding.pathSegment(policyId);
    }

    /** Deletes a policy, e.g. the one Ditto created for a thing that was put without a policy (deleting the thing keeps it). */
    public CompletableFuture<TwinResponse> deletePolicy(final PolicyId policyId, final RequestOptions options) {
        return send("DELETE", policyPath(policyId), null, null, options);
    }

    /**
     * Escape hatch for API paths without typed support yet (policy entries, for example): {@code apiPath} starts with
     * {@code /api/2/} and must already be percent-encoded; {@code body} may be {@code null}.
     */
    public CompletableFuture<TwinResponse> request(final String method, final String apiPath, final JsonValue body,
            final RequestOptions options) {
        if (!apiPath.startsWith("/")) {
            throw new IllegalArgumentException("apiPath must start with '/': " + apiPath);
        }
        final String contentType = body == null ? null : ("PATCH".equals(method) ? MERGE_PATCH_JSON : JSON);
        return send(method, apiPath, body, contentType, options);
    }

    private CompletableFuture<TwinResponse> send(final String method, final String apiPath, final JsonValue body,
            final String contentType, final RequestOptions options) {
        Objects.requireNonNull(options, "options (use RequestOptions.none())");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("DittoClient for " + root + " is closed"));
        }
        final String query = options.queryString();
        final URI uri = URI.create(root + apiPath + (query.isEmpty() ? "" : "?" + query));
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(answerTimeout(options, requestTimeout))
                .header("Accept", JSON)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        authentication.apply(request);
        options.applyHeaders(request);
        final String requestLine = method + " " + uri;
        // Never log header values or bodies: they may carry credentials or sizeable twin content.
        LOG.debug("-> {} auth={} {}", requestLine, authentication, options);
        final long started = System.nanoTime();
        final CompletableFuture<TwinResponse> result = new CompletableFuture<>();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        LOG.debug("<- {} failed: {}", requestLine, cause.toString());
                        result.completeExceptionally(new DittoConnectionException(method, uri, cause));
                        return;
                    }
                    LOG.debug("<- {} {} in {} ms", requestLine, response.statusCode(),
                            (System.nanoTime() - started) / 1_000_000);
                    try {
                        result.complete(toTwinResponse(requestLine, response));
                    } catch (final RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
        return result;
    }

    private static TwinResponse toTwinResponse(final String requestLine, final HttpResponse<String> response) {
        final int status = response.statusCode();
        // 304 is the regular outcome of a read with If-None-Match, not an error.
        if ((status >= 200 && status < 300) || status == 304) {
            return TwinResponse.of(status, response.headers(), response.body());
        }
        throw DittoErrorException.of(DittoError.fromResponse(status, response.body()), requestLine,
                response.headers());
    }

    /** How long to wait for an answer: long enough for Ditto's own timeout answer (408/424) to arrive. */
    static Duration answerTimeout(final RequestOptions options, final Duration byDefault) {
        return options.timeout()
                .map(dittoTimeout -> dittoTimeout.plus(DITTO_TIMEOUT_MARGIN))
                .filter(needed -> needed.compareTo(byDefault) > 0)
                .orElse(byDefault);
    }

    private static String rootOf(final URI baseUri) {
        String s = baseUri.toString();
        final int queryOrFragment = indexOfAny(s, '?', '#');
        if (queryOrFragment >= 0) {
            s = s.substring(0, queryOrFragment);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        // Accept "http://host:8080/api/2" too: it is what people copy from Ditto's docs.
        return s.endsWith("/api/2") ? s.substring(0, s.length() - "/api/2".length()) : s;
    }

    private static int indexOfAny(final String s, final char a, final char b) {
        final int i = s.indexOf(a);
        final int j = s.indexOf(b);
        return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
    }

    /** One page of Ditto's search ({@code GET /api/2/search/things}). */
    public CompletableFuture<SearchResult> search(final SearchQuery query) {
        return send("GET", query.searchPath(), null, null, RequestOptions.none())
                .thenApply(response -> SearchResult.fromJson(response.body().filter(JsonValue::isObject)
                        .map(JsonValue::asObject).orElse(JsonObject.empty())));
    }

    /** How many things match ({@code GET /api/2/search/things/count}); fields and options do not apply. */
    public CompletableFuture<Long> count(final SearchQuery query) {
        return send("GET", query.countPath(), null, null, RequestOptions.none())
                .thenApply(response -> response.body().filter(JsonValue::isNumber).map(JsonValue::asLong)
                        .orElseThrow(() -> new IllegalStateException("search count answered without a number")));
    }

    /**
     * Subscribes to twin events over Ditto's WebSocket {@code /ws/2} with this client's credentials. The future
     * completes when Ditto has acknowledged the subscription ({@code START-SEND-EVENTS:ACK}).
     */
    public CompletableFuture<TwinEvents> subscribe(final EventSubscription subscription,
            final TwinEventListener listener) {
        return TwinEvents.open(http, webSocketEndpoint(), authentication, heartbeat, subscription, listener);
    }

    /**
     * Opens a WebSocket {@code /ws/2} for twin commands with this client's credentials, heartbeat and request
     * timeout; the future completes once the connection is up (or fails, e.g. with {@link AuthenticationException}).
     * Each call opens a connection of its own; close it when done.
     */
    public CompletableFuture<TwinCommands> openCommands() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("DittoClient for " + root + " is closed"));
        }
        return TwinCommands.open(http, webSocketEndpoint(), authentication, heartbeat, requestTimeout,
                maxCommandsInFlight, executor);
    }

    private URI webSocketEndpoint() {
        return URI.create(root.replaceFirst("^http", "ws") + "/ws/2");
    }

    /** Rejects new requests and releases the client's threads; requests in flight may fail. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "DittoClient[" + root + ", auth=" + authentication + "]";
    }
}
