package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Least privilege as TwinLoop needs it, enforced like Ditto: an owner may do everything, an agent may read the
 * thing but write only desired properties, a reader sees only the part it is granted, a stranger nothing; over
 * HTTP, over Ditto Protocol commands, in events and in search.
 */
class PolicyEnforcementTest extends WebSocketTestSupport {

    private static final String POLICY = "org.example:machine-1-policy";
    private static final String SERIAL_FILTER = URLEncoder.encode("eq(attributes/serial,\"S-1\")",
            StandardCharsets.UTF_8);

    @Override
    TwinServerConfig config() {
        return super.config().withUser("bob", "agent").withUser("carol", "reader").withUser("dave", "stranger");
    }

    /** OWNER alice: all; AGENT bob: read all, write desired properties of 'press'; READER carol: those only. */
    private void createGuardedThing() throws Throwable {
        final String policy = "{\"entries\":{"
                + "\"OWNER\":{\"subjects\":{\"nginx:alice\":{\"type\":\"user\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]},"
                + "\"policy:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}}},"
                + "\"AGENT\":{\"subjects\":{\"nginx:bob\":{\"type\":\"optimizer\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\"],\"revoke\":[]},"
                + "\"thing:/features/press/desiredProperties\":{\"grant\":[\"WRITE\"],\"revoke\":[]}}},"
                + "\"READER\":{\"subjects\":{\"nginx:carol\":{\"type\":\"dashboard\"}},\"resources\":{"
                + "\"thing:/features/press/desiredProperties\":{\"grant\":[\"READ\"],\"revoke\":[]}}}}}";
        assertThat(put("/policies/" + POLICY, policy).statusCode()).isEqualTo(201);
        assertThat(put(THING, "{\"policyId\":\"" + POLICY + "\",\"attributes\":{\"serial\":\"S-1\"},"
                + "\"features\":{\"press\":{\"properties\":{\"force\":80},\"desiredProperties\":{\"force\":80}}}}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void agentWritesDesiredPropertiesOnly() throws Throwable {
        createGuardedThing();
        assertThat(as("bob", "agent", () -> put(THING + "/features/press/desiredProperties/force", "90")).statusCode())
                .isEqualTo(204);
        assertThat(json(get(THING + "/features/press/desiredProperties")).getValue("force"))
                .contains(JsonValue.of(90));

        final var property = as("bob", "agent", () -> put(THING + "/features/press/properties/force", "90"));
        assertThat(property.statusCode()).isEqualTo(403);
        assertThat(error(property)).isEqualTo("things:feature.property.notmodifiable");
        final var attributes = as("bob", "agent", () -> put(THING + "/attributes", "{}"));
        assertThat(error(attributes)).isEqualTo("things:attributes.notmodifiable");
        final var deletion = as("bob", "agent", () -> delete(THING));
        assertThat(deletion.statusCode()).isEqualTo(403);
        assertThat(error(deletion)).isEqualTo("things:thing.notdeletable");
        assertThat(json(get(THING + "/features/press/properties")).getValue("force")).contains(JsonValue.of(80));
    }

    @Test
    void mergeIsCheckedLeafByLeaf() throws Throwable {
        createGuardedThing();
        final String desired = "{\"features\":{\"press\":{\"desiredProperties\":{\"force\":95,\"mode\":null}}}}";
        assertThat(as("bob", "agent", () -> patch(THING, desired)).statusCode()).isEqualTo(204);
        final String mixed = "{\"features\":{\"press\":{\"desiredProperties\":{\"force\":99},"
                + "\"properties\":{\"force\":99}}}}";
        final var refused = as("bob", "agent", () -> patch(THING, mixed));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused)).isEqualTo("things:thing.notmodifiable");
        // nothing of a refused merge is applied
        assertThat(json(get(THING + "/features/press")).toString()).contains("\"desiredProperties\":{\"force\":95}")
                .contains("\"properties\":{\"force\":80}");
    }

    @Test
    void readersSeeOnlyTheirPartAndStrangersNothing() throws Throwable {
        createGuardedThing();
        final JsonObject view = json(as("carol", "reader", () -> get(THING)));
        assertThat(view).isEqualTo(JsonObject.of("{\"thingId\":\"" + THING + "\","
                + "\"features\":{\"press\":{\"desiredProperties\":{\"force\":80}}}}"));
        final var attributes = as("carol", "reader", () -> get(THING + "/attributes"));
        assertThat(attributes.statusCode()).isEqualTo(404);
        assertThat(error(attributes)).isEqualTo("things:attributes.notfound");
        final var leaf = as("carol", "reader", () -> get(THING + "/features/press/properties/force"));
        assertThat(error(leaf)).isEqualTo("things:feature.property.notfound");

        final var stranger = as("dave", "stranger", () -> get(THING));
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(error(stranger)).isEqualTo("things:thing.notfound");
        final var strangerWrite = as("dave", "stranger", () -> put(THING + "/features/press/desiredProperties/force", "1"));
        assertThat(strangerWrite.statusCode()).isEqualTo(403);
        assertThat(error(strangerWrite)).isEqualTo("things:feature.desiredProperty.notmodifiable");
    }

    @Test
    void aConditionMayNameOnlyFieldsTheSubjectMayRead() throws Throwable {
        createGuardedThing();
        final String desired = THING + "/features/press/desiredProperties?condition=";
        final var onSerial = as("carol", "reader", () -> get(desired
                + URLEncoder.encode("eq(attributes/serial,\"S-1\")", StandardCharsets.UTF_8)));
        assertThat(onSerial.statusCode()).isEqualTo(412);
        assertThat(error(onSerial)).isEqualTo("things:condition.failed");
        assertThat(json(onSerial).getValue("message").map(JsonValue::asString).orElse("")).contains("permission");
        final var onReadable = as("carol", "reader", () -> get(desired
                + URLEncoder.encode("eq(features/press/desiredProperties/force,80)", StandardCharsets.UTF_8)));
        assertThat(onReadable.statusCode()).isEqualTo(200);
    }

    @Test
    void searchShowsOnlyWhatTheSubjectMayRead() throws Throwable {
        createGuardedThing();
        assertThat(as("dave", "stranger", () -> get("/search/things/count")).body()).isEqualTo("0");
        assertThat(as("carol", "reader", () -> get("/search/things/count?filter=" + SERIAL_FILTER)).body())
                .isEqualTo("0");
        assertThat(as("bob", "agent", () -> get("/search/things/count?filter=" + SERIAL_FILTER)).body())
                .isEqualTo("1");
        final JsonObject items = json(as("carol", "reader", () -> get("/search/things")));
        assertThat(items.getValue("items")).contains(JsonFactory.readFrom("[{\"thingId\":\"" + THING + "\","
                + "\"features\":{\"press\":{\"desiredProperties\":{\"force\":80}}}}]"));
    }

    @Test
    void eventsReachOnlySubjectsThatMayReadTheChange() throws Throwable {
        createGuardedThing();
        final WebSocketClient reader = connect("carol", "reader");
        reader.send("START-SEND-EVENTS");
        assertThat(reader.next()).isEqualTo("START-SEND-EVENTS:ACK");
        final WebSocketClient stranger = connect("dave", "stranger");
        stranger.send("START-SEND-EVENTS");
        assertThat(stranger.next()).isEqualTo("START-SEND-EVENTS:ACK");

        assertThat(put(THING + "/features/press/properties/force", "81").statusCode()).isEqualTo(204);
        assertThat(put(THING + "/features/press/desiredProperties/force", "82").statusCode()).isEqualTo(204);

        // events arrive in revision order: had the property change reached carol, it would come first
        final JsonObject event = reader.nextJson();
        assertThat(event.getValue("path")).contains(JsonValue.of("/features/press/desiredProperties/force"));
        assertThat(event.getValue("value")).contains(JsonValue.of(82));
        // the subjects that may read it stay internal; only the writer is named, as Ditto names it
        final JsonObject headers = event.getValue("headers").map(JsonValue::asObject).orElseThrow();
        assertThat(headers.getValue("ditto-originator")).contains(JsonValue.of("nginx:alice"));
        assertThat(headers.remove("ditto-originator").toString()).doesNotContain("read-subjects")
                .doesNotContain("nginx:");
        stranger.expectNothing(300);
    }

    @Test
    void extraFieldsShowOnlyWhatTheSubscriberMayRead() throws Throwable {
        createGuardedThing();
        final WebSocketClient reader = connect("carol", "reader");
        reader.send("START-SEND-EVENTS?extraFields=" + URLEncoder.encode("attributes,features/press",
                StandardCharsets.UTF_8));
        assertThat(reader.next()).isEqualTo("START-SEND-EVENTS:ACK");
        assertThat(put(THING + "/features/press/desiredProperties/force", "83").statusCode()).isEqualTo(204);
        final JsonObject extra = reader.nextJson().getValue("extra").orElseThrow().asObject();
        assertThat(extra).isEqualTo(JsonObject.of("{\"features\":{\"press\":{\"desiredProperties\":"
                + "{\"force\":83}}}}"));
    }

    @Test
    void commandsOverTheWebSocketAreEnforcedAlike() throws Throwable {
        createGuardedThing();
        final WebSocketClient agent = connect("bob", "agent");
        agent.send("{\"topic\":\"org.example/machine-1/things/twin/commands/modify\","
                + "\"headers\":{\"correlation-id\":\"c-1\"},"
                + "\"path\":\"/features/press/properties/force\",\"value\":1}");
        final JsonObject response = agent.nextJson();
        assertThat(response.getValue("status")).contains(JsonValue.of(403));
        assertThat(response.getValue("value/error")).contains(JsonValue.of("things:feature.property.notmodifiable"));
    }

    @Test
    void thingsWithoutPolicyGetDittosDefaultPolicy() throws Throwable {
        assertThat(put(THING, "{}").statusCode()).isEqualTo(201);
        final JsonObject policy = json(get("/policies/" + THING));
        assertThat(policy.getValue("entries/DEFAULT/subjects").map(Object::toString).orElse(""))
                .contains("nginx:alice");
        assertThat(as("bob", "agent", () -> get(THING)).statusCode()).isEqualTo(404);
        assertThat(as("bob", "agent", () -> get("/policies/" + THING)).statusCode()).isEqualTo(404);
    }

    @Test
    void aThingWhosePolicyIsGoneCannotBeUsed() throws Throwable {
        createGuardedThing();
        assertThat(delete("/policies/" + POLICY).statusCode()).isEqualTo(204);
        final var read = get(THING);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(json(read).getValue("message").map(JsonValue::asString).orElse(""))
                .contains("no longer existing");
        assertThat(put(THING + "/attributes/a", "1").statusCode()).isEqualTo(403);
    }

    @Test
    void wholeThingReadsOfThingsHeldCompressedAreAnsweredAndEnforcedAlike() throws Throwable {
        createGuardedThing();
        final var hot = get(THING);
        final JsonObject carolsView = json(as("carol", "reader", () -> get(THING)));

        restart(); // after a start every thing is held compressed: a full reader is answered from its bytes

        final var cold = get(THING);
        assertThat(cold.statusCode()).isEqualTo(200);
        assertThat(json(cold)).isEqualTo(json(hot));
        assertThat(etag(cold)).isEqualTo(etag(hot)).isEqualTo("\"rev:1\"");
        assertThat(cold.headers().firstValue("content-type")).contains("application/json");
        assertThat(json(as("bob", "agent", () -> get(THING)))).isEqualTo(json(hot));
        assertThat(json(as("carol", "reader", () -> get(THING)))).isEqualTo(carolsView);
        assertThat(as("dave", "stranger", () -> get(THING)).statusCode()).isEqualTo(404);
        assertThat(delete("/policies/" + POLICY).statusCode()).isEqualTo(204);
        final var orphan = get(THING);
        assertThat(orphan.statusCode()).isEqualTo(404);
        assertThat(json(orphan).getValue("message").map(JsonValue::asString).orElse("")).contains("no longer existing");
    }

    @Test
    void manyThingsAreRetrievedByIdsInTheirOrderWithoutWhatTheSubjectMayNotRead() throws Throwable {
        createGuardedThing();
        assertThat(put("org.example:open", "{\"attributes\":{\"serial\":\"S-2\"}}").statusCode()).isEqualTo(201);
        final String ids = "/things?ids=org.example:open," + THING + ",org.example:missing";

        final var all = get(ids.replace("?", "?fields=thingId,attributes&"));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(org.eclipse.ditto.json.JsonFactory.readFrom(all.body())).isEqualTo(
                org.eclipse.ditto.json.JsonFactory.readFrom("[{\"thingId\":\"org.example:open\",\"attributes\":"
                        + "{\"serial\":\"S-2\"}},{\"thingId\":\"" + THING + "\",\"attributes\":{\"serial\":\"S-1\"}}]"));
        // carol reads only the desired properties of the guarded thing, and nothing of the other
        final var carols = as("carol", "reader", () -> get(ids));
        assertThat(org.eclipse.ditto.json.JsonFactory.readFrom(carols.body())).isEqualTo(
                org.eclipse.ditto.json.JsonFactory.readFrom("[{\"thingId\":\"" + THING + "\","
                        + "\"features\":{\"press\":{\"desiredProperties\":{\"force\":80}}}}]"));
        assertThat(as("dave", "stranger", () -> get(ids)).body()).isEqualTo("[]");
        final var invalid = get("/things?ids=not-a-thing-id");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(error(invalid)).isEqualTo("things:id.invalid");
    }

    @Test
    void policiesSurviveARestart() throws Throwable {
        createGuardedThing();
        restart();
        assertThat(as("bob", "agent", () -> put(THING + "/features/press/desiredProperties/force", "91")).statusCode())
                .isEqualTo(204);
        assertThat(as("bob", "agent", () -> put(THING + "/features/press/properties/force", "91")).statusCode())
                .isEqualTo(403);
    }
}
