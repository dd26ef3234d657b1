package io.twinloop.connectors.interfaces;

/** The twin's AID or AIMC cannot be used; the message names the thing and the element. */
public final class InterfaceDescriptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InterfaceDescriptionException(final String message) {
        super(message);
    }

    public InterfaceDescriptionException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
