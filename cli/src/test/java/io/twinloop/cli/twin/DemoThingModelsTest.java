package io.twinloop.cli.twin;

import static io.twinloop.cli.twin.DemoCncTwin.CNC;
import static io.twinloop.cli.twin.DemoCncTwin.awaitValue;
import static io.twinloop.cli.twin.DemoCncTwin.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;
import io.twinloop.twin.server.wot.WotConfig;

/**
 * The demo's twins linked to the Thing Models generated from their AAS, as {@code twinloop demo} sets them up: the
 * twin server serves the models and validates against them, the live plant's connector still writes its values
 * (they follow the models), an in-bounds desired speed reaches the machine and an out-of-bounds one is refused by
 * the twin itself with Ditto's WoT error.
 */
class DemoThingModelsTest {

    @TempDir
    Path data;

    @Test
    void twinsValidateAgainstTheirGeneratedModelsWhileThePlantRuns() throws Exception {
        final String[] connector = {"connector", "c0nnect"};
        final Path twins = data.resolve("twins");
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(twins).withUser("owner", "pw")
                .withUser(connector[0], connector[1])
                .withWot(WotConfig.fromClassPath().withModelsDirectory(twins.resolve(DemoCommand.MODELS_FOLDER)))).get();
             DittoClient owner = DittoClient.builder(server.httpUri()).basicAuth("owner", "pw").build()) {
            final ThingPublisher publisher = new ThingPublisher(owner, new PolicyTemplate("nginx:owner",
                    PolicyTemplate.DEFAULT_OPTIMIZER, "nginx:" + connector[0]),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
            // twins of an earlier run without models (kept in the data folder) are linked too
            publisher.publish(DemoPlant.things());
            assertThat(owner.retrieveThing(CNC).join().getDefinition()).isEmpty();
            DemoCommand.publishWithModels(server, twins, owner, publisher);
            final String definition = owner.retrieveThing(CNC).join().getFeatures().orElseThrow()
                    .getFeature("OperationalData").orElseThrow().getDefinition().orElseThrow()
                    .getFirstIdentifier().toString();
            assertThat(owner.retrieveThing(CNC).join().getDefinition().orElseThrow().toString())
                    .startsWith(server.httpUri() + "/wot/models/CNC01-");
            assertThat(definition).startsWith(server.httpUri() + "/wot/models/OperationalData-");
            final HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(definition)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            try (LivePlant plant = LivePlant.start(data, LivePlant.Settings.demo(0, 60), owner,
                    server.httpUri(), connector)) {
                awaitValue(() -> read(owner, "features/OperationalData/properties/State"), JsonValue.of("RUNNING"));
                final JsonValue clock = read(owner, "features/OperationalData/properties/SimulationTime").orElseThrow();
                // the connector keeps writing (its values follow the models): the plant's clock moves on
                awaitChange(() -> read(owner, "features/OperationalData/properties/SimulationTime"), clock);

                owner.putFeatureDesiredProperty(CNC, "OperationalData", JsonPointer.of("Speed"), JsonValue.of(110),
                        RequestOptions.none()).join();
                awaitValue(() -> read(owner, "features/Reconciliation/properties/OperationalData/Speed/status"),
                        JsonValue.of("applied"));

                // 500 % is outside the CNC's 50..130 from its AID: the twin refuses it (before: the connector did)
                final HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(server.httpUri()
                                + "/api/2/things/" + CNC + "/features/OperationalData/desiredProperties/Speed"))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString("owner:pw".getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("500")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(400);
                final JsonObject error = JsonFactory.readFrom(refused.body()).asObject();
                assertThat(error.getValue("error")).contains(JsonValue.of("wot:payload.validation.error"));
                assertThat(error.getValue("validationDetails").orElseThrow().toString()).contains("130");
                assertThat(read(owner, "features/OperationalData/desiredProperties/Speed").map(JsonValue::asDouble))
                        .contains(110.0);
            }
        }
    }

    private static void awaitChange(final Supplier<Optional<JsonValue>> actual, final JsonValue before)
            throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<JsonValue> last = actual.get();
        while (last.equals(Optional.of(before)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = actual.get();
        }
        assertThat(last).isPresent().isNotEqualTo(Optional.of(before));
    }
}
