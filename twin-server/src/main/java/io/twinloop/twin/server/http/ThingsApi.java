package io.twinloop.twin.server.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.eclipse.ditto.base.model.exceptions.DittoInternalErrorException;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
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

    private final ThingsEndpoint things;

    public ThingsApi(final ThingsEndpoint things) {
        this.things = things;
    }

    /**
     * @return the response; fails with the request's error (map it with {@link #toDittoException}). Writes are
     * answered as Ditto answers them for their {@code requested-acks}, {@code timeout} and {@code response-required}
     * (see {@link RequestedAcknowledgements}).
     */
    public CompletionStage<ApiResponse> execute(final ApiRequest request) {
        final boolean write = !"GET".equals(request.method());
        final RequestedAcknowledgements acks;
        final CompletableFuture<ApiResponse> result;
        try {
            acks = RequestedAcknowledgements.of(request.headers(), write);
            result = things.handle(request).toCompletableFuture();
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write ? acks.answer(request.resource().thingId(), result) : result;
    }

    /** Ditto's {@code RetrieveThings}: see {@link ThingsEndpoint#retrieveThings}. */
    public CompletionStage<ApiResponse> retrieveThings(final java.util.List<String> ids,
            final java.util.Optional<String> fields, final DittoHeaders headers) {
        try {
            return CompletableFuture.completedFuture(things.retrieveThings(ids, fields, headers));
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
     * The request headers the things API reads (the same set as from HTTP headers, and the desired-write guard's
     * {@code twinloop-*} headers), taken from e.g. a Ditto Protocol envelope's headers; all others are left out as
     * HTTP ignores them.
     * The builder stays open for the caller's own additions, so that a request's headers are built once.
     */
    public static DittoHeadersBuilder<?, ?> requestHeaders(final DittoHeaders all) {
        final var builder = DittoHeaders.newBuilder();
        for (final String name : RequestHeaders.SUPPORTED) {
            final String value = all.get(name);
            if (value != null) {
                builder.putHeader(name, value);
            }
        }
        DesiredWriteCheck.copyGuardHeaders(all, builder);
        return builder;
    }

    /** Whether the things API reads a header of this (lower-case) name, see {@link #requestHeaders}. */
    public static boolean isRequestHeader(final String name) {
        return RequestHeaders.SUPPORTED.contains(name) || DesiredWriteCheck.isGuardHeader(name);
    }

    static Throwable unwrap(final Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
