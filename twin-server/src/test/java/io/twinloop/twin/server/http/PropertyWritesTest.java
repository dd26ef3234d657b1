package io.twinloop.twin.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKeyInvalidException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Writing one (desired) property while checking only the written keys gives exactly what Ditto's model gives, and
 * refuses a bad key the way Ditto's model refuses it.
 */
class PropertyWritesTest {

    private static final Thing TWIN = ThingsModelFactory.newThing(JsonFactory.readFrom("""
            {"thingId":"plant:press-1","policyId":"plant:press-1",
             "features":{
               "OperationalData":{"properties":{"Speed":80,"State":"RUNNING","Queue":["J1","J2"],
                                  "Signals":{"Vibration":2.5,"Temperature":41.0}},
                                  "desiredProperties":{"Speed":90,"Limits":{"Max":120}}},
               "Empty":{"properties":{}},
               "TechnicalData":{"properties":{"RatedPower":55}}}}
            """).asObject());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "OperationalData | /Speed | 85",
            "OperationalData | /Signals/Vibration | 3.1",
            "OperationalData | /Signals/Current | {\"value\":12,\"unit\":\"A\"}",
            "OperationalData | /State/Sub | 1",
            "OperationalData | /New/deep/er | true",
            "OperationalData | /Queue | [\"J2\",\"J1\"]",
            "OperationalData | /Speed | 80",
            "Empty | /First | 1",
            "Missing | /First | 1"})
    void writesGiveWhatDittosModelGives(final String feature, final String pointer, final String value) {
        final JsonPointer at = JsonPointer.of(pointer);
        final JsonValue json = JsonFactory.readFrom(value);

        assertThat(PropertyWrites.setProperty(TWIN, feature, at, json).toJson().toString())
                .isEqualTo(TWIN.setFeatureProperty(feature, at, json).toJson().toString());
        assertThat(PropertyWrites.setProperty(TWIN, feature, at, json))
                .isEqualTo(TWIN.setFeatureProperty(feature, at, json));
        assertThat(PropertyWrites.setDesiredProperty(TWIN, feature, at, json))
                .isEqualTo(TWIN.setFeatureDesiredProperty(feature, at, json));
    }

    @Test
    void aBadKeyInThePointerOrInTheValueIsRefusedAsByDittosModel() {
        final JsonValue badObject = JsonFactory.readFrom("{\"ok\":{\"bad\\u0007key\":1}}");
        final JsonPointer badPointer = JsonPointer.of("/Signals/bad\u0007key");

        assertThatThrownBy(() -> TWIN.setFeatureProperty("OperationalData", JsonPointer.of("/X"), badObject))
                .isInstanceOf(JsonKeyInvalidException.class);
        assertThatThrownBy(() -> PropertyWrites.setProperty(TWIN, "OperationalData", JsonPointer.of("/X"), badObject))
                .isInstanceOf(JsonKeyInvalidException.class).hasMessageContaining("bad\u0007key");
        assertThatThrownBy(() -> PropertyWrites.setDesiredProperty(TWIN, "OperationalData", badPointer,
                JsonValue.of(1))).isInstanceOf(JsonKeyInvalidException.class);
        assertThatThrownBy(() -> TWIN.setFeatureDesiredProperty("OperationalData", badPointer, JsonValue.of(1)))
                .isInstanceOf(JsonKeyInvalidException.class);
    }

    @Test
    void anUnchangedValueLeavesTheThingAsItWas() {
        assertThat(PropertyWrites.setProperty(TWIN, "OperationalData", JsonPointer.of("/Speed"), JsonValue.of(80)))
                .isSameAs(TWIN.setFeatureProperty("OperationalData", JsonPointer.of("/Speed"), JsonValue.of(80)));
    }
}
