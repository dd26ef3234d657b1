package io.twinloop.connectors.retry;

import java.time.Duration;

/**
 * Exponential backoff between attempts: {@code first}, doubled per failed attempt, never above {@code max}. A peer
 * that is restarting is not hammered, and one that is back is tried again within {@code max}.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first == null || first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("backoff: first delay must be positive, was " + first);
        }
        if (max == null || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff: max delay must be at least the first (" + first + "), was "
                    + max);
        }
    }

    /** The wait after {@code failedAttempts} consecutive failures (1 for the first). */
    public Duration after(final int failedAttempts) {
        final int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        final Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }
}
