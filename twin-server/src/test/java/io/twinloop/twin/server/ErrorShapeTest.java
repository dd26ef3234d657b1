package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Test;

class ErrorShapeTest extends ServerTestSupport {

    @Test
    void notFoundHasDittoShape() throws Exception {
        final var response = get("org.example:absent");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        final JsonObject body = json(response);
        assertThat(body.getValue("status").orElseThrow().asInt()).isEqualTo(404);
        assertThat(body.getValue("error").orElseThrow().asString()).isEqualTo("things:thing.notfound");
        assertThat(body.getValue("message").orElseThrow().asString()).contains("org.example:absent");
        assertThat(body.getValue("description")).isPresent();
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        final var response = put(THING, "{\"attributes\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("json.invalid");
        assertThat(get(THING).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidThingIdIsABadRequest() throws Exception {
        final var response = put("no-namespace", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("things:id.invalid");
        assertThat(json(response).getValue("message").orElseThrow().asString()).contains("no-namespace");
    }

    @Test
    void thingIdInBodyMustMatchTheUrl() throws Exception {
        final var response = put(THING, "{\"thingId\":\"org.example:other\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("things:id.notsettable");
    }

    @Test
    void invalidKeysAreRefused() throws Exception {
        createThing();
        final var inPath = put(THING + "/attributes/bad%01key", "1");
        assertThat(inPath.statusCode()).isEqualTo(400);
        assertThat(error(inPath)).isEqualTo("json.key.invalid");

        final var inBody = put(THING + "/attributes", "{\"bad\\u0007key\":1}");
        assertThat(inBody.statusCode()).isEqualTo(400);
        assertThat(error(inBody)).isEqualTo("json.key.invalid");

        final var wrongType = put(THING + "/attributes", "[1,2]");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(error(wrongType)).isEqualTo("json.invalid");
    }

    @Test
    void unknownPathsAndTooLargeThings() throws Exception {
        createThing();
        assertThat(get(THING + "/nonsense").statusCode()).isEqualTo(404);
        final var tooLarge = put(THING + "/attributes/blob", "\"" + "x".repeat(110_000) + "\"");
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(error(tooLarge)).isEqualTo("things:thing.toolarge");
    }
}
