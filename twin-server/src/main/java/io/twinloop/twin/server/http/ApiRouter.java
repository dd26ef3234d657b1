package io.twinloop.twin.server.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.eclipse.ditto.base.model.headers.DittoHeaders;

import io.twinloop.twin.server.policy.PoliciesEndpoint;
import io.twinloop.twin.server.policy.PolicyResource;
import io.twinloop.twin.server.search.SearchEndpoint;
import io.twinloop.twin.server.wot.ModelFiles;
import io.twinloop.twin.server.ws.WebSocketEndpoint;

/**
 * The server's request handler: authentication, routing of {@code /api/2/things/...}, {@code /api/2/policies/...},
 * search and {@code /ws/2}, the WoT Thing Models at {@code /wot/models/}, Ditto's request headers ({@code response-required}, {@code requested-acks},
 * {@code timeout}) and errors in Ditto's JSON shape.
 */
public final class ApiRouter implements Function<HttpRequest, CompletionStage<HttpResponse>> {

    private static final String THINGS_PREFIX = "/api/2/things";
    private static final long BODY_TIMEOUT_MILLIS = 10_000;

    private final Authenticator authenticator;
    private final ThingsApi things;
    private final WebSocketEndpoint webSockets;
    private final SearchEndpoint search;
    private final PoliciesEndpoint policies;
    private final Materializer materializer;
    private final ModelFiles models;

    public ApiRouter(final Authenticator authenticator, final ThingsApi things, final WebSocketEndpoint webSockets,
            final SearchEndpoint search, final PoliciesEndpoint policies, final ModelFiles models,
            final Materializer materializer) {
        this.models = models;
        this.authenticator = authenticator;
        this.things = things;
        this.webSockets = webSockets;
        this.search = search;
        this.policies = policies;
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
        if (ModelFiles.handles(path)) {
            // WoT Thing Models, fetched by a Ditto without credentials
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(models.serve(request.method().name(), path));
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
        final String subject = authenticate(request);
        final DittoHeaders headers = RequestHeaders.read(request).toBuilder()
                .authorizationContext(Authenticator.contextOf(subject)).build();
        if (SearchEndpoint.handles(path)) {
            return search.handle(request, headers);
        }
        final List<String> policySegments = segmentsAfter(request, "policies");
        if (policySegments != null) {
            return routePolicies(request, policySegments, headers);
        }
        final List<String> segments = segmentsAfter(request, "things");
        final Optional<String> ids = request.getUri().query().get("ids");
        if (segments != null && segments.isEmpty() && "GET".equals(request.method().name()) && ids.isPresent()) {
            request.discardEntityBytes(materializer);
            return things.retrieveThings(Arrays.stream(ids.get().split(",")).map(String::strip)
                    .filter(id -> !id.isEmpty()).toList(), request.getUri().query().get("fields"), headers);
        }
        final Optional<Resource> resource = segments == null ? Optional.empty() : Resource.parse(segments);
        if (resource.isEmpty()) {
            request.discardEntityBytes(materializer);
            throw segments != null && segments.isEmpty()
                    ? TwinServerException.notImplemented(request.method().name() + " " + THINGS_PREFIX)
                    : TwinServerException.notFound(path);
        }
        final Optional<String> mediaType = Optional.of(request.entity().getContentType().mediaType())
                .map(m -> m.mainType() + "/" + m.subType());
        return body(request).thenCompose(body -> things.execute(new ApiRequest(request.method().name(),
                resource.get(), headers, request.getUri().query().get("fields"), body, mediaType,
                HttpAdapter.locationOf(request))));
    }

    private CompletionStage<ApiResponse> routePolicies(final HttpRequest request, final List<String> segments,
            final DittoHeaders headers) {
        final Optional<PolicyResource> resource = PolicyResource.parse(segments);
        if (resource.isEmpty()) {
            request.discardEntityBytes(materializer);
            throw segments.isEmpty() ? TwinServerException.notImplemented(request.method().name() + " /api/2/policies")
                    : TwinServerException.notFound(request.getUri().path());
        }
        return body(request).thenCompose(body -> policies.handle(request.method().name(), resource.get(), headers, body,
                        HttpAdapter.locationOf(request)));
    }

    /**
     * The request's body as text. Small bodies arrive whole (strict) and are taken as they are; only a streamed one
     * is collected, and its stage (a Scala future underneath) handed to a plain CompletableFuture on the completing
     * thread, so that no default-executor hop follows it.
     */
    private CompletionStage<String> body(final HttpRequest request) {
        if (request.entity() instanceof HttpEntity.Strict strict) {
            return CompletableFuture.completedFuture(strict.getData().utf8String());
        }
        final CompletableFuture<String> body = new CompletableFuture<>();
        request.entity().toStrict(BODY_TIMEOUT_MILLIS, materializer).whenComplete((strict, failure) -> {
            if (failure != null) {
                body.completeExceptionally(failure);
            } else {
                body.complete(strict.getData().utf8String());
            }
        });
        return body;
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

    /** Path segments after {@code /api/2/<collection>}, or null if the path is not under it. */
    private static List<String> segmentsAfter(final HttpRequest request, final String collection) {
        final List<String> all = new ArrayList<>();
        request.getUri().pathSegments().forEach(all::add);
        if (all.size() < 3 || !"api".equals(all.get(0)) || !"2".equals(all.get(1))
                || !collection.equals(all.get(2))) {
            return null;
        }
        final List<String> rest = new ArrayList<>(all.subList(3, all.size()));
        if (!rest.isEmpty() && rest.get(rest.size() - 1).isEmpty()) {
            rest.remove(rest.size() - 1); // tolerate one trailing slash
        }
        return rest;
    }

    private static ApiResponse toErrorResponse(final Throwable failure) {
        return ApiResponse.error(ThingsApi.toDittoException(failure));
    }
}
