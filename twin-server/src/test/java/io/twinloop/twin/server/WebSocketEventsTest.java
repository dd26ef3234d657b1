package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

class WebSocketEventsTest extends WebSocketTestSupport {

    private WebSocketClient subscribed(final String parameters) throws Exception {
        final WebSocketClient client = connect();
        client.send("START-SEND-EVENTS" + parameters);
        assertThat(client.next()).isEqualTo("START-SEND-EVENTS:ACK");
        return client;
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String string(final JsonObject json, final String key) {
        return json.getValue(key).map(JsonValue::asString).orElse(null);
    }

    @Test
    void connectingNeedsCredentials() throws Exception {
        assertThatThrownBy(() -> WebSocketClient.connect(http, server.httpUri(), null, true).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> WebSocketClient.connect(http, server.httpUri(), basic(USER, "wrong"), true).join())
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        final WebSocketClient client = connect();
        client.send("START-SEND-EVENTS");
        assertThat(client.next()).isEqualTo("START-SEND-EVENTS:ACK");
    }

    @Test
    void propertyModifiedOverHttpArrivesAsEvent() throws Exception {
        createThing();
        final WebSocketClient client = subscribed("");
        assertThat(put(THING + "/features/spindle/properties/speed", "1300", "correlation-id", "c-42").statusCode())
                .isEqualTo(204);
        final JsonObject event = client.nextJson();
        assertThat(string(event, "topic")).isEqualTo("org.example/machine-1/things/twin/events/modified");
        assertThat(string(event, "path")).isEqualTo("/features/spindle/properties/speed");
        assertThat(event.getValue("value")).contains(JsonValue.of(1300));
        assertThat(event.getValue("revision")).contains(JsonValue.of(2));
        assertThat(string(event, "timestamp")).isNotBlank();
        assertThat(event.getValue("headers/correlation-id")).contains(JsonValue.of("c-42"));
    }

    @Test
    void everyKindOfChangeIsPublished() throws Exception {
        final WebSocketClient client = subscribed("");
        createThing();
        final JsonObject created = client.nextJson();
        assertThat(string(created, "topic")).isEqualTo("org.example/machine-1/things/twin/events/created");
        assertThat(string(created, "path")).isEqualTo("/");
        assertThat(created.getValue("value/attributes/location")).contains(JsonValue.of("hall 1"));
        assertThat(created.getValue("revision")).contains(JsonValue.of(1));

        put(THING + "/attributes/floor", "3");
        final JsonObject attribute = client.nextJson();
        assertThat(string(attribute, "topic")).endsWith("/things/twin/events/created");
        assertThat(string(attribute, "path")).isEqualTo("/attributes/floor");

        patch(THING, "{\"features\":{\"spindle\":{\"desiredProperties\":{\"speed\":1600}}}}");
        final JsonObject merged = client.nextJson();
        assertThat(string(merged, "topic")).endsWith("/things/twin/events/merged");
        assertThat(string(merged, "path")).isEqualTo("/");
        assertThat(merged.getValue("value/features/spindle/desiredProperties/speed")).contains(JsonValue.of(1600));
        assertThat(merged.getValue("revision")).contains(JsonValue.of(3));

        delete(THING + "/attributes/floor");
        final JsonObject attributeDeleted = client.nextJson();
        assertThat(string(attributeDeleted, "topic")).endsWith("/things/twin/events/deleted");
        assertThat(string(attributeDeleted, "path")).isEqualTo("/attributes/floor");

        put(THING, "{\"attributes\":{\"location\":\"hall 2\"}}");
        final JsonObject modified = client.nextJson();
        assertThat(string(modified, "topic")).endsWith("/things/twin/events/modified");
        assertThat(modified.getValue("value/attributes/location")).contains(JsonValue.of("hall 2"));
        assertThat(modified.getValue("value/thingId")).contains(JsonValue.of(THING));

        delete(THING);
        final JsonObject deleted = client.nextJson();
        assertThat(string(deleted, "topic")).isEqualTo("org.example/machine-1/things/twin/events/deleted");
        assertThat(string(deleted, "path")).isEqualTo("/");
        assertThat(deleted.getValue("revision")).contains(JsonValue.of(6));
    }

    @Test
    void namespacesFilterEvents() throws Exception {
        final WebSocketClient client = subscribed("?namespaces=org.other,org.example");
        final WebSocketClient other = subscribed("?namespaces=org.other");
        createThing();
        assertThat(string(client.nextJson(), "topic")).startsWith("org.example/machine-1/");
        put("org.third:x", "{}");
        other.expectNothing(300);
        client.expectNothing(0);
    }

    @Test
    void rqlFilterIsAppliedToTheChangedData() throws Exception {
        createThing();
        final WebSocketClient fast = subscribed("?filter=" + encode("gt(features/spindle/properties/speed,2000)"));
        put(THING + "/features/spindle/properties/speed", "1500");
        put(THING + "/features/spindle/properties/speed", "2500");
        final JsonObject event = fast.nextJson();
        assertThat(event.getValue("value")).contains(JsonValue.of(2500));
        fast.expectNothing(300);
    }

    @Test
    void rqlFilterSeesUnchangedDataOnlyAsExtraFields() throws Exception {
        createThing();
        final WebSocketClient kitchen = subscribed("?extraFields=attributes/location&filter="
                + encode("eq(attributes/location,\"hall 1\")"));
        final WebSocketClient topicFilter = subscribed("?filter=" + encode("eq(topic:action,\"deleted\")"));
        put(THING + "/features/spindle/properties/speed", "1700");
        final JsonObject event = kitchen.nextJson();
        assertThat(event.getValue("extra/attributes/location")).contains(JsonValue.of("hall 1"));
        put(THING + "/attributes/location", "\"hall 9\"");
        put(THING + "/features/spindle/properties/speed", "1800");
        kitchen.expectNothing(300);
        topicFilter.expectNothing(0);
        delete(THING + "/features/spindle/properties/speed");
        assertThat(string(topicFilter.nextJson(), "path")).isEqualTo("/features/spindle/properties/speed");
    }

    @Test
    void invalidFilterIsAnsweredWithAnError() throws Exception {
        final WebSocketClient client = connect();
        client.send("START-SEND-EVENTS?filter=" + encode("eq(attributes/location"));
        final JsonObject error = client.nextJson();
        assertThat(error.getValue("status")).contains(JsonValue.of(400));
        assertThat(error.getValue("value/error")).contains(JsonValue.of("rql.expression.invalid"));
        createThing();
        client.expectNothing(300);
    }

    @Test
    void stopSendEventsStopsThem() throws Exception {
        final WebSocketClient client = subscribed("");
        createThing();
        assertThat(string(client.nextJson(), "topic")).endsWith("/created");
        client.send("STOP-SEND-EVENTS");
        assertThat(client.next()).isEqualTo("STOP-SEND-EVENTS:ACK");
        put(THING + "/attributes/floor", "3");
        client.expectNothing(300);
    }

    @Test
    void closingTheServerClosesSessions() throws Exception {
        final WebSocketClient client = subscribed("");
        server.close();
        final WebSocketClient.Close close = client.closed.get(10, TimeUnit.SECONDS);
        assertThat(close.status()).isEqualTo(1000);
    }
}
