package io.twinloop.connectors.hono.provisioning;

import java.util.OptionalInt;

/**
 * The registry did not do what was asked: it answered with a status the operation does not expect (the message has
 * the request, the status and Hono's {@code error} text), or it could not be reached (no status).
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private RegistryException(final String message, final int status, final Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static RegistryException answered(final String request, final int status, final String errorText) {
        return new RegistryException(request + ": the registry answered " + status + " " + StatusText.of(status)
                + (errorText.isEmpty() ? "" : ": " + errorText), status, null);
    }

    static RegistryException unreachable(final String request, final String registry, final Throwable cause) {
        final String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new RegistryException(request + ": cannot reach the registry at " + registry + " (" + reason + ")",
                -1, cause);
    }

    /** The HTTP status the registry answered with; empty when it could not be reached. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Whether the registry could not be reached at all (further requests would fail the same way). */
    public boolean isUnreachable() {
        return status < 0;
    }

    /** Reason phrases for the statuses Hono's management API documents. */
    private static final class StatusText {
        static String of(final int status) {
            return switch (status) {
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 409 -> "Conflict";
                case 412 -> "Precondition Failed";
                case 413 -> "Payload Too Large";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> "";
            };
        }
    }
}
