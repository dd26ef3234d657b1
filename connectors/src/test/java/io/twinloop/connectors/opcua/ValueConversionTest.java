package io.twinloop.connectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;

import io.twinloop.connectors.northbound.BadDataKind;

class ValueConversionTest {

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
    void desiredValuesBecomeTheAidsOpcUaType() {
        assertThat(ValueConversion.toDevice(JsonValue.of(110), Optional.of("number")).orElseThrow().getValue())
                .isEqualTo(110.0);
        assertThat(ValueConversion.toDevice(JsonValue.of(3), Optional.of("integer")).orElseThrow().getValue())
                .isEqualTo(3L);
        assertThat(ValueConversion.toDevice(JsonValue.of("fast"), Optional.of("number"))).isEmpty();
        assertThat(ValueConversion.toDevice(JsonValue.of(2.5), Optional.of("integer"))).isEmpty();
    }
}
