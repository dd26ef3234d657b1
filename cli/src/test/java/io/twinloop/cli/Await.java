package io.twinloop.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous limit; nothing asserts how long it took. */
public final class Await {

    private Await() {
    }

    public static void until(final String what, final Duration limit, final BooleanSupplier condition)
            throws InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
