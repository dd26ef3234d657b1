package io.twinloop.twin.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortcut for merges gives exactly the thing the general path (the patch applied to the thing's JSON, the
 * result built by Ditto's model) gives, or declines.
 */
class LeafMergeTest {

    private static final Thing TWIN = ThingsModelFactory.newThing(JsonFactory.readFrom("""
            {"thingId":"plant:press-1","policyId":"plant:press-1",
             "attributes":{"name":"Press","location":{"hall":2,"bay":"B"}},
             "features":{
               "OperationalData":{"properties":{"Speed":80,"State":"RUNNING","Queue":["J1","J2"],
                                  "Signals":{"Vibration":2.5,"Temperature":41.0}},
                                  "desiredProperties":{"Speed":90}},
               "TechnicalData":{"definition":["org.example:press:1.0.0"],"properties":{"RatedPower":55}}}}
            """).asObject());

    private static Thing general(final JsonPointer at, final JsonValue patch) {
        final JsonValue merged = (at.isEmpty() ? JsonMergePatch.of(patch) : JsonMergePatch.of(at, patch))
                .applyOn(TWIN.toJson());
        return ThingsModelFactory.newThing(merged.asObject());
    }

    private static void assertSameAsGeneral(final String at, final String patch) {
        final JsonPointer pointer = JsonPointer.of(at);
        final JsonValue value = JsonFactory.readFrom(patch);
        final Optional<Thing> shortcut = LeafMerge.apply(TWIN, pointer, value);

        assertThat(shortcut).as("taken for %s at %s", patch, at).isPresent();
        // compared as text: 100 and 100.0 are equal JSON values, but a restart reads back what was written
        assertThat(shortcut.get().toJson().toString()).isEqualTo(general(pointer, value).toJson().toString());
    }

    @Test
    void valuesMergedIntoExistingPartsGiveWhatTheGeneralPathGives() {
        assertSameAsGeneral("/features", "{\"OperationalData\":{\"properties\":{\"Speed\":85,\"State\":\"BLOCKED\"}}}");
        assertSameAsGeneral("/features/OperationalData/properties",
                "{\"Signals\":{\"Vibration\":3.1,\"Current\":12},\"Queue\":[\"J2\",\"J1\",3],\"New\":{\"deep\":true}}");
        assertSameAsGeneral("/", "{\"features\":{\"OperationalData\":{\"desiredProperties\":{\"Speed\":95,"
                + "\"Mode\":\"RUN\"}}}}");
        assertSameAsGeneral("/attributes", "{\"location\":{\"bay\":\"C\"},\"owner\":\"ops\"}");
        assertSameAsGeneral("/features/OperationalData/properties/Signals", "{\"Vibration\":[2.6,2.7]}");
        // values of several parts at once, set per part together; one of them already there
        assertSameAsGeneral("/features", "{\"OperationalData\":{\"properties\":{\"Speed\":80,\"State\":\"IDLE\","
                + "\"Signals\":{\"Vibration\":2.4,\"Current\":11}},\"desiredProperties\":{\"Speed\":91}},"
                + "\"TechnicalData\":{\"properties\":{\"RatedPower\":60}}}");
    }

    @Test
    void aPatchOfValuesAlreadyThereLeavesTheThingAsItWas() {
        final Optional<Thing> shortcut = LeafMerge.apply(TWIN, JsonPointer.of("/features"), JsonFactory.readFrom(
                "{\"OperationalData\":{\"properties\":{\"Speed\":80,\"Signals\":{\"Vibration\":2.5}}}}"));

        assertThat(shortcut).containsSame(TWIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"OperationalData\":{\"properties\":{\"Speed\":null}}}", // a deletion
            "{\"Cooler\":{\"properties\":{\"On\":true}}}", // a new feature
            "{\"TechnicalData\":{\"definition\":[\"org.example:press:2.0.0\"]}}",
            "{\"OperationalData\":{\"properties\":{\"State\":{\"since\":1}}}}", // a scalar on the way
            "{\"OperationalData\":{\"properties\":{\"Queue\":[{\"JobId\":\"J1\"}]}}}", // objects in an array
            "{\"OperationalData\":{\"properties\":{\"bad key\":1}}}",
            "{\"OperationalData\":{\"properties\":{\"Speed\":80.0}}}", // equal to 80, spelt otherwise
            "{\"OperationalData\":{\"properties\":{}}}",
            "[1,2]"})
    void patchesItCannotReproduceExactlyAreLeftToTheGeneralPath(final String patch) {
        final JsonValue value = JsonFactory.readFrom(patch);
        final Optional<Thing> shortcut = LeafMerge.apply(TWIN, JsonPointer.of("/features"), value);

        assertThat(shortcut).as(patch).isEmpty();
    }

    @Test
    void aPatchOfTheThingsIdOrPolicyIsLeftToTheGeneralPath() {
        assertThat(LeafMerge.apply(TWIN, JsonPointer.empty(), JsonFactory.readFrom("{\"policyId\":\"plant:other\"}")))
                .isEmpty();
    }

    @Test
    void randomPatchesAgreeWithTheGeneralPathWheneverTheShortcutIsTaken() {
        final SplittableRandom random = new SplittableRandom(20261122L);
        int taken = 0;
        for (int i = 0; i < 2_000; i++) {
            final JsonObject patch = randomObject(random, 0);
            final String at = List.of("/", "/features", "/features/OperationalData", "/attributes",
                    "/features/OperationalData/properties").get(random.nextInt(5));
            final JsonValue rooted = at.equals("/") ? JsonObject.newBuilder().set("features", patch).build() : patch;
            final Optional<Thing> shortcut = LeafMerge.apply(TWIN, JsonPointer.of(at), rooted);
            if (shortcut.isPresent()) {
                taken++;
                assertThat(shortcut.get().toJson().toString()).as("%s at %s", rooted, at)
                        .isEqualTo(general(JsonPointer.of(at), rooted).toJson().toString());
            }
        }
        assertThat(taken).as("patches the shortcut took").isGreaterThan(200);
    }

    private static final List<String> KEYS = List.of("OperationalData", "TechnicalData", "properties",
            "desiredProperties", "Speed", "State", "Queue", "Signals", "Vibration", "location", "hall", "x",
            "RatedPower");

    private static JsonObject randomObject(final SplittableRandom random, final int depth) {
        final JsonObjectBuilder builder = JsonObject.newBuilder();
        final int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            final String key = KEYS.get(random.nextInt(KEYS.size()));
            final int kind = depth >= 4 ? random.nextInt(4) : random.nextInt(6);
            builder.set(key, switch (kind) {
                case 0 -> JsonValue.of(random.nextInt(100));
                case 3 -> JsonValue.of((double) random.nextInt(100));
                case 1 -> JsonValue.of("s" + random.nextInt(10));
                case 2 -> JsonFactory.newArrayBuilder().add(random.nextInt(3)).add("a").build();
                default -> randomObject(random, depth + 1);
            });
        }
        return builder.build();
    }
}
