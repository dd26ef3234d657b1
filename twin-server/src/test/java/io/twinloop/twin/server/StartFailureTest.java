package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.twin.server.store.StoreCorruptedException;
import io.twinloop.twin.server.store.ThingStore;

/**
 * The port is bound while the data still loads: a start that fails leaves neither the port bound nor the data
 * directory open, so the next start on both succeeds.
 */
class StartFailureTest {

    @TempDir
    Path data;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private TwinServerConfig config(final int port) {
        return TwinServerConfig.of(data).withPort(port).withUser("alice", "secret");
    }

    @Test
    void corruptDataFailsTheStartAndReleasesThePortBoundMeanwhile() throws Exception {
        final int port = freePort();
        Files.writeString(data.resolve(ThingStore.JOURNAL_FILE), "{not json\n{\"also\":\"not an entry\"}\n",
                StandardCharsets.UTF_8);

        final ExecutionException failure = assertThrows(ExecutionException.class,
                () -> TwinServer.start(config(port)).get(30, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(StoreCorruptedException.class).hasMessageContaining("line 1");

        Files.delete(data.resolve(ThingStore.JOURNAL_FILE));
        // the early binding may still be on its way when the failure is reported: it is released shortly after
        TwinServer server = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server == null) {
            try {
                server = TwinServer.start(config(port)).get(30, TimeUnit.SECONDS);
            } catch (final ExecutionException stillBound) {
                if (System.nanoTime() > deadline) {
                    throw stillBound;
                }
                Thread.sleep(200);
            }
        }
        try (TwinServer started = server) {
            assertThat(started.httpUri().getPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseFailsTheStartAndClosesTheData() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> TwinServer.start(config(taken.getLocalPort())).get(30, TimeUnit.SECONDS));
            assertThat(failure.getCause()).hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
        // the data directory was closed again: a start on it succeeds
        try (TwinServer server = TwinServer.start(config(0)).get(30, TimeUnit.SECONDS)) {
            assertThat(server.httpUri().getPort()).isPositive();
        }
    }
}
