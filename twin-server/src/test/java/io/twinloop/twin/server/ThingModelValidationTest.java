package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

import io.twinloop.twin.server.wot.WotConfig;

/**
 * WoT Thing Model validation over real HTTP and {@code /ws/2}, with models this server serves itself at
 * {@code /wot/models/} and fetches by URL as Ditto fetches them: Ditto's {@code wot:payload.validation.error} for
 * values out of bounds, of the wrong type or not modeled; {@code wot:tm.notfound} for a definition that cannot be
 * fetched.
 */
class ThingModelValidationTest extends WebSocketTestSupport {

    private static final String FEATURE_MODEL = """
            {
              "@context": "https://www.w3.org/2022/wot/td/v1.1",
              "@type": "tm:ThingModel",
              "title": "OperationalData",
              "properties": {
                "Speed": {"title": "Speed", "type": "number", "unit": "%", "minimum": 50, "maximum": 130,
                          "readOnly": false},
                "State": {"title": "State", "type": "string", "readOnly": true},
                "JobSequence": {"title": "JobSequence", "type": "array", "items": {"type": "string"},
                                "readOnly": false}
              }
            }""";
    private static final String TOPIC = "org.example/machine-1/things/twin/commands/";

    /** Ditto's default; TwinLoop's setups turn it off for the connectors' report feature. */
    private boolean nonModeledFeaturesForbidden = true;
    /** Fixed across a restart: the things' definitions name the models by this server's URL. */
    private final int port = freePort();

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    TwinServerConfig config() {
        try {
            final Path models = Files.createDirectories(dataDirectory.resolve("models"));
            Files.writeString(models.resolve("OperationalData-1.tm.jsonld"), FEATURE_MODEL);
            Files.writeString(models.resolve("machine-1.tm.jsonld"), thingModel());
            return super.config().withPort(port).withUser("stranger", "stranger").withWot(WotConfig.defaults().withModelsDirectory(models)
                    .withNonModeledFeaturesForbidden(nonModeledFeaturesForbidden));
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The thing's model names the feature's as its submodel; its URL is relative to wherever it is served. */
    private static String thingModel() {
        return """
                {"@context": "https://www.w3.org/2022/wot/td/v1.1", "@type": "tm:ThingModel", "title": "machine-1",
                 "links": [{"rel": "tm:submodel", "href": "OperationalData-1.tm.jsonld", "instanceName": "operation"}],
                 "properties": {"location": {"title": "location", "type": "string"}},
                 "tm:optional": ["/properties/location"]}""";
    }

    private String modelUrl(final String file) {
        return server.httpUri() + "/wot/models/" + file;
    }

    private void createLinkedThing() throws Exception {
        final var created = put(THING, "{\"definition\":\"" + modelUrl("machine-1.tm.jsonld") + "\","
                + "\"features\":{\"operation\":{\"definition\":[\"" + modelUrl("OperationalData-1.tm.jsonld") + "\"],"
                + "\"properties\":{\"Speed\":100.0,\"State\":\"RUNNING\",\"JobSequence\":[\"J1\",\"J2\"]}}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void outOfBoundsDesiredValueIsRefusedOverHttpWithDittosErrorAndAnInBoundsOneAccepted() throws Exception {
        createLinkedThing();
        final var refused = put(THING + "/features/operation/desiredProperties/Speed", "150");
        assertThat(refused.statusCode()).isEqualTo(400);
        final JsonObject error = json(refused);
        assertThat(error.getValue("error")).contains(JsonValue.of("wot:payload.validation.error"));
        assertThat(error.getValue("message")).contains(JsonValue.of(
                "The provided payload did not conform to the specified WoT (Web of Things) model."));
        assertThat(error.getValue("description")).contains(JsonValue.of("The Feature <operation>'s desired "
                + "property </Speed> contained validation errors, check the validation details."));
        final var details = error.getValue("validationDetails").orElseThrow().asObject()
                .getValue(JsonFactory.newKey("/features/operation/desiredProperties/Speed")).orElseThrow().asArray();
        assertThat(details.get(0).orElseThrow().asString()).contains("maximum").contains("130");
        assertThat(get(THING + "/features/operation/desiredProperties").statusCode()).isEqualTo(404);

        assertThat(put(THING + "/features/operation/desiredProperties/Speed", "120").statusCode()).isEqualTo(201);
        assertThat(value(get(THING + "/features/operation/desiredProperties/Speed")).asDouble()).isEqualTo(120.0);
    }

    @Test
    void aWriteTheSubjectMayNotMakeIsRefusedForThatEvenIfItIsAlsoInvalid() throws Throwable {
        createLinkedThing();
        // Ditto enforces the policy before it validates: no hint about the model for whoever may not write
        final var refused = as("stranger", "stranger",
                () -> put(THING + "/features/operation/desiredProperties/Speed", "150"));
        assertThat(refused.statusCode()).isIn(403, 404);
        assertThat(json(refused).getValue("error").map(JsonValue::asString).orElse("")).startsWith("things:");
    }

    @Test
    void theOptimizersMergeOfTheThingIsValidatedAgainstTheThingsModel() throws Exception {
        createLinkedThing();
        final var low = patch(THING, "{\"features\":{\"operation\":{\"desiredProperties\":{\"Speed\":20}}}}");
        assertThat(low.statusCode()).isEqualTo(400);
        assertThat(json(low).getValue("description")).contains(JsonValue.of("The Feature <operation>'s desired "
                + "properties contained validation errors, check the validation details."));
        assertThat(json(low).getValue("validationDetails").orElseThrow().toString())
                .contains("/features/operation/desiredProperties/Speed").contains("minimum");
        final var wrongType = patch(THING, "{\"features\":{\"operation\":{\"desiredProperties\":{\"Speed\":\"fast\"}}}}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).getValue("validationDetails").orElseThrow().toString()).contains("type");
        final var notModeled = patch(THING, "{\"features\":{\"operation\":{\"desiredProperties\":{\"Turbo\":true}}}}");
        assertThat(notModeled.statusCode()).isEqualTo(400);
        assertThat(json(notModeled).getValue("description").orElseThrow().asString())
                .isEqualTo("The Feature <operation>'s desired properties contained JSON fields which were not "
                        + "defined in the model: [Turbo]");

        final var ok = patch(THING, "{\"features\":{\"operation\":{\"desiredProperties\":{\"Speed\":80,"
                + "\"JobSequence\":[\"J2\",\"J1\"]}}}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        // reported values follow the model too: a connector's merge of a property of the wrong type is refused
        assertThat(patch(THING + "/features/operation/properties", "{\"State\":3}").statusCode()).isEqualTo(400);
        assertThat(patch(THING + "/features/operation/properties", "{\"State\":\"BLOCKED\"}").statusCode())
                .isEqualTo(204);
        // a whole properties object must have the properties the model does not mark optional
        final var missing = put(THING + "/features/operation/properties", "{\"Speed\":90}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).getValue("description")).contains(JsonValue.of(
                "Required JSON fields were missing from the Feature <operation>'s properties"));
    }

    @Test
    void outOfBoundsDesiredValueIsRefusedOverTheWebSocketAndAnInBoundsOneAccepted() throws Exception {
        createLinkedThing();
        final WebSocketClient client = connect();
        client.send(JsonObject.newBuilder().set("topic", TOPIC + "modify")
                .set("path", "/features/operation/desiredProperties/Speed").set("value", 150)
                .set("headers", JsonObject.newBuilder().set("correlation-id", "c-high").build()).build().toString());
        final JsonObject refused = client.nextJson();
        assertThat(refused.getValue("topic")).contains(JsonValue.of("org.example/machine-1/things/twin/errors"));
        assertThat(refused.getValue("status")).contains(JsonValue.of(400));
        assertThat(refused.getValue("value/error")).contains(JsonValue.of("wot:payload.validation.error"));
        assertThat(refused.getValue("value/validationDetails").orElseThrow().toString())
                .contains("/features/operation/desiredProperties/Speed");
        assertThat(refused.getValue("headers/correlation-id")).contains(JsonValue.of("c-high"));

        client.send(JsonObject.newBuilder().set("topic", TOPIC + "merge").set("path", "/")
                .set("value", JsonFactory.readFrom("{\"features\":{\"operation\":{\"desiredProperties\":{\"Speed\":110}}}}"))
                .set("headers", JsonObject.newBuilder().set("correlation-id", "c-ok")
                        .set("content-type", "application/merge-patch+json").build()).build().toString());
        final JsonObject accepted = client.nextJson();
        assertThat(accepted.getValue("status")).as(accepted.toString()).contains(JsonValue.of(204));
        assertThat(value(get(THING + "/features/operation/desiredProperties/Speed")).asDouble()).isEqualTo(110.0);
    }

    @Test
    void aDefinitionThatCannotBeFetchedFailsTheWriteAsInDitto() throws Exception {
        // nothing listens on port 9 here; the model is not served either way
        final String unreachable = "http://127.0.0.1:9/models/gone.tm.jsonld";
        assertThat(put(THING, "{\"features\":{\"operation\":{\"definition\":[\"" + unreachable + "\"],"
                + "\"properties\":{\"Speed\":100}}}}").statusCode()).isEqualTo(201);
        final var refused = put(THING + "/features/operation/desiredProperties/Speed", "100");
        assertThat(refused.statusCode()).isEqualTo(421);
        assertThat(error(refused)).isEqualTo("wot:tm.notfound");
        assertThat(json(refused).getValue("message").orElseThrow().asString()).contains(unreachable);
        // a missing model on this very server: the same
        final String missing = modelUrl("missing.tm.jsonld");
        assertThat(put(THING + "/features/operation/definition", "[\"" + missing + "\"]").statusCode()).isEqualTo(421);
        // a new thing whose model cannot be fetched is not created
        final var creation = put("org.example:machine-2", "{\"definition\":\"" + unreachable + "\","
                + "\"features\":{\"operation\":{\"properties\":{\"Speed\":100}}}}");
        assertThat(creation.statusCode()).isEqualTo(421);
        assertThat(error(creation)).isEqualTo("wot:tm.notfound");
        assertThat(get("org.example:machine-2").statusCode()).isEqualTo(404);
        // a feature without a URL definition is not validated
        assertThat(put(THING + "/features/other", "{\"definition\":[\"org.example:other:1.0.0\"],"
                + "\"desiredProperties\":{\"anything\":1e9}}").statusCode()).isEqualTo(201);
    }

    @Test
    void theThingsModelDecidesItsFeaturesAndAttributes() throws Exception {
        createLinkedThing();
        // a feature the thing's model does not name: refused by default, as by Ditto
        final var extra = patch(THING + "/features", "{\"Reconciliation\":{\"properties\":{\"x\":1}}}");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(json(extra).getValue("description")).contains(JsonValue.of("Attempting to update the Thing with "
                + "feature(s) which were not defined in the model: [Reconciliation]"));
        // replacing the thing without a modeled feature
        final var missing = put(THING, "{\"definition\":\"" + modelUrl("machine-1.tm.jsonld") + "\",\"features\":{}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).getValue("description")).contains(JsonValue.of("Attempting to update the Thing "
                + "with missing in the model defined features: [operation]"));
        // attributes follow the thing's model: a modeled one of the right type passes, others do not
        assertThat(put(THING + "/attributes/location", "\"hall 2\"").statusCode()).isEqualTo(201);
        final var wrongType = put(THING + "/attributes/location", "2");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).getValue("description")).contains(JsonValue.of("The Thing's attribute </location> "
                + "contained validation errors, check the validation details."));
        assertThat(json(wrongType).getValue("validationDetails").orElseThrow().asObject()
                .contains(JsonFactory.newKey("/attributes/location"))).isTrue();
        final var notModeled = put(THING + "/attributes/serial", "\"S-1\"");
        assertThat(notModeled.statusCode()).isEqualTo(400);
        assertThat(json(notModeled).getValue("description")).contains(JsonValue.of("The Thing's attributes contained "
                + "JSON fields which were not defined in the model: [serial]"));

        // TwinLoop's setting for its connectors' report feature
        nonModeledFeaturesForbidden = false;
        restart();
        assertThat(patch(THING + "/features", "{\"Reconciliation\":{\"properties\":{\"x\":1}}}").statusCode())
                .isEqualTo(204);
        // the modeled features are still checked in the same merge
        assertThat(patch(THING + "/features", "{\"Reconciliation\":{\"properties\":{\"x\":2}},"
                + "\"operation\":{\"desiredProperties\":{\"Speed\":200}}}").statusCode()).isEqualTo(400);
    }

    @Test
    void deletionsAreCheckedAsDittoChecksThem() throws Exception {
        createLinkedThing();
        assertThat(put(THING + "/features/operation/desiredProperties/Speed", "90").statusCode()).isEqualTo(201);
        // a non-optional property, all properties, a feature the thing's model names, a URL definition: refused
        final var property = delete(THING + "/features/operation/properties/Speed");
        assertThat(property.statusCode()).isEqualTo(400);
        assertThat(json(property).getValue("description")).contains(JsonValue.of("Could not delete Feature "
                + "<operation> property </Speed> as it is defined as non-optional in the model"));
        assertThat(json(delete(THING + "/features/operation/properties")).getValue("description")).contains(
                JsonValue.of("Could not delete all Feature <operation> properties, as there are some defined as "
                        + "non-optional in the model"));
        assertThat(json(delete(THING + "/features/operation")).getValue("description")).contains(JsonValue.of(
                "Could not delete Feature <operation>, as it is defined as submodel in the Thing's model"));
        final var definition = delete(THING + "/features/operation/definition");
        assertThat(definition.statusCode()).isEqualTo(400);
        assertThat(json(definition).getValue("description")).contains(JsonValue.of(
                "Deleting the Feature <operation>'s <definition> is not allowed"));
        assertThat(get(THING + "/features/operation/properties/Speed").statusCode()).isEqualTo(200);
        // desired values are all optional
        assertThat(delete(THING + "/features/operation/desiredProperties/Speed").statusCode()).isEqualTo(204);
    }

    @Test
    void modelsAreServedWithoutAuthenticationAndOnlyFromTheFolder() throws Exception {
        final var model = http.send(HttpRequest.newBuilder(URI.create(modelUrl("OperationalData-1.tm.jsonld")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(model.statusCode()).isEqualTo(200);
        assertThat(model.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/tm+json"));
        assertThat(JsonFactory.readFrom(model.body()).asObject().getValue("title"))
                .contains(JsonValue.of("OperationalData"));
        for (final String name : new String[] {"missing.tm.jsonld", "..%2Fjournal.jsonl", "%2E%2E"}) {
            final var absent = http.send(HttpRequest.newBuilder(URI.create(modelUrl(name))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(absent.statusCode()).as(name).isEqualTo(404);
        }
    }
}
