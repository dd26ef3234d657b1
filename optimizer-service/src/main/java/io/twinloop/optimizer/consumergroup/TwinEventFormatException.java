package io.twinloop.optimizer.consumergroup;

/** A record of the twin-events topic that is not a Ditto Protocol message; the message names the record. */
public final class TwinEventFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TwinEventFormatException(final String message) {
        super(message);
    }

    public TwinEventFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
