package io.twinloop.cli.twin;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;

import io.twinloop.twin.server.TwinServer;

/**
 * Keeps a foreground command running until the JVM is asked to stop (Ctrl-C, SIGTERM), and then closes what it
 * started, last first: the twin server properly (sessions closed, journal flushed, snapshot written), the optimizer
 * service (its consumer leaving the group, so the others take over at once).
 */
public final class UntilStopped {

    private final CountDownLatch stopped = new CountDownLatch(1);
    /** What to close at the end, first to last; the twin server last, as what came later depends on it. */
    private final Deque<AutoCloseable> parts = new ConcurrentLinkedDeque<>();

    private UntilStopped(final AutoCloseable first, final String name) {
        parts.add(first);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (final AutoCloseable part : parts) {
                try {
                    part.close();
                } catch (final Exception e) {
                    System.err.println("twinloop " + name + ": " + part + " did not close cleanly: " + e);
                }
            }
            stopped.countDown();
        }, name + "-shutdown"));
    }

    /** Registers the shutdown; call right after the server started, before anything that may fail. */
    static UntilStopped closing(final TwinServer server, final String name) {
        return new UntilStopped(server, name);
    }

    /** The same for a command whose first part is something else (closed last). */
    public static UntilStopped closingLast(final AutoCloseable first, final String name) {
        return new UntilStopped(first, name);
    }

    /** Also closes {@code part} at the end, before everything registered earlier. */
    public void closingFirst(final AutoCloseable part) {
        parts.addFirst(part);
    }

    public void await() throws InterruptedException {
        stopped.await();
    }
}
