package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
    void rqlConditionGuardsWritesAndReads() throws Exception {
        createThing();
        final String met = "?condition=" + rql("eq(attributes/location,\"hall 1\")");
        final String unmet = "?condition=" + rql("eq(attributes/location,\"hall 2\")");

        assertThat(put(THING + "/attributes/a" + met, "1").statusCode()).isEqualTo(201);
        final var failed = put(THING + "/attributes/a" + unmet, "2");
        assertThat(failed.statusCode()).isEqualTo(412);
        assertThat(error(failed)).isEqualTo("things:condition.failed");
        assertThat(get(THING + "/attributes/a").body()).isEqualTo("1");

        // also as a header, and for every method
        assertThat(put(THING + "/attributes/a", "3", "condition", "gt(features/spindle/properties/speed,1000)")
                .statusCode()).isEqualTo(204);
        assertThat(put(THING + "/attributes/a", "4", "condition", "lt(features/spindle/properties/speed,1000)")
                .statusCode()).isEqualTo(412);
        assertThat(patch(THING + unmet, "{\"attributes\":{\"a\":5}}").statusCode()).isEqualTo(412);
        assertThat(delete(THING + "/attributes/a" + unmet).statusCode()).isEqualTo(412);
        assertThat(delete(THING + unmet).statusCode()).isEqualTo(412);
        assertThat(get(THING + "/attributes/a" + unmet).statusCode()).isEqualTo(412);
        assertThat(get(THING + "/attributes/a" + met).body()).isEqualTo("3");
        assertThat(etag(get(THING))).isEqualTo("\"rev:3\"");

        assertThat(get(THING + "?condition=" + rql("and(exists(features/spindle),not(exists(attributes/nope)))"))
                .statusCode()).isEqualTo(200);
        // evaluated before the resource's existence and If-Match, as in Ditto's things service
        assertThat(error(get(THING + "/attributes/nope" + unmet))).isEqualTo("things:condition.failed");
        assertThat(error(put(THING + unmet, "{}", "If-Match", "\"rev:1\""))).isEqualTo("things:condition.failed");
    }

    @Test
    void invalidConditionIsABadRequest() throws Exception {
        createThing();
        final var invalid = put(THING + "/attributes/a?condition=" + rql("eq(attributes/location"), "1");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(error(invalid)).isEqualTo("things:condition.invalid");
        assertThat(error(get(THING + "?condition=" + rql("foo(attributes/x,1)")))).isEqualTo("things:condition.invalid");
        assertThat(get(THING + "/attributes/a").statusCode()).isEqualTo(404);
    }

    @Test
    void conditionDoesNotApplyToAMissingThing() throws Exception {
        // Ditto skips the condition for a create and answers 404 for anything else (without parsing it)
        final String unmet = "?condition=" + rql("eq(attributes/location,\"nowhere\")");
        assertThat(get(THING + unmet).statusCode()).isEqualTo(404);
        assertThat(put(THING + "/attributes/a" + unmet, "1").statusCode()).isEqualTo(404);
        assertThat(put(THING + unmet, "{}").statusCode()).isEqualTo(201);
        assertThat(delete(THING).statusCode()).isEqualTo(204);
        assertThat(patch(THING + unmet, "{\"policyId\":\"" + THING + "\",\"attributes\":{\"a\":1}}").statusCode())
                .isEqualTo(201);
        assertThat(patch(THING + unmet, "{\"attributes\":{\"a\":2}}").statusCode()).isEqualTo(412);
    }

    private static String rql(final String condition) {
        return URLEncoder.encode(condition, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
