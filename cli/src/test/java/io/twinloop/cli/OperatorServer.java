package io.twinloop.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * A command run against the embedded twin server over real sockets by the user {@code operator}, who also reads
 * the result through {@link #client}; each test gets a fresh server and data folder.
 */
abstract class OperatorServer {

    static final String DEMO = Path.of("..", "examples", "demo-plant.aas.json").toString();
    static final String OPERATOR = "operator";
    static final String PASSWORD = "s3cret";

    @TempDir
    Path tmp;

    TwinServer server;
    DittoClient client;

    /** The server's users besides the operator (NAME, PASSWORD pairs). */
    abstract String[] otherUsers();

    @BeforeEach
    void startServer() throws Exception {
        TwinServerConfig config = TwinServerConfig.of(tmp.resolve("data")).withUser(OPERATOR, PASSWORD);
        final String[] users = otherUsers();
        for (int i = 0; i + 1 < users.length; i += 2) {
            config = config.withUser(users[i], users[i + 1]);
        }
        server = TwinServer.start(config).get();
        client = DittoClient.builder(server.httpUri()).basicAuth(OPERATOR, PASSWORD).build();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    /** Runs {@code command} (e.g. {@code aas import}) on the demo plant into the server as the operator. */
    CommandRun againstServer(final String[] command, final String... extra) {
        final String[] base = {DEMO, "--namespace", "demo", "--ditto", server.httpUri().toString(), "--user",
                OPERATOR, "--password", PASSWORD};
        final String[] args = new String[command.length + base.length + extra.length];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(base, 0, args, command.length, base.length);
        System.arraycopy(extra, 0, args, command.length + base.length, extra.length);
        return CommandRun.of(args);
    }
}
