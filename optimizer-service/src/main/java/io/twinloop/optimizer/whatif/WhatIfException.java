package io.twinloop.optimizer.whatif;

/**
 * A what-if run that could not be made: a view the engine cannot start from, or a run over its wall-time budget.
 * The caller falls back on the surrogate and records why.
 */
public final class WhatIfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WhatIfException(final String message) {
        super(message);
    }

    public WhatIfException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
