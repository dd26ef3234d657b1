package io.twinloop.twin.client;

import java.net.URI;

/** No HTTP answer: connection refused, DNS failure, TLS failure or timeout. Names the URI that was tried. */
public class DittoConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final URI uri;

    public DittoConnectionException(final String method, final URI uri, final Throwable cause) {
        super("No answer from " + method + " " + uri + ": " + describe(cause), cause);
        this.uri = uri;
    }

    /** For subclasses that say more than "no answer" (which command, and what that means for its effect). */
    protected DittoConnectionException(final URI uri, final String message, final Throwable cause) {
        super(message, cause);
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }

    static String describe(final Throwable cause) {
        final String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
