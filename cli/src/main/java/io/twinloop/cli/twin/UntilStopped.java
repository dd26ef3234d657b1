package io.twinloop.cli.twin;

import java.util.concurrent.CountDownLatch;

import io.twinloop.twin.server.TwinServer;

/**
 * Keeps a foreground command running until the JVM is asked to stop (Ctrl-C, SIGTERM), and then closes the twin
 * server properly: sessions closed, journal flushed, snapshot written.
 */
final class UntilStopped {

    private final CountDownLatch stopped = new CountDownLatch(1);

    private UntilStopped(final TwinServer server, final String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, name + "-shutdown"));
    }

    /** Registers the shutdown; call right after the server started, before anything that may fail. */
    static UntilStopped closing(final TwinServer server, final String name) {
        return new UntilStopped(server, name);
    }

    void await() throws InterruptedException {
        stopped.await();
    }
}
