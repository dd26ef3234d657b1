package io.twinloop.ditto.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

class DesiredWriteTest {

    private static final String THING = "plant:press-1";

    @Test
    void atOrBelowDesiredPropertiesTheValueItselfIsSigned() {
        final DesiredWrite write = DesiredWrite.of(THING, Operation.MODIFY,
                JsonPointer.of("/features/Op/desiredProperties/Speed"), JsonValue.of(1200)).orElseThrow();

        assertThat(write.desiredValue()).isEqualTo(JsonValue.of(1200));
        assertThat(write.touchedLeaves()).containsExactly(JsonPointer.of("/features/Op/desiredProperties/Speed"));
        assertThat(write.firstFeatureId()).isEqualTo("Op");
    }

    @Test
    void aThingLevelWriteIsProjectedOntoItsDesiredProperties() {
        final JsonObject thing = JsonObject.of("{\"thingId\":\"plant:press-1\",\"attributes\":{\"a\":1},"
                + "\"features\":{\"Op\":{\"properties\":{\"Speed\":900},\"desiredProperties\":{\"Speed\":1200}},"
                + "\"Energy\":{\"properties\":{\"kW\":3}}}}");

        final DesiredWrite write = DesiredWrite.of(THING, Operation.CREATE, JsonPointer.empty(), thing).orElseThrow();

        assertThat(write.desiredValue()).isEqualTo(
                JsonObject.of("{\"features\":{\"Op\":{\"desiredProperties\":{\"Speed\":1200}}}}"));
        assertThat(write.touchedLeaves()).containsExactly(JsonPointer.of("/features/Op/desiredProperties/Speed"));
    }

    @Test
    void featuresAndFeatureLevelWritesAreProjectedToo() {
        assertThat(DesiredWrite.of(THING, Operation.MERGE, JsonPointer.of("/features"),
                JsonObject.of("{\"Op\":{\"desiredProperties\":{\"Speed\":5}},\"X\":{\"properties\":{}}}"))
                .orElseThrow().desiredValue())
                .isEqualTo(JsonObject.of("{\"Op\":{\"desiredProperties\":{\"Speed\":5}}}"));
        assertThat(DesiredWrite.of(THING, Operation.MODIFY, JsonPointer.of("/features/Op"),
                JsonObject.of("{\"properties\":{\"a\":1},\"desiredProperties\":null}")).orElseThrow().desiredValue())
                .isEqualTo(JsonObject.of("{\"desiredProperties\":null}"));
    }

    @Test
    void writesWithoutDesiredPropertiesAreNoDesiredWrites() {
        assertThat(DesiredWrite.of(THING, Operation.MODIFY, JsonPointer.of("/features/Op/properties/Speed"),
                JsonValue.of(1))).isEmpty();
        assertThat(DesiredWrite.of(THING, Operation.MERGE, JsonPointer.empty(),
                JsonObject.of("{\"attributes\":{\"desiredProperties\":1},\"features\":{\"Op\":{\"properties\":{}}}}")))
                .isEmpty();
        assertThat(DesiredWrite.of(THING, Operation.MODIFY, JsonPointer.of("/attributes/desiredProperties"),
                JsonValue.of(1))).isEmpty();
        assertThat(DesiredWrite.of(THING, Operation.DELETE, JsonPointer.of("/features/Op"), null)).isEmpty();
    }

    @Test
    void aDeletionOfDesiredPropertiesIsADesiredWriteOfNull() {
        final DesiredWrite write = DesiredWrite.of(THING, Operation.DELETE,
                JsonPointer.of("/features/Op/desiredProperties"), null).orElseThrow();
        assertThat(write.desiredValue()).isEqualTo(JsonValue.nullLiteral());
    }
}
