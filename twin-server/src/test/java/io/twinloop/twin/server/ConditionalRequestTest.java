package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalRequestTest extends ServerTestSupport {

    @Test
    void ifMatchWithCurrentRevisionSucceedsAndStaleRevisionFails() throws Exception {
        createThing();
        // the attribute does not exist yet: If-Match on it cannot be met
        assertThat(put(THING + "/attributes/a", "1", "If-Match", "\"rev:1\"").statusCode()).isEqualTo(412);
        assertThat(put(THING + "/attributes/a", "1").statusCode()).isEqualTo(201);

        final var stale = put(THING + "/attributes/a", "2", "If-Match", "\"rev:1\"");
        // the attribute's own tag is a hash, so a thing revision never matches a sub-resource (as in Ditto)
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(error(stale)).isEqualTo("things:precondition.failed");

        final var staleThing = put(THING, "{}", "If-Match", "\"rev:1\"");
        assertThat(staleThing.statusCode()).isEqualTo(412);
        assertThat(etag(staleThing)).isEqualTo("\"rev:2\"");
        assertThat(json(staleThing).getValue("message").orElseThrow().asString()).contains("if-match");

        assertThat(put(THING, "{}", "If-Match", "\"rev:2\"").statusCode()).isEqualTo(204);
        assertThat(patch(THING, "{\"attributes\":{\"x\":1}}", "If-Match", "\"rev:2\"").statusCode()).isEqualTo(412);
        assertThat(delete(THING, "If-Match", "\"rev:3\"").statusCode()).isEqualTo(204);
    }

    @Test
    void subResourceETagIsUsableForIfMatch() throws Exception {
        createThing();
        final String tag = etag(get(THING + "/features/spindle/properties/speed"));
        assertThat(tag).startsWith("\"hash:");
        assertThat(put(THING + "/features/spindle/properties/speed", "1", "If-Match", tag).statusCode())
                .isEqualTo(204);
        assertThat(put(THING + "/features/spindle/properties/speed", "2", "If-Match", tag).statusCode())
                .isEqualTo(412);
    }

    @Test
    void ifMatchStarRequiresExistenceAndIfNoneMatchStarRequiresAbsence() throws Exception {
        final var notThere = put(THING, "{}", "If-Match", "*");
        assertThat(notThere.statusCode()).isEqualTo(412);
        assertThat(get(THING).statusCode()).isEqualTo(404);

        assertThat(put(THING, "{}", "If-None-Match", "*").statusCode()).isEqualTo(201);
        final var exists = put(THING, "{}", "If-None-Match", "*");
        assertThat(exists.statusCode()).isEqualTo(412);
        assertThat(error(exists)).isEqualTo("things:precondition.failed");
        assertThat(put(THING, "{}", "If-Match", "*").statusCode()).isEqualTo(204);

        assertThat(put(THING + "/attributes/new", "1", "If-None-Match", "*").statusCode()).isEqualTo(201);
        assertThat(put(THING + "/attributes/new", "1", "If-None-Match", "*").statusCode()).isEqualTo(412);
        assertThat(put(THING + "/attributes/other", "1", "If-Match", "*").statusCode()).isEqualTo(412);
    }

    @Test
    void getWithMatchingIfNoneMatchIsNotModified() throws Exception {
        createThing();
        final var notModified = get(THING, "If-None-Match", "\"rev:1\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(etag(notModified)).isEqualTo("\"rev:1\"");
        assertThat(get(THING, "If-None-Match", "\"rev:0\"").statusCode()).isEqualTo(200);
        assertThat(get(THING, "If-Match", "\"rev:7\"").statusCode()).isEqualTo(412);
        // a read of something missing answers 404, whatever the preconditions
        assertThat(get("org.example:absent", "If-Match", "*").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidIfMatchIsABadRequest() throws Exception {
        createThing();
        final var bad = put(THING, "{}", "If-Match", "rev:1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad)).isEqualTo("header.invalid");
    }

    @Test
    void conditionParameterIsNotImplementedYet() throws Exception {
        createThing();
        final var response = put(THING + "/attributes/a?condition=eq(attributes/location,%22hall%201%22)", "1");
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(json(response).getValue("message").orElseThrow().asString()).contains("condition");
        assertThat(get(THING + "/attributes/a").statusCode()).isEqualTo(404);
    }
}
