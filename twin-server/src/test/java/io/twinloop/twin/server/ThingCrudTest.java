package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

class ThingCrudTest extends ServerTestSupport {

    @Test
    void createRetrieveModifyDeleteThing() throws Exception {
        final var created = put(THING, "{\"attributes\":{\"location\":\"hall 1\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"rev:1\"");
        assertThat(created.headers().firstValue("Location")).hasValue(server.httpUri() + "/api/2/things/" + THING);
        assertThat(json(created).getValue("thingId")).contains(JsonValue.of(THING));
        assertThat(json(created).getValue("policyId")).contains(JsonValue.of(THING));

        final var retrieved = get(THING);
        assertThat(retrieved.statusCode()).isEqualTo(200);
        assertThat(etag(retrieved)).isEqualTo("\"rev:1\"");
        assertThat(json(retrieved).getValue("attributes/location")).contains(JsonValue.of("hall 1"));

        final var modified = put(THING, "{\"thingId\":\"" + THING + "\",\"attributes\":{\"location\":\"hall 2\"}}");
        assertThat(modified.statusCode()).isEqualTo(204);
        assertThat(modified.body()).isEmpty();
        assertThat(etag(modified)).isEqualTo("\"rev:2\"");

        final var withMeta = get(THING + "?fields=thingId,_revision,attributes/location");
        assertThat(json(withMeta)).isEqualTo(JsonObject.of(
                "{\"thingId\":\"" + THING + "\",\"_revision\":2,\"attributes\":{\"location\":\"hall 2\"}}"));

        assertThat(delete(THING).statusCode()).isEqualTo(204);
        final var gone = get(THING);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(error(gone)).isEqualTo("things:thing.notfound");

        // the thing's default policy outlives it: as in Ditto, a re-create without policyId would make a new
        // default policy and is refused; naming the kept policy works, and revisions keep counting
        final var again = put(THING, "{}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again)).isEqualTo("things:thing.notcreatable");
        assertThat(etag(put(THING, "{\"policyId\":\"" + THING + "\"}"))).isEqualTo("\"rev:4\"");
    }

    @Test
    void attributesCreatedModifiedDeleted() throws Exception {
        createThing();
        final var created = put(THING + "/attributes/serial/number", "\"SN-1\"");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(value(created)).isEqualTo(JsonValue.of("SN-1"));
        assertThat(etag(created)).startsWith("\"hash:");
        assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/attributes/serial/number");

        final var modified = put(THING + "/attributes/serial/number", "\"SN-2\"");
        assertThat(modified.statusCode()).isEqualTo(204);

        final var attributes = get(THING + "/attributes");
        assertThat(json(attributes)).isEqualTo(JsonObject.of(
                "{\"location\":\"hall 1\",\"serial\":{\"number\":\"SN-2\"}}"));
        assertThat(json(get(THING + "/attributes?fields=serial"))).isEqualTo(
                JsonObject.of("{\"serial\":{\"number\":\"SN-2\"}}"));

        assertThat(delete(THING + "/attributes/serial/number").statusCode()).isEqualTo(204);
        final var missing = get(THING + "/attributes/serial/number");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing)).isEqualTo("things:attribute.notfound");

        assertThat(put(THING + "/attributes", "{\"a\":1}").statusCode()).isEqualTo(204);
        assertThat(etag(get(THING))).isEqualTo("\"rev:5\"");
    }

    @Test
    void featuresPropertiesAndDesiredProperties() throws Exception {
        createThing();
        final var feature = put(THING + "/features/energy", "{\"properties\":{\"kwh\":3.5}}");
        assertThat(feature.statusCode()).isEqualTo(201);
        assertThat(json(feature)).isEqualTo(JsonObject.of("{\"properties\":{\"kwh\":3.5}}"));

        assertThat(get(THING + "/features/spindle/properties/speed").body()).isEqualTo("1200");
        assertThat(put(THING + "/features/spindle/properties/speed", "1300").statusCode()).isEqualTo(204);
        assertThat(put(THING + "/features/spindle/properties/temp", "40").statusCode()).isEqualTo(201);
        assertThat(json(get(THING + "/features/spindle/properties")))
                .isEqualTo(JsonObject.of("{\"speed\":1300,\"temp\":40}"));

        assertThat(put(THING + "/features/spindle/desiredProperties/speed", "1600").statusCode()).isEqualTo(204);
        assertThat(get(THING + "/features/spindle/desiredProperties/speed").body()).isEqualTo("1600");
        assertThat(put(THING + "/features/energy/desiredProperties", "{\"kwh\":3}").statusCode()).isEqualTo(201);

        assertThat(put(THING + "/features/spindle/definition", "[\"org.example:spindle:1.0.0\"]").statusCode())
                .isEqualTo(201);
        assertThat(get(THING + "/features/spindle/definition").body()).isEqualTo("[\"org.example:spindle:1.0.0\"]");
        assertThat(put(THING + "/definition", "\"org.example:machine:1.0.0\"").statusCode()).isEqualTo(201);
        assertThat(etag(get(THING + "/definition"))).isEqualTo(etag(get(THING)));

        assertThat(json(get(THING + "/features?fields=energy/properties")))
                .isEqualTo(JsonObject.of("{\"energy\":{\"properties\":{\"kwh\":3.5}}}"));

        final var noFeature = put(THING + "/features/nope/properties/x", "1");
        assertThat(noFeature.statusCode()).isEqualTo(404);
        assertThat(error(noFeature)).isEqualTo("things:feature.notfound");

        assertThat(delete(THING + "/features/energy").statusCode()).isEqualTo(204);
        assertThat(error(get(THING + "/features/energy/properties"))).isEqualTo("things:feature.notfound");
        assertThat(error(get(THING + "/features/spindle/properties/nope")))
                .isEqualTo("things:feature.property.notfound");
    }

    @Test
    void mergePatchCreatesNestedObjectsAndNullDeletes() throws Exception {
        createThing();
        final var merged = patch(THING, "{\"attributes\":{\"location\":null,\"site\":{\"plant\":{\"line\":4}}},"
                + "\"features\":{\"spindle\":{\"properties\":{\"speed\":900}}}}");
        assertThat(merged.statusCode()).isEqualTo(204);
        assertThat(etag(merged)).isEqualTo("\"rev:2\"");
        final JsonObject thing = json(get(THING));
        assertThat(thing.getValue("attributes")).contains(JsonObject.of("{\"site\":{\"plant\":{\"line\":4}}}"));
        assertThat(thing.getValue("features/spindle/properties/speed")).contains(JsonValue.of(900));
        assertThat(thing.getValue("features/spindle/desiredProperties/speed")).contains(JsonValue.of(1500));

        // merge on a sub-resource creates what is missing, including the feature
        assertThat(patch(THING + "/features/new/properties", "{\"a\":{\"b\":1}}").statusCode()).isEqualTo(204);
        assertThat(get(THING + "/features/new/properties/a/b").body()).isEqualTo("1");
        assertThat(patch(THING + "/features/new/properties/a", "{\"b\":null}").statusCode()).isEqualTo(204);
        assertThat(get(THING + "/features/new/properties/a").body()).isEqualTo("{}");

        final var wrongType = send(request(THING).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrongType.statusCode()).isEqualTo(415);

        // below the root, a merge needs the thing (only a root merge creates it, see below)
        final var missingThing = patch("org.example:absent/attributes", "{\"a\":1}");
        assertThat(missingThing.statusCode()).isEqualTo(404);
        assertThat(error(missingThing)).isEqualTo("things:thing.notfound");
        assertThat(get("org.example:absent").statusCode()).isEqualTo(404);
    }

    @Test
    void mergeOnTheRootOfAMissingThingCreatesItWithoutTheNulls() throws Exception {
        final var created = patch(THING, "{\"attributes\":{\"a\":1,\"gone\":null,"
                + "\"list\":[1,null,{\"x\":null,\"y\":2}]},\"features\":{\"f\":{\"properties\":{\"p\":null}}},"
                + "\"definition\":null}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"rev:1\"");
        assertThat(created.headers().firstValue("Location")).hasValue(server.httpUri() + "/api/2/things/" + THING);
        final JsonObject expected = JsonObject.of("{\"thingId\":\"" + THING + "\",\"policyId\":\"" + THING + "\","
                + "\"attributes\":{\"a\":1,\"list\":[1,{\"y\":2}]},\"features\":{\"f\":{\"properties\":{}}}}");
        assertThat(json(created)).isEqualTo(expected);
        assertThat(json(get(THING))).isEqualTo(expected);

        // once it exists, a root merge is a merge again
        assertThat(patch(THING, "{\"attributes\":{\"a\":null}}").statusCode()).isEqualTo(204);
        assertThat(json(get(THING + "/attributes"))).isEqualTo(JsonObject.of("{\"list\":[1,{\"y\":2}]}"));
    }

    @Test
    void mergeCreatingAThingFollowsTheCreateRules() throws Exception {
        assertThat(patch(THING, "{}", "If-Match", "*").statusCode()).isEqualTo(412);
        final var otherId = patch(THING, "{\"thingId\":\"org.example:other\"}");
        assertThat(otherId.statusCode()).isEqualTo(400);
        assertThat(error(otherId)).isEqualTo("things:id.notsettable");
        assertThat(patch(THING, "[1]").statusCode()).isEqualTo(400);
        assertThat(get(THING).statusCode()).isEqualTo(404);

        assertThat(put("/policies/org.example:policy", OWNER_POLICY).statusCode()).isEqualTo(201);
        final var withPolicy = patch(THING, "{\"policyId\":\"org.example:policy\"}", "If-None-Match", "*");
        assertThat(withPolicy.statusCode()).isEqualTo(201);
        assertThat(json(withPolicy).getValue("policyId")).contains(JsonValue.of("org.example:policy"));
        assertThat(patch(THING, "{}", "If-None-Match", "*").statusCode()).isEqualTo(412);

        // revisions keep counting across delete and a re-create by merge
        assertThat(delete(THING).statusCode()).isEqualTo(204);
        assertThat(etag(patch(THING, "{\"policyId\":\"org.example:policy\"}"))).isEqualTo("\"rev:3\"");
    }

    @Test
    void responseRequiredFalseAnswers202AndTwinPersistedAckIsANormalResponse() throws Exception {
        createThing();
        final var accepted = put(THING + "/attributes/a", "1", "response-required", "false");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(get(THING + "/attributes/a").body()).isEqualTo("1");

        final var acked = put(THING + "/attributes/a", "2", "requested-acks", "twin-persisted", "timeout", "5s");
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(204);
        final var viaQuery = put(THING + "/attributes/b?requested-acks=twin-persisted&timeout=5s", "3");
        assertThat(viaQuery.statusCode()).isEqualTo(201);

        // nobody acknowledges a custom label here: Ditto's timeout of that ack, and the write still happens
        final var custom = put(THING + "/attributes/a", "4", "requested-acks", "my-connection:custom",
                "timeout", "1s");
        assertThat(custom.statusCode()).isEqualTo(408);
        assertThat(custom.body()).contains("\"acknowledgement:request.timeout\"");
        assertThat(get(THING + "/attributes/a").body()).isEqualTo("4");
    }
}
