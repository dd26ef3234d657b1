package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.modify.DeleteFeatureDesiredPropertiesResponse;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeaturePropertyResponse;
import org.junit.jupiter.api.Test;

/** Ditto Protocol commands over {@code /ws/2}: the same semantics as the HTTP API, answered with envelopes. */
class WebSocketCommandsTest extends WebSocketTestSupport {

    private static final String TOPIC = "org.example/machine-1/things/twin/commands/";
    private static String envelope(final String topic, final String path, final JsonValue value,
            final JsonObject headers) {
        var json = JsonObject.newBuilder().set("topic", topic).set("path", path).set("headers", headers);
        if (value != null) {
            json = json.set("value", value);
        }
        return json.build().toString();
    }

    private static JsonObject headers(final String correlationId, final String... more) {
        final var builder = JsonObject.newBuilder().set("correlation-id", correlationId);
        for (int i = 0; i < more.length; i += 2) {
            builder.set(more[i], more[i + 1]);
        }
        return builder.build();
    }

    private static String string(final JsonObject json, final String pointer) {
        return json.getValue(pointer).map(JsonValue::asString).orElse(null);
    }

    private static int status(final JsonObject json) {
        return json.getValue("status").map(JsonValue::asInt).orElse(-1);
    }

    @Test
    void createThingAnswers201WithCorrelationId() throws Exception {
        final WebSocketClient client = connect();
        client.send(envelope(TOPIC + "create", "/",
                JsonFactory.readFrom("{\"thingId\":\"" + THING + "\",\"attributes\":{\"location\":\"hall 1\"}}"),
                headers("c-create")));
        final JsonObject response = client.nextJson();
        assertThat(string(response, "topic")).isEqualTo(TOPIC + "create");
        assertThat(status(response)).isEqualTo(201);
        assertThat(string(response, "headers/correlation-id")).isEqualTo("c-create");
        assertThat(string(response, "value/attributes/location")).isEqualTo("hall 1");
        final var http = get(THING);
        assertThat(http.statusCode()).isEqualTo(200);
        assertThat(json(http).getValue("policyId")).contains(JsonValue.of(THING));

        // CreateThing of an existing thing is Ditto's conflict, not an overwrite
        client.send(envelope(TOPIC + "create", "/", JsonObject.empty(), headers("c-again")));
        final JsonObject conflict = client.nextJson();
        assertThat(string(conflict, "topic")).isEqualTo("org.example/machine-1/things/twin/errors");
        assertThat(status(conflict)).isEqualTo(409);
        assertThat(string(conflict, "value/error")).isEqualTo("things:thing.conflict");
        assertThat(string(conflict, "headers/correlation-id")).isEqualTo("c-again");
    }

    @Test
    void modifyPropertyIsVisibleOverHttpAndPublishedAsEvent() throws Exception {
        createThing();
        final WebSocketClient subscriber = connect();
        subscriber.send("START-SEND-EVENTS");
        assertThat(subscriber.next()).isEqualTo("START-SEND-EVENTS:ACK");
        final WebSocketClient client = connect();
        client.send(envelope(TOPIC + "modify", "/features/spindle/properties/speed", JsonValue.of(1300),
                headers("c-modify")));
        final JsonObject response = client.nextJson();
        assertThat(string(response, "topic")).isEqualTo(TOPIC + "modify");
        assertThat(string(response, "path")).isEqualTo("/features/spindle/properties/speed");
        assertThat(status(response)).isEqualTo(204);
        assertThat(string(response, "headers/correlation-id")).isEqualTo("c-modify");
        assertThat(string(response, "headers/etag")).isEqualTo(etag(get(THING + "/features/spindle/properties/speed")));
        // exactly the envelope Ditto's own protocol adapter renders for this response
        final var expected = ModifyFeaturePropertyResponse.modified(ThingId.of(THING), "spindle",
                JsonPointer.of("speed"), DittoHeaders.newBuilder().correlationId("c-modify")
                        .eTag(EntityTag.fromString(string(response, "headers/etag"))).build());
        assertThat(response).isEqualTo(ProtocolFactory.wrapAsJsonifiableAdaptable(
                DittoProtocolAdapter.newInstance().toAdaptable(expected)).toJson());

        assertThat(value(get(THING + "/features/spindle/properties/speed"))).isEqualTo(JsonValue.of(1300));
        final JsonObject event = subscriber.nextJson();
        assertThat(string(event, "topic")).isEqualTo("org.example/machine-1/things/twin/events/modified");
        assertThat(string(event, "path")).isEqualTo("/features/spindle/properties/speed");
        assertThat(event.getValue("value")).contains(JsonValue.of(1300));
        assertThat(string(event, "headers/correlation-id")).isEqualTo("c-modify");
        client.expectNothing(200); // the sender is not subscribed: only its response
    }

    @Test
    void aSubscribedSenderGetsItsResponseBeforeTheEventItCaused() throws Exception {
        createThing();
        final WebSocketClient client = connect();
        client.send("START-SEND-EVENTS");
        assertThat(client.next()).isEqualTo("START-SEND-EVENTS:ACK");
        for (int i = 0; i < 20; i++) {
            final String correlationId = "c-order-" + i;
            client.send(envelope(TOPIC + "modify", "/features/spindle/properties/speed", JsonValue.of(1000 + i),
                    headers(correlationId)));

            // clients match responses by correlation id, and the event carries the same one
            final JsonObject first = client.nextJson();
            assertThat(string(first, "topic")).isEqualTo(TOPIC + "modify");
            assertThat(string(first, "headers/correlation-id")).isEqualTo(correlationId);
            final JsonObject second = client.nextJson();
            assertThat(string(second, "topic")).isEqualTo("org.example/machine-1/things/twin/events/modified");
            assertThat(string(second, "headers/correlation-id")).isEqualTo(correlationId);
        }
    }

    @Test
    void retrieveMergeAndDelete() throws Exception {
        createThing();
        final WebSocketClient client = connect();
        client.send(envelope(TOPIC + "retrieve", "/features/spindle/properties/speed", null, headers("c-get")));
        final JsonObject retrieved = client.nextJson();
        assertThat(status(retrieved)).isEqualTo(200);
        assertThat(retrieved.getValue("value")).contains(JsonValue.of(1200));
        assertThat(string(retrieved, "headers/correlation-id")).isEqualTo("c-get");

        client.send(envelope(TOPIC + "retrieve", "/", null, headers("c-thing")));
        final JsonObject thing = client.nextJson();
        assertThat(status(thing)).isEqualTo(200);
        assertThat(string(thing, "value/thingId")).isEqualTo(THING);

        client.send(envelope(TOPIC + "merge", "/attributes",
                JsonFactory.readFrom("{\"location\":null,\"floor\":2}"), headers("c-merge", "content-type", "application/merge-patch+json")));
        final JsonObject merged = client.nextJson();
        assertThat(string(merged, "topic")).isEqualTo(TOPIC + "merge");
        assertThat(status(merged)).isEqualTo(204);
        assertThat(value(get(THING + "/attributes"))).isEqualTo(JsonFactory.readFrom("{\"floor\":2}"));

        client.send(envelope(TOPIC + "delete", "/features/spindle/desiredProperties", null, headers("c-del")));
        final JsonObject deleted = client.nextJson();
        assertThat(status(deleted)).isEqualTo(204);
        assertThat(deleted).isEqualTo(ProtocolFactory.wrapAsJsonifiableAdaptable(DittoProtocolAdapter.newInstance()
                .toAdaptable(DeleteFeatureDesiredPropertiesResponse.of(ThingId.of(THING), "spindle",
                        DittoHeaders.newBuilder().correlationId("c-del").build()))).toJson());
        assertThat(get(THING + "/features/spindle/desiredProperties").statusCode()).isEqualTo(404);
    }

    @Test
    void fieldsAndMergeCreatingTheThing() throws Exception {
        final WebSocketClient client = connect();
        // a root merge of a missing thing creates it, answered as Ditto does: a CreateThing response
        client.send(envelope(TOPIC + "merge", "/", JsonFactory.readFrom("{\"attributes\":{\"a\":1,\"b\":null}}"),
                headers("c-mc", "content-type", "application/merge-patch+json")));
        final JsonObject created = client.nextJson();
        assertThat(string(created, "topic")).isEqualTo(TOPIC + "create");
        assertThat(status(created)).isEqualTo(201);
        assertThat(created.getValue("value/attributes")).contains(JsonFactory.readFrom("{\"a\":1}"));

        client.send(JsonObject.newBuilder().set("topic", TOPIC + "retrieve").set("path", "/")
                .set("headers", headers("c-fields")).set("fields", "thingId,attributes/a").build().toString());
        final JsonObject retrieved = client.nextJson();
        assertThat(status(retrieved)).isEqualTo(200);
        assertThat(retrieved.getValue("value")).contains(JsonFactory.readFrom(
                "{\"thingId\":\"" + THING + "\",\"attributes\":{\"a\":1}}"));
    }

    @Test
    void missingThingIsANotFoundErrorEnvelope() throws Exception {
        final WebSocketClient client = connect();
        client.send(envelope(TOPIC + "modify", "/attributes/location", JsonValue.of("x"), headers("c-404")));
        final JsonObject error = client.nextJson();
        assertThat(string(error, "topic")).isEqualTo("org.example/machine-1/things/twin/errors");
        assertThat(status(error)).isEqualTo(404);
        assertThat(string(error, "value/error")).isEqualTo("things:thing.notfound");
        assertThat(string(error, "headers/correlation-id")).isEqualTo("c-404");

        client.send(envelope(TOPIC + "retrieve", "/", null, headers("c-404-get")));
        final JsonObject notFound = client.nextJson();
        assertThat(status(notFound)).isEqualTo(404);
        assertThat(string(notFound, "headers/correlation-id")).isEqualTo("c-404-get");
    }

    @Test
    void staleIfMatchIsPreconditionFailed() throws Exception {
        createThing();
        final WebSocketClient client = connect();
        client.send(envelope(TOPIC + "modify", "/attributes/location", JsonValue.of("hall 2"),
                headers("c-412")));
        assertThat(status(client.nextJson())).isEqualTo(204);
        client.send(envelope(TOPIC + "modify", "/", JsonFactory.readFrom("{\"attributes\":{}}"),
                headers("c-stale", "if-match", "\"rev:1\"")));
        final JsonObject error = client.nextJson();
        assertThat(status(error)).isEqualTo(412);
        assertThat(string(error, "value/error")).isEqualTo("things:precondition.failed");
        assertThat(string(error, "headers/correlation-id")).isEqualTo("c-stale");
        assertThat(json(get(THING)).getValue("attributes/location")).contains(JsonValue.of("hall 2"));
    }

    @Test
    void invalidEnvelopesAreAnsweredWithErrors() throws Exception {
        final WebSocketClient client = connect();
        client.send("{\"topic\":\"org.example/machine-1/things/twin/commands/modify\",\"headers\":"
                + "{\"correlation-id\":\"c-bad\"},\"path\":\"/nonsense\",\"value\":1}");
        final JsonObject error = client.nextJson();
        assertThat(status(error)).isBetween(400, 499);
        assertThat(string(error, "headers/correlation-id")).isEqualTo("c-bad");
        client.send("{not json");
        assertThat(status(client.nextJson())).isEqualTo(400);
        // Ditto's own rule, from its command classes
        client.send(envelope(TOPIC + "retrieve", "/", null, headers("c-noreply", "response-required", "false")));
        final JsonObject noReply = client.nextJson();
        assertThat(status(noReply)).isEqualTo(400);
        assertThat(string(noReply, "value/error")).isEqualTo("command.headers.invalid");
        // a write with response-required=false is executed and not answered
        client.send(envelope(TOPIC + "create", "/", JsonObject.empty(), headers("c-quiet", "response-required",
                "false")));
        client.expectNothing(300);
        assertThat(get(THING).statusCode()).isEqualTo(200);
        client.send(envelope("org.example/machine-1/things/live/commands/retrieve", "/", null, headers("c-live")));
        final JsonObject live = client.nextJson();
        assertThat(status(live)).isEqualTo(501);
        assertThat(string(live, "headers/correlation-id")).isEqualTo("c-live");
    }
}
