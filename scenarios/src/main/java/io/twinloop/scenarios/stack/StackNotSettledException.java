package io.twinloop.scenarios.stack;

/** The stack did not catch up with a plant step within the deadline; the message names what was still under way. */
public final class StackNotSettledException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public StackNotSettledException(final String message) {
        super(message);
    }
}
