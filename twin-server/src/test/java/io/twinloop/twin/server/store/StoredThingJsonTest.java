package io.twinloop.twin.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;

/** A whole thing cut from its stored bytes is the JSON Ditto's model writes for a reader of all of it. */
class StoredThingJsonTest {

    @Test
    void isWhatTheModelWritesWithoutTheSpecialFields() {
        final Thing thing = ThingsModelFactory.newThingBuilder()
                .setId(org.eclipse.ditto.things.model.ThingId.of("org.example:odd-keys"))
                .setPolicyId(org.eclipse.ditto.policies.model.PolicyId.of("org.example:policy"))
                .setDefinition(ThingsModelFactory.newDefinition("org.example:machine:1.0.0"))
                .setAttribute(JsonPointer.of("quoted\"key"), JsonValue.of("a \"value\" with : and , and }"))
                .setAttribute(JsonPointer.of("colon:key"), JsonFactory.readFrom("{\"_inner\":1,\"x\":[1,{\"y\":null}]}"))
                .setFeatureProperty("spindle", JsonPointer.of("speed"), JsonValue.of(1200.5))
                .setFeatureDesiredProperty("spindle", JsonPointer.of("speed"), JsonValue.of(1300))
                .setRevision(42)
                .setModified(Instant.parse("2026-11-22T10:00:00Z"))
                .setCreated(Instant.parse("2026-11-21T10:00:00Z"))
                .build();

        final StoredThingJson json = StoredThingJson.of(42, StoredThing.serialize(thing));

        assertThat(JsonFactory.readFrom(new String(json.regularJson(), StandardCharsets.UTF_8)))
                .isEqualTo(thing.toJson());
        assertThat(new String(json.regularJson(), StandardCharsets.UTF_8)).doesNotContain("_revision")
                .doesNotContain("_modified").doesNotContain("_created").contains("\"_inner\":1");
        assertThat(json.policyId()).contains("org.example:policy");
        assertThat(json.revision()).isEqualTo(42);
    }

    @Test
    void aThingWithoutPolicyOrContentIsAnObjectAllTheSame() {
        final Thing thing = ThingsModelFactory.newThingBuilder()
                .setId(org.eclipse.ditto.things.model.ThingId.of("org.example:bare")).setRevision(1).build();

        final StoredThingJson json = StoredThingJson.of(1, StoredThing.serialize(thing));

        assertThat(JsonFactory.readFrom(new String(json.regularJson(), StandardCharsets.UTF_8)))
                .isEqualTo(thing.toJson());
        assertThat(json.policyId()).isEmpty();
    }
}
