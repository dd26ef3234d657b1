package io.twinloop.cli.ditto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.ditto.hono.HonoConnectionDefinition;
import io.twinloop.ditto.hono.HonoConnectionSettings;
import io.twinloop.ditto.hono.HonoDataPoint;
import io.twinloop.ditto.hono.HonoDevice;

/** What counts as a change of a Hono connection Ditto holds ({@link ConnectionResource#sameConnection}). */
class ConnectionComparisonTest {

    private static final JsonObject DEFINED = HonoConnectionDefinition.forDevices(List.of(new HonoDevice("t1",
            "press-1", ThingId.of("demo:Press01"), List.of(new HonoDataPoint("count", "OperationalData",
                    JsonPointer.of("Count"), "xs:long", Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), false)))), HonoConnectionSettings.defaults()).get(0).connection();

    /** As Ditto answers a GET: its model's rendering, with defaults, plus what only Ditto sets. */
    private static JsonObject asDittoHoldsIt(final JsonObject connection) {
        return ConnectivityModelFactory.connectionFromJson(connection).toJson()
                .setValue("uri", "tcp://hono-kafka:9092").setValue("_revision", 7)
                .setValue("_modified", "2026-11-22T10:00:00Z");
    }

    @Test
    void dittosDefaultsRevisionAndDerivedFieldsDoNotCount() {
        assertThat(ConnectionResource.sameConnection(asDittoHoldsIt(DEFINED), DEFINED)).isTrue();
    }

    @Test
    void aChangedScriptStatusOrTargetCounts() {
        final JsonPointer script = JsonPointer.of("mappingDefinitions/" + HonoConnectionSettings.MAPPING_ID
                + "/options/incomingScript");
        assertThat(ConnectionResource.sameConnection(asDittoHoldsIt(DEFINED.setValue(script,
                JsonValue.of("function mapToDittoProtocolMsg() { return null; }"))), DEFINED)).isFalse();
        assertThat(ConnectionResource.sameConnection(asDittoHoldsIt(DEFINED.setValue("connectionStatus", "closed")),
                DEFINED)).isFalse();
        final JsonObject source = DEFINED.getValue("sources").orElseThrow().asArray().get(0).orElseThrow().asObject();
        assertThat(ConnectionResource.sameConnection(asDittoHoldsIt(DEFINED.setValue("sources",
                org.eclipse.ditto.json.JsonArray.of(source.setValue("consumerCount", 2)))), DEFINED)).isFalse();
    }

    @Test
    void somethingThatIsNoConnectionIsNamed() {
        assertThatThrownBy(() -> ConnectionResource.sameConnection(JsonObject.of("{\"id\":\"x\"}"), DEFINED))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("Ditto's connection").hasMessageContaining("is no connection");
    }
}
