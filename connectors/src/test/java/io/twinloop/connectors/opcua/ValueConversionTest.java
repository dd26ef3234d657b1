package io.twinloop.connectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.junit.jupiter.api.Test;

import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.northbound.BadDataKind;

class ValueConversionTest {

    private static JsonArray array(final JsonValue... values) {
        return JsonArray.newBuilder().addAll(List.of(values)).build();
    }

    @Test
    void numbersBecomeTheSinkTypesJson() {
        assertThat(ValueConversion.toTwin(12.5, "xs:double").value()).contains(JsonValue.of(12.5));
        assertThat(ValueConversion.toTwin(7L, "xs:long").value()).contains(JsonValue.of(7L));
        assertThat(ValueConversion.toTwin(7L, "xs:double").value()).contains(JsonValue.of(7.0));
        assertThat(ValueConversion.toTwin(true, "xs:boolean").value()).contains(JsonValue.of(true));
        assertThat(ValueConversion.toTwin("RUN", "xs:string").value()).contains(JsonValue.of("RUN"));
    }

    @Test
    void notANumberAndWrongTypesAreRefusedNotCoerced() {
        assertThat(ValueConversion.toTwin(Double.NaN, "xs:double").problem()).contains(BadDataKind.NOT_A_NUMBER);
        assertThat(ValueConversion.toTwin(Double.POSITIVE_INFINITY, "xs:double").problem())
                .contains(BadDataKind.NOT_A_NUMBER);
        assertThat(ValueConversion.toTwin("PRESS", "xs:long").problem()).contains(BadDataKind.WRONG_TYPE);
        assertThat(ValueConversion.toTwin(2.5, "xs:int").problem()).contains(BadDataKind.WRONG_TYPE);
        assertThat(ValueConversion.toTwin(1.0, "xs:boolean").problem()).contains(BadDataKind.WRONG_TYPE);
        assertThat(ValueConversion.toTwin(3, "xs:string").problem()).contains(BadDataKind.WRONG_TYPE);
    }

    @Test
    void oneDimensionalArraysBecomeJsonArraysElementByElement() {
        assertThat(ValueConversion.toTwinArray(new String[] {"J1", "J2"}, "xs:string").value())
                .contains(array(JsonValue.of("J1"), JsonValue.of("J2")));
        assertThat(ValueConversion.toTwinArray(new Integer[] {5, 12}, "xs:int").value())
                .contains(JsonArray.of(5L, 12L));
        assertThat(ValueConversion.toTwinArray(new String[0], "xs:string").value()).contains(JsonArray.empty());
        final Instant due = Instant.parse("2026-01-05T14:00:00Z");
        assertThat(ValueConversion.toTwinArray(new DateTime[] {new DateTime(due)}, "xs:dateTime").value())
                .contains(array(JsonValue.of("2026-01-05T14:00:00Z")));
    }

    @Test
    void anArrayWithOneBadElementIsRefusedWholeNamingTheElement() {
        final ValueConversion.Converted nan = ValueConversion.toTwinArray(new Double[] {1.0, Double.NaN}, "xs:double");
        assertThat(nan.problem()).contains(BadDataKind.NOT_A_NUMBER);
        assertThat(nan.value()).isEmpty();
        assertThat(nan.detail()).startsWith("element [1]");
        assertThat(ValueConversion.toTwinArray(new Object[] {"J1", 7}, "xs:string").problem())
                .contains(BadDataKind.WRONG_TYPE);
        assertThat(ValueConversion.toTwinArray("J1", "xs:string").problem()).contains(BadDataKind.WRONG_TYPE);
        assertThat(ValueConversion.toTwin(new String[] {"J1"}, "xs:string").problem())
                .as("an array for a single value").contains(BadDataKind.WRONG_TYPE);
    }

    @Test
    void desiredArraysBecomeTypedOpcUaArrays() {
        final DataPoint sequence = new DataPoint("JobSequence", "nsu=x;s=m/JobSequence", Optional.of("array"),
                Optional.empty(), List.of(), Optional.of(false), Optional.of("string"));
        assertThat(ValueConversion.forDevice(array(JsonValue.of("J2"), JsonValue.of("J1")), sequence).variant().orElseThrow().getValue())
                .isEqualTo(new String[] {"J2", "J1"});
        assertThat(ValueConversion.forDevice(JsonArray.empty(), sequence).variant().orElseThrow().getValue())
                .isEqualTo(new String[0]);

        final ValueConversion.DeviceValue notAnArray = ValueConversion.forDevice(JsonValue.of("J2,J1"), sequence);
        assertThat(notAnArray.variant()).isEmpty();
        assertThat(notAnArray.problem()).isEqualTo("it is not an array");
        assertThat(ValueConversion.forDevice(array(JsonValue.of("J2"), JsonValue.of(1)), sequence).problem())
                .isEqualTo("element [1] is 1, not a string");

        final DataPoint counts = new DataPoint("Counts", "nsu=x;s=m/Counts", Optional.of("array"), Optional.empty(),
                List.of(), Optional.of(false), Optional.of("integer"));
        assertThat(ValueConversion.forDevice(JsonArray.of(1, 2), counts).variant().orElseThrow().getValue())
                .isEqualTo(new Long[] {1L, 2L});
    }

    @Test
    void desiredValuesBecomeTheAidsOpcUaType() {
        assertThat(ValueConversion.toDevice(JsonValue.of(110), Optional.of("number")).orElseThrow().getValue())
                .isEqualTo(110.0);
        assertThat(ValueConversion.toDevice(JsonValue.of(3), Optional.of("integer")).orElseThrow().getValue())
                .isEqualTo(3L);
        assertThat(ValueConversion.toDevice(JsonValue.of("fast"), Optional.of("number"))).isEmpty();
        assertThat(ValueConversion.toDevice(JsonValue.of(2.5), Optional.of("integer"))).isEmpty();
    }
}
