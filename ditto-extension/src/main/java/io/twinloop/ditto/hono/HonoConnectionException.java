package io.twinloop.ditto.hono;

/** A Hono connection definition cannot be made from the given devices; the message names the tenant and device. */
public final class HonoConnectionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public HonoConnectionException(final String message) {
        super(message);
    }
}
