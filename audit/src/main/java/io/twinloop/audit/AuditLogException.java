package io.twinloop.audit;

/** The audit log or a key cannot be used as asked; the message names the file (and line) and what is wrong. */
public final class AuditLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditLogException(final String message) {
        super(message);
    }

    public AuditLogException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
