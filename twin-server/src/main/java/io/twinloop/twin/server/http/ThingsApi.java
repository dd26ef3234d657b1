package io.twinloop.twin.server.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.acks.DittoAcknowledgementLabel;
import org.eclipse.ditto.base.model.exceptions.DittoInternalErrorException;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a parsed things-API request with Ditto's request headers ({@code requested-acks}, {@code timeout},
 * {@code response-required}): the one code path behind both {@code /api/2/things/...} (HTTP) and Ditto Protocol
 * commands over {@code /ws/2}, so both have exactly the same semantics.
 */
public final class ThingsApi {

    private static final Logger LOG = LoggerFactory.getLogger(ThingsApi.class);
    /** Ditto's default and maximum for the {@code timeout} header. */
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final ThingsEndpoint things;

    public ThingsApi(final ThingsEndpoint things) {
        this.things = things;
    }

    /**
     * @return the response; fails with the request's error (map it with {@link #toDittoException}). With
     * {@code response-required=false} or {@code timeout=0} a write answers 202 without body.
     */
    public CompletionStage<ApiResponse> execute(final ApiRequest request) {
        final CompletableFuture<ApiResponse> result;
        try {
            checkAcknowledgements(request.headers());
            result = things.handle(request).toCompletableFuture();
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if ("GET".equals(request.method())) {
            return result;
        }
        final Duration timeout = request.headers().getTimeout().orElse(MAX_TIMEOUT);
        // Ditto: timeout 0 means "do not wait for a response", like response-required=false
        final boolean respond = request.headers().isResponseRequired() && !timeout.isZero();
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
     * subscribers that send acknowledgements, which this server does not have yet: refused plainly
     * instead of silently ignored.
     */
    static void checkAcknowledgements(final DittoHeaders headers) {
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

    /** The Ditto error a failure stands for; anything unexpected is logged and becomes Ditto's internal error. */
    public static DittoRuntimeException toDittoException(final Throwable failure) {
        final Throwable e = unwrap(failure);
        if (e instanceof DittoRuntimeException dre) {
            return dre;
        }
        if (e instanceof JsonRuntimeException jre) {
            return new DittoJsonException(jre);
        }
        LOG.error("Unexpected error while handling a request", e);
        return DittoInternalErrorException.newBuilder().build();
    }

    /**
     * The request headers the things API reads (the same set as from HTTP headers), taken from e.g. a Ditto
     * Protocol envelope's headers; all others are left out as HTTP ignores them.
     */
    public static DittoHeaders requestHeaders(final DittoHeaders all) {
        final var builder = DittoHeaders.newBuilder();
        for (final String name : RequestHeaders.SUPPORTED) {
            final String value = all.get(name);
            if (value != null) {
                builder.putHeader(name, value);
            }
        }
        return builder.build();
    }

    static Throwable unwrap(final Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
