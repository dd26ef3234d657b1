package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

/** {@code /api/2/policies}: a policy and its entries, subjects and resources, with Ditto's answers and rules. */
class PoliciesApiTest extends ServerTestSupport {

    private static final String POLICY = "/policies/org.example:line-policy";

    @Override
    TwinServerConfig config() {
        return super.config().withUser("bob", "agent");
    }

    @Test
    void policyAndItsPartsRoundTrip() throws Exception {
        final var created = put(POLICY, OWNER_POLICY);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"rev:1\"");
        assertThat(json(get(POLICY)).getValue("policyId")).contains(JsonValue.of("org.example:line-policy"));

        final String agent = "{\"subjects\":{\"nginx:bob\":{\"type\":\"optimizer\"}},\"resources\":{"
                + "\"thing:/features/press/desiredProperties\":{\"grant\":[\"WRITE\"],\"revoke\":[]}}}";
        assertThat(put(POLICY + "/entries/AGENT", agent).statusCode()).isEqualTo(201);
        assertThat(put(POLICY + "/entries/AGENT", agent).statusCode()).isEqualTo(204);
        // a resource key holds slashes: everything after "resources/" is one key
        final String resource = POLICY + "/entries/AGENT/resources/thing:/features/press/properties";
        assertThat(put(resource, "{\"grant\":[\"READ\"],\"revoke\":[]}").statusCode()).isEqualTo(201);
        assertThat(json(get(resource))).isEqualTo(JsonObject.of("{\"grant\":[\"READ\"],\"revoke\":[]}"));
        assertThat(json(get(POLICY + "/entries/AGENT/resources")).getKeys().toString())
                .contains("thing:/features/press/properties").contains("thing:/features/press/desiredProperties");
        assertThat(put(POLICY + "/entries/AGENT/subjects/nginx:carol", "{\"type\":\"dashboard\"}").statusCode())
                .isEqualTo(201);
        assertThat(json(get(POLICY + "/entries/AGENT/subjects")).getKeys()).hasSize(2);

        assertThat(delete(resource).statusCode()).isEqualTo(204);
        assertThat(get(resource).statusCode()).isEqualTo(404);
        assertThat(error(get(resource))).isEqualTo("policies:resource.notfound");
        assertThat(delete(POLICY + "/entries/AGENT").statusCode()).isEqualTo(204);
        assertThat(error(get(POLICY + "/entries/AGENT"))).isEqualTo("policies:entry.notfound");
        assertThat(etag(get(POLICY))).isEqualTo("\"rev:7\"");

        assertThat(delete(POLICY).statusCode()).isEqualTo(204);
        assertThat(error(get(POLICY))).isEqualTo("policies:policy.notfound");
    }

    @Test
    void aPolicyNobodyCouldChangeIsRefused() throws Exception {
        final String readOnly = "{\"entries\":{\"OWNER\":{\"subjects\":{\"nginx:alice\":{\"type\":\"user\"}},"
                + "\"resources\":{\"policy:/\":{\"grant\":[\"READ\"],\"revoke\":[]}}}}}";
        final var lockedOutAtCreation = put(POLICY, readOnly);
        assertThat(lockedOutAtCreation.statusCode()).isEqualTo(403);
        assertThat(error(lockedOutAtCreation)).isEqualTo("policies:policy.notcreatable");

        assertThat(put(POLICY, OWNER_POLICY).statusCode()).isEqualTo(201);
        final var lockedOut = put(POLICY, readOnly);
        assertThat(error(lockedOut)).isEqualTo("policies:policy.modificationinvalid");
        final var lastOwnerDeleted = delete(POLICY + "/entries/OWNER");
        assertThat(error(lastOwnerDeleted)).isEqualTo("policies:policy.modificationinvalid");
        assertThat(json(get(POLICY)).getValue("entries/OWNER")).isPresent();
    }

    @Test
    void onlySubjectsWithWriteOnThePolicyMayChangeIt() throws Throwable {
        assertThat(put(POLICY, OWNER_POLICY).statusCode()).isEqualTo(201);
        final var stranger = as("bob", "agent", () -> put(POLICY + "/entries/MINE",
                "{\"subjects\":{\"nginx:bob\":{\"type\":\"x\"}},\"resources\":{\"policy:/\":{\"grant\":[\"WRITE\"],"
                        + "\"revoke\":[]}}}"));
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(error(stranger)).isEqualTo("policies:policy.notfound");
        assertThat(json(get(POLICY)).getValue("entries/MINE")).isEmpty();
    }

    @Test
    void badPoliciesAreRefusedWithTheirPlace() throws Exception {
        final var notJson = put(POLICY, "{\"entries\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        final var badGrant = put(POLICY, "{\"entries\":{\"OWNER\":{\"subjects\":{\"nginx:alice\":{\"type\":\"u\"}},"
                + "\"resources\":{\"thing:/\":{\"grant\":\"everything\",\"revoke\":[]}}}}}");
        assertThat(badGrant.statusCode()).isEqualTo(400);
        assertThat(json(badGrant).getValue("message").map(JsonValue::asString).orElse("")).isNotEmpty();
        final var otherId = put(POLICY, "{\"policyId\":\"org.example:other\",\"entries\":{}}");
        assertThat(otherId.statusCode()).isEqualTo(400);
        assertThat(get(POLICY).statusCode()).isEqualTo(404);
    }

    @Test
    void aThingCanBeCreatedWithItsPolicyInline() throws Throwable {
        final String thing = "{\"_policy\":" + OWNER_POLICY + ",\"attributes\":{\"a\":1}}";
        assertThat(put(THING, thing).statusCode()).isEqualTo(201);
        assertThat(json(get("/policies/" + THING)).getValue("entries/OWNER")).isPresent();
        assertThat(json(get(THING)).getValue("_policy")).isEmpty();
        // the failed create of another thing with the same (now existing) policy id leaves nothing behind
        final var refused = put("org.example:machine-2", "{\"policyId\":\"" + THING + "\",\"_policy\":"
                + OWNER_POLICY + "}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).isEqualTo("things:thing.notcreatable");
        assertThat(get("org.example:machine-2").statusCode()).isEqualTo(404);
    }
}
