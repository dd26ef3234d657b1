package io.twinloop.twin.conformance;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;


import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * A server the suite runs against, shared by the tests of one class (the Docker Ditto: of the whole run); JUnit
 * closes it (AutoCloseable in an extension store) after them. See {@link TwinTargetExtension} for the targets.
 */
abstract class Backend implements AutoCloseable {

    /** The user the embedded server is configured with; a real Ditto's default nginx user is the same. */
    static final String DEFAULT_USER = "ditto";
    static final String DEFAULT_PASSWORD = "ditto";

    abstract String name();

    abstract URI uri();

    abstract String username();

    abstract String password();

    abstract boolean isRealDitto();

    /** TwinLoop's embedded twin server, started on an ephemeral port with a fresh data directory. */
    static final class Embedded extends Backend {

        private final Path dataDirectory;
        private final TwinServer server;

        Embedded() throws Exception {
            dataDirectory = Files.createTempDirectory("twin-conformance-");
            server = TwinServer.start(TwinServerConfig.of(dataDirectory).withUser(DEFAULT_USER, DEFAULT_PASSWORD))
                    .get(30, TimeUnit.SECONDS);
        }

        @Override String name() { return "embedded"; }

        @Override URI uri() { return server.httpUri(); }

        @Override String username() { return DEFAULT_USER; }

        @Override String password() { return DEFAULT_PASSWORD; }

        @Override boolean isRealDitto() { return false; }

        @Override
        public void close() throws IOException {
            try {
                server.close();
            } finally {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A real Ditto reached through {@code DITTO_URL}; nothing to start or stop. */
    static final class RealDitto extends Backend {

        private final URI uri;
        private final String username;
        private final String password;

        RealDitto(final String url, final String username, final String password) {
            this.uri = URI.create(url);
            this.username = username;
            this.password = password;
        }

        static RealDitto fromEnvironment() {
            final String user = System.getenv("DITTO_USERNAME");
            final String password = System.getenv("DITTO_PASSWORD");
            return new RealDitto(System.getenv("DITTO_URL"),
                    user == null || user.isEmpty() ? DEFAULT_USER : user,
                    password == null ? DEFAULT_PASSWORD : password);
        }

        @Override String name() { return "ditto " + uri; }

        @Override URI uri() { return uri; }

        @Override String username() { return username; }

        @Override String password() { return password; }

        @Override boolean isRealDitto() { return true; }

        @Override
        public void close() {
            // the real Ditto outlives the suite; TwinTarget removed what the tests created
        }
    }
}
