package io.twinloop.ditto.guard;

/** The guard's configuration (or a key file it names) is unusable; the message names the key or file. */
public final class GuardConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GuardConfigException(final String message) {
        super(message);
    }

    public GuardConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
