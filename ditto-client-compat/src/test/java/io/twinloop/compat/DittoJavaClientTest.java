package io.twinloop.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.DittoClients;
import org.eclipse.ditto.client.changes.Change;
import org.eclipse.ditto.client.configuration.BasicAuthenticationConfiguration;
import org.eclipse.ditto.client.configuration.WebSocketMessagingConfiguration;
import org.eclipse.ditto.client.messaging.AuthenticationProviders;
import org.eclipse.ditto.client.messaging.MessagingProviders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Eclipse Ditto's own Java client (2.4.0, with its own 2.4 models) against TwinLoop's embedded twin server, started
 * as a separate process from the packaged twinloop jar: creates a thing, modifies a feature property and receives
 * the twin event through the client's API. Where the two disagree, the server is wrong.
 */
class DittoJavaClientTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/api/2");

    private static Process server;
    private static int port;

    @BeforeAll
    static void startServerProcess() throws Exception {
        final Path jar = Path.of("..", "cli", "target", "twinloop.jar");
        assertThat(jar).as("the packaged twinloop jar; build the whole project from the root (mvn -B verify)")
                .exists();
        final Path data = Files.createTempDirectory("twinloop-compat");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "twin-server", "--port", "0", "--data", data.toString(), "--user", "compat:secret")
                .redirectErrorStream(true).start();
        final BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        final CompletableFuture<Integer> bound = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    final Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
                throw new IllegalStateException("the twin server process ended without listening");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        port = bound.get(60, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> output.lines().forEach(line -> { })); // keep draining its output
    }

    @AfterAll
    static void stopServerProcess() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void createsAThingModifiesAPropertyAndReceivesTheTwinEvent() throws Exception {
        final DittoClient client = DittoClients.newInstance(MessagingProviders.webSocket(
                WebSocketMessagingConfiguration.newBuilder()
                        .endpoint("ws://127.0.0.1:" + port)
                        .jsonSchemaVersion(JsonSchemaVersion.V_2)
                        .reconnectEnabled(false)
                        .build(),
                AuthenticationProviders.basic(BasicAuthenticationConfiguration.newBuilder()
                        .username("compat").password("secret").build())))
                .connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            final ThingId id = ThingId.of("compat:press-1");
            final CompletableFuture<Change> changed = new CompletableFuture<>();
            client.twin().registerForFeaturePropertyChanges("compat", "OperationalData", change -> {
                // the thing's creation arrives here too (all properties at "/"); wait for the modification
                if (change.getEntityId().toString().equals(id.toString())
                        && "/SpindleSpeed".equals(change.getPath().toString())) {
                    changed.complete(change);
                }
            });
            client.twin().startConsumption().toCompletableFuture().get(30, TimeUnit.SECONDS);

            client.twin().create(JsonFactory.newObject("{\"thingId\":\"" + id + "\",\"features\":"
                    + "{\"OperationalData\":{\"properties\":{\"SpindleSpeed\":1200}}}}"))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            client.twin().forFeature(id, "OperationalData").putProperty("SpindleSpeed", 1500)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            final Change change = changed.get(30, TimeUnit.SECONDS);
            assertThat(change.getAction().name()).isEqualTo("UPDATED");
            assertThat(change.getValue()).contains(JsonValue.of(1500));
            assertThat(change.getRevision()).isGreaterThanOrEqualTo(2);
        } finally {
            client.destroy();
        }
    }
}
