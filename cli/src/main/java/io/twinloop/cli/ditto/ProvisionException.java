package io.twinloop.cli.ditto;

import java.util.concurrent.CompletionException;

import io.twinloop.twin.client.DittoConnectionException;
import io.twinloop.twin.client.DittoErrorException;

/** Reading or writing one resource failed; the message names the resource, the request and Ditto's answer. */
public final class ProvisionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProvisionException(final String message) {
        super(message);
    }

    public ProvisionException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** {@code what} ("reading policy demo:CNC01") failed with {@code failure} (a client future's exception). */
    public static ProvisionException of(final String what, final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DittoConnectionException connection) {
            return new ProvisionException(what + ": Ditto is not reachable: " + connection.getMessage(), cause);
        }
        if (cause instanceof DittoErrorException error) {
            return new ProvisionException(what + ": Ditto answered " + error.status() + " "
                    + error.errorCode().orElse("") + ": " + error.dittoMessage()
                    + error.description().map(d -> " (" + d + ")").orElse("") + " [" + error.request() + "]", cause);
        }
        return new ProvisionException(what + ": " + cause, cause);
    }
}
