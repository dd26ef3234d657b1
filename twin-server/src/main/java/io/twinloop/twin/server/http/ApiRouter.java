package io.twinloop.twin.server.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.acks.DittoAcknowledgementLabel;
import org.eclipse.ditto.base.model.exceptions.DittoInternalErrorException;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.server.search.SearchEndpoint;
import io.twinloop.twin.server.ws.WebSocketEndpoint;

/**
 * The server's request handler: authentication, routing of {@code /api/2/things/...}, Ditto's request headers
 * ({@code response-required}, {@code requested-acks}, {@code timeout}) and errors in Ditto's JSON shape.
 */
public final class ApiRouter implements Function<HttpRequest, CompletionStage<HttpResponse>> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final String THINGS_PREFIX = "/api/2/things";
    /** Ditto's default and maximum for the {@code timeout} header. */
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final long BODY_TIMEOUT_MILLIS = 10_000;

    private final Authenticator authenticator;
    private final ThingsEndpoint things;
    private final WebSocketEndpoint webSockets;
    private final SearchEndpoint search;
    private final Materializer materializer;

    public ApiRouter(final Authenticator authenticator, final ThingsEndpoint things,
            final WebSocketEndpoint webSockets, final SearchEndpoint search, final Materializer materializer) {
        this.authenticator = authenticator;
        this.things = things;
        this.webSockets = webSockets;
        this.search = search;
        this.materializer = materializer;
    }

    @Override
    public CompletionStage<HttpResponse> apply(final HttpRequest request) {
        final String correlationId = RequestHeaders.header(request, "correlation-id")
                .orElseGet(() -> UUID.randomUUID().toString());
        final String path = request.getUri().path();
        if (WebSocketEndpoint.PATH.equals(path) || (WebSocketEndpoint.PATH + "/").equals(path)) {
            try {
                // same authentication as HTTP; a refused upgrade is an ordinary 401 in Ditto's shape
                return CompletableFuture.completedFuture(webSockets.upgrade(request, authenticate(request)));
            } catch (final RuntimeException e) {
                return CompletableFuture.completedFuture(HttpAdapter.toHttp(toErrorResponse(e), correlationId));
            }
        }
        CompletionStage<ApiResponse> response;
        try {
            response = route(request);
        } catch (final RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response
                .exceptionally(ApiRouter::toErrorResponse)
                .thenApply(r -> HttpAdapter.toHttp(r, correlationId));
    }

    private CompletionStage<ApiResponse> route(final HttpRequest request) {
        final String path = request.getUri().path();
        if (!path.startsWith("/api/") && !path.startsWith("/ws/")) {
            request.discardEntityBytes(materializer);
            throw TwinServerException.notFound(path);
        }
        authenticate(request);
        if (SearchEndpoint.handles(path)) {
            return search.handle(request, RequestHeaders.read(request));
        }
        final List<String> segments = segmentsAfterThings(request);
        final Optional<Resource> resource = segments == null ? Optional.empty() : Resource.parse(segments);
        if (resource.isEmpty()) {
            request.discardEntityBytes(materializer);
            throw segments != null && segments.isEmpty()
                    ? TwinServerException.notImplemented(request.method().name() + " " + THINGS_PREFIX)
                    : TwinServerException.notFound(path);
        }
        final DittoHeaders headers = RequestHeaders.read(request);
        checkAcknowledgements(headers);
        final Optional<String> mediaType = Optional.of(request.entity().getContentType().mediaType())
                .map(m -> m.mainType() + "/" + m.subType());
        return request.entity().toStrict(BODY_TIMEOUT_MILLIS, materializer)
                .thenApply(strict -> strict.getData().utf8String())
                .thenCompose(body -> execute(new ApiRequest(request.method().name(), resource.get(), headers,
                        request.getUri().query().get("fields"), body, mediaType, HttpAdapter.locationOf(request))));
    }

    private String authenticate(final HttpRequest request) {
        try {
            return authenticator.authenticate(RequestHeaders.header(request, "authorization"),
                    RequestHeaders.header(request, Authenticator.PRE_AUTHENTICATED_HEADER));
        } catch (final RuntimeException e) {
            request.discardEntityBytes(materializer);
            throw e;
        }
    }

    private CompletionStage<ApiResponse> execute(final ApiRequest request) {
        final boolean write = !"GET".equals(request.method());
        final Duration timeout = request.headers().getTimeout().orElse(MAX_TIMEOUT);
        // Ditto: timeout 0 means "do not wait for a response", like response-required=false
        final boolean respond = request.headers().isResponseRequired() && !timeout.isZero();
        final CompletableFuture<ApiResponse> result = things.handle(request).toCompletableFuture();
        if (!write) {
            return result;
        }
        final long millis = Math.min(timeout.isZero() ? MAX_TIMEOUT.toMillis() : timeout.toMillis(),
                MAX_TIMEOUT.toMillis());
        return result.orTimeout(millis, TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    if (unwrap(e) instanceof TimeoutException) {
                        // the write may still complete: the same ambiguity as a Ditto ack timeout
                        throw TwinServerException.ackTimeout(millis);
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                })
                .thenApply(r -> respond ? r : ApiResponse.accepted());
    }

    /**
     * {@code twin-persisted} is always satisfied (the answer waits for the fsync). Other labels would need
     * subscribers that send acknowledgements (WebSocket), which this server does not have yet: refused plainly
     * instead of silently ignored.
     */
    private static void checkAcknowledgements(final DittoHeaders headers) {
        final List<String> unsupported = new ArrayList<>();
        for (final AcknowledgementRequest ack : headers.getAcknowledgementRequests()) {
            if (!DittoAcknowledgementLabel.TWIN_PERSISTED.equals(ack.getLabel())) {
                unsupported.add(ack.getLabel().toString());
            }
        }
        if (!unsupported.isEmpty()) {
            throw TwinServerException.notImplemented("Requested acknowledgements " + unsupported
                    + " (only 'twin-persisted')");
        }
    }

    /** Path segments after {@code /api/2/things}, or null if the path is not under it. */
    private static List<String> segmentsAfterThings(final HttpRequest request) {
        final List<String> all = new ArrayList<>();
        request.getUri().pathSegments().forEach(all::add);
        if (all.size() < 3 || !"api".equals(all.get(0)) || !"2".equals(all.get(1)) || !"things".equals(all.get(2))) {
            return null;
        }
        final List<String> rest = new ArrayList<>(all.subList(3, all.size()));
        if (!rest.isEmpty() && rest.get(rest.size() - 1).isEmpty()) {
            rest.remove(rest.size() - 1); // tolerate one trailing slash
        }
        return rest;
    }

    private static ApiResponse toErrorResponse(final Throwable failure) {
        final Throwable e = unwrap(failure);
        if (e instanceof DittoRuntimeException dre) {
            return ApiResponse.error(dre);
        }
        if (e instanceof JsonRuntimeException jre) {
            return ApiResponse.error(new DittoJsonException(jre));
        }
        LOG.error("Unexpected error while handling a request", e);
        return ApiResponse.error(DittoInternalErrorException.newBuilder().build());
    }

    private static Throwable unwrap(final Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
