package io.twinloop.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The embedded twin server in this JVM on a temporary data folder, with a client for it: what the twin benchmarks
 * measure against. Server and load generator share the machine's cores, as on a single-machine install.
 */
final class BenchServer implements AutoCloseable {

    static final String USER = "bench";

    private final TwinServer server;
    private final DittoClient client;

    private BenchServer(final TwinServer server, final DittoClient client) {
        this.server = server;
        this.client = client;
    }

    static TwinServerConfig config(final Path data) {
        return TwinServerConfig.of(data).withUser(USER, USER);
    }

    static BenchServer start(final TwinServerConfig config) throws InterruptedException, ExecutionException {
        return start(config, 100);
    }

    /** @param maxCommandsInFlight per WebSocket command connection of the client */
    static BenchServer start(final TwinServerConfig config, final int maxCommandsInFlight)
            throws InterruptedException, ExecutionException {
        final TwinServer server = TwinServer.start(config).get();
        final DittoClientBuilder client = DittoClient.builder(server.httpUri()).basicAuth(USER, USER)
                .maxCommandsInFlight(maxCommandsInFlight);
        return new BenchServer(server, client.build());
    }

    DittoClient client() {
        return client;
    }

    /** The server's HTTP address, for further clients (other users). */
    java.net.URI uri() {
        return server.httpUri();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    static Path createDataFolder() throws IOException {
        return Files.createTempDirectory("twinloop-bench");
    }

    static void deleteDataFolder(final Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
