package io.twinloop.twin.client;

import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Ditto (or whatever answered in its place) refused a request with a non-2xx status. Keeps Ditto's status, error
 * code, message and description; subclasses name the outcomes callers typically branch on. Futures of
 * {@link DittoClient} complete exceptionally with it (wrapped in a {@code CompletionException} by {@code join()}).
 */
public class DittoErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DittoError error;
    private final String request;
    private final transient HttpHeaders headers;

    public DittoErrorException(final DittoError error, final String request, final HttpHeaders headers) {
        super(request + " -> " + Objects.requireNonNull(error, "error"));
        this.error = error;
        this.request = Objects.requireNonNull(request, "request");
        this.headers = headers == null ? HttpHeaders.of(Map.of(), (k, v) -> true) : headers;
    }

    /** Picks the subclass that matches the status (and, for 404, Ditto's error code). */
    static DittoErrorException of(final DittoError error, final String request, final HttpHeaders headers) {
        switch (error.status()) {
            case 401:
                return new AuthenticationException(error, request, headers);
            case 403:
                return new AccessDeniedException(error, request, headers);
            case 404:
                return ThingNotFoundException.matches(error)
                        ? new ThingNotFoundException(error, request, headers)
                        : new NotFoundException(error, request, headers);
            case 409:
                return new ConflictException(error, request, headers);
            case 412:
                return new PreconditionFailedException(error, request, headers);
            default:
                return new DittoErrorException(error, request, headers);
        }
    }

    public DittoError error() {
        return error;
    }

    /** The HTTP status, e.g. 404. */
    public int status() {
        return error.status();
    }

    /** Ditto's error code, e.g. {@code things:thing.notfound}. */
    public Optional<String> errorCode() {
        return error.errorCode();
    }

    /** Ditto's message (without the request line that {@link #getMessage()} adds). */
    public String dittoMessage() {
        return error.message();
    }

    public Optional<String> description() {
        return error.description();
    }

    /** Method and URI of the failed request, e.g. {@code PUT http://host/api/2/things/ns:x}. */
    public String request() {
        return request;
    }

    /** Headers of the error response (e.g. the current {@code ETag} of a 412). */
    public HttpHeaders headers() {
        return headers;
    }
}
