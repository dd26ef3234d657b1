package io.twinloop.ditto.hono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.connectivity.model.Connection;
import org.eclipse.ditto.connectivity.model.ConnectionType;
import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.connectivity.model.ConnectivityStatus;
import org.eclipse.ditto.connectivity.model.FilteredTopic;
import org.eclipse.ditto.connectivity.model.MappingContext;
import org.eclipse.ditto.connectivity.model.Source;
import org.eclipse.ditto.connectivity.model.Target;
import org.eclipse.ditto.connectivity.model.Topic;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.junit.jupiter.api.Test;

/** The generated connection is a valid Ditto 3.8 Hono connection (parsed by Ditto's connectivity model). */
class HonoConnectionDefinitionTest {

    private static Connection parsed(final HonoConnectionDefinition definition) {
        return ConnectivityModelFactory.connectionFromJson(definition.connection());
    }

    @Test
    void oneHonoConnectionPerTenantParsesAsDittoConnection() {
        final HonoDevice other = new HonoDevice("hall-b", "sensor-7", ThingId.of("demo:Sensor07"),
                List.of(HonoDevicesForTests.in("t", "OperationalData", "Temperature", "xs:double")));
        final List<HonoConnectionDefinition> definitions = HonoConnectionDefinition.forDevices(
                List.of(HonoDevicesForTests.meter(), other, HonoDevicesForTests.press()),
                HonoConnectionSettings.defaults());

        assertThat(definitions).extracting(HonoConnectionDefinition::tenantId).containsExactly("hall-b", "twinloop");
        final Connection connection = parsed(definitions.get(1));
        assertThat(connection.getId().toString()).isEqualTo("twinloop-hono-twinloop");
        assertThat((Object) connection.getConnectionType()).isEqualTo(ConnectionType.HONO);
        assertThat((Object) connection.getConnectionStatus()).isEqualTo(ConnectivityStatus.OPEN);
        assertThat(connection.getSpecificConfig()).containsEntry("honoTenantId", "twinloop");

        final MappingContext mapping = connection.getPayloadMappingDefinition().getDefinitions()
                .get(HonoConnectionSettings.MAPPING_ID);
        assertThat(mapping.getMappingEngine()).isEqualTo("JavaScript");
        assertThat(mapping.getOptionsAsJson().getValue("incomingScript")).isPresent();
        assertThat(definitions.get(1).incomingScript()).startsWith("var TWINLOOP_HONO = {\"tenant\":\"twinloop\"")
                .contains("function mapToDittoProtocolMsg(");
        assertThat(definitions.get(1).outgoingScript()).contains("function mapFromDittoProtocolMsg(");

        final Source source = connection.getSources().get(0);
        assertThat(source.getAddresses()).containsExactlyInAnyOrder("telemetry", "event");
        assertThat(source.getAuthorizationContext().getFirstAuthorizationSubject().orElseThrow().getId())
                .isEqualTo("nginx:twinloop-connector");
        assertThat(source.getQos()).contains(1);
        assertThat(source.getPayloadMapping().getMappings()).containsExactly(HonoConnectionSettings.MAPPING_ID);
        assertThat(source.isReplyTargetEnabled()).isFalse();
        assertThat(source.getAcknowledgementRequests().orElseThrow().getIncludes())
                .extracting(Object::toString).containsExactly("twin-persisted");

        // commands only for the press, whose device id is its thing id; the meter is named in a warning
        final Target target = connection.getTargets().get(0);
        assertThat(target.getAddress()).isEqualTo("command");
        final FilteredTopic topic = target.getTopics().iterator().next();
        assertThat(topic.getTopic()).isEqualTo(Topic.TWIN_EVENTS);
        assertThat(topic.getFilter()).contains("in(thingId,\"demo:Press01\")");
        assertThat(target.getHeaderMapping().getMapping()).containsEntry("subject", "{{ header:subject }}");
        assertThat(definitions.get(1).warnings()).singleElement().asString()
                .contains("demo:Meter01", "twinloop/meter-01", "thing id");

        // a tenant with no device that takes commands has no target at all
        assertThat(parsed(definitions.get(0)).getTargets()).isEmpty();
        assertThat(definitions.get(0).warnings()).isEmpty();
    }

    @Test
    void theCommandFilterIsRqlDittoReadsEvenForOddThingIds() {
        final HonoDevice odd = new HonoDevice("twinloop", "demo:Pre\"ss\\1", ThingId.of("demo:Pre\"ss\\1"),
                HonoDevicesForTests.press().dataPoints());
        final Connection connection = parsed(HonoConnectionDefinition.forTenant("twinloop",
                List.of(odd, HonoDevicesForTests.press()), HonoConnectionSettings.defaults()));
        final String filter = connection.getTargets().get(0).getTopics().iterator().next().getFilter().orElseThrow();
        assertThat(filter).isEqualTo("in(thingId,\"demo:Pre\\\"ss\\\\1\",\"demo:Press01\")");
        assertThat(RqlPredicateParser.getInstance().parse(filter).toString())
                .contains("demo:Pre\"ss\\1", "demo:Press01");
    }

    @Test
    void settingsChangeIdSubjectQosAndStatus() {
        final HonoConnectionDefinition definition = HonoConnectionDefinition.forTenant("twinloop",
                List.of(HonoDevicesForTests.press()), HonoConnectionSettings.builder().connectionIdPrefix("plant-")
                        .authorizationSubject("integration:hono").qos(0).consumerCount(3).open(false).build());
        final Connection connection = parsed(definition);
        assertThat(connection.getId().toString()).isEqualTo("plant-twinloop");
        assertThat((Object) connection.getConnectionStatus()).isEqualTo(ConnectivityStatus.CLOSED);
        final Source source = connection.getSources().get(0);
        assertThat(source.getQos()).contains(0);
        assertThat(source.getConsumerCount()).isEqualTo(3);
        assertThat(source.getAcknowledgementRequests()).isEmpty();
        assertThat(connection.getTargets().get(0).getAuthorizationContext().getFirstAuthorizationSubject()
                .orElseThrow().getId()).isEqualTo("integration:hono");
    }

    @Test
    void devicesTheMappingCouldNotTellApartAreRefusedNamingThem() {
        final HonoDevice meter = HonoDevicesForTests.meter();
        final HonoDevice sameDevice = new HonoDevice("twinloop", "meter-01", ThingId.of("demo:Meter02"),
                meter.dataPoints());
        assertThatThrownBy(() -> HonoConnectionDefinition.forTenant("twinloop", List.of(meter, sameDevice),
                HonoConnectionSettings.defaults())).isInstanceOf(HonoConnectionException.class)
                .hasMessageContaining("twinloop/meter-01").hasMessageContaining("demo:Meter01")
                .hasMessageContaining("demo:Meter02");

        final HonoDevice sameThing = new HonoDevice("twinloop", "meter-02", ThingId.of("demo:Meter01"),
                meter.dataPoints());
        assertThatThrownBy(() -> HonoConnectionDefinition.forTenant("twinloop", List.of(meter, sameThing),
                HonoConnectionSettings.defaults())).hasMessageContaining("demo:Meter01")
                .hasMessageContaining("meter-01").hasMessageContaining("meter-02");

        assertThatThrownBy(() -> HonoConnectionDefinition.forTenant("hall-b", List.of(meter),
                HonoConnectionSettings.defaults())).hasMessageContaining("twinloop/meter-01")
                .hasMessageContaining("not in tenant hall-b");
        assertThatThrownBy(() -> HonoConnectionDefinition.forTenant("hall b", List.of(meter),
                HonoConnectionSettings.defaults())).hasMessageContaining("'hall b'");
        assertThatThrownBy(() -> HonoConnectionDefinition.forDevices(List.of(), HonoConnectionSettings.defaults()))
                .hasMessageContaining("no device");
    }

    @Test
    void aScriptAboveDittosSizeLimitIsRefusedWithTheTenantAndTheSize() {
        assertThatThrownBy(() -> HonoConnectionDefinition.forTenant("twinloop", List.of(HonoDevicesForTests.meter()),
                HonoConnectionSettings.builder().maxScriptBytes(2000).build()))
                .isInstanceOf(HonoConnectionException.class)
                .hasMessageContaining("Hono tenant twinloop")
                .hasMessageContaining("twinloop-hono-incoming.js")
                .hasMessageContaining("2000")
                .hasMessageContaining("maxScriptSizeBytes");
        // the default limit, Ditto's 50,000 bytes, holds a few dozen devices of this size
        final List<HonoDevice> many = java.util.stream.IntStream.range(0, 40).mapToObj(i -> new HonoDevice(
                "twinloop", "meter-" + i, ThingId.of("demo:Meter" + i), HonoDevicesForTests.meter().dataPoints()))
                .toList();
        assertThat(HonoConnectionDefinition.forTenant("twinloop", many, HonoConnectionSettings.defaults())
                .incomingScript().length()).isLessThan(HonoConnectionSettings.DITTO_MAX_SCRIPT_BYTES);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> HonoConnectionSettings.builder().qos(2).build()).hasMessageContaining("qos");
        assertThatThrownBy(() -> HonoConnectionSettings.builder().authorizationSubject("connector").build())
                .hasMessageContaining("authorizationSubject");
        assertThatThrownBy(() -> HonoConnectionSettings.builder().connectionIdPrefix("a/b").build())
                .hasMessageContaining("connectionIdPrefix");
        assertThatThrownBy(() -> new HonoDataPoint("", "F", JsonPointer.of("P"), "xs:int", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), false)).hasMessageContaining("needs a name");
    }
}
