package io.twinloop.cli.connector;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connector command running until Ctrl-C/SIGTERM (a shutdown hook) or until its thread is interrupted (how
 * the tests stop it), ticking a status line meanwhile. Closing it removes the hook, so a command run in a JVM that
 * goes on leaves nothing behind.
 */
final class UntilStopped implements AutoCloseable {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    private UntilStopped(final String name) {
        this.hook = new Thread(stopped::countDown, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static UntilStopped register(final String name) {
        return new UntilStopped(name);
    }

    /** Returns when stopped or interrupted (the interrupt status kept); runs {@code tick} every interval (0: never). */
    void await(final int intervalSeconds, final Runnable tick) {
        try {
            while (!stopped.await(intervalSeconds > 0 ? intervalSeconds : Integer.MAX_VALUE, TimeUnit.SECONDS)) {
                tick.run();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
