package io.twinloop.connectors;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a generous limit; nothing asserts how long it took. */
public final class Await {

    public static final Duration LIMIT = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(final String what, final Supplier<Boolean> condition) {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (final RuntimeException e) {
                last = e; // e.g. a twin part not there yet
            }
            try {
                Thread.sleep(50);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("not reached within " + LIMIT + ": " + what, last);
    }
}
