package io.twinloop.optimizer.consumergroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureProperty;
import org.eclipse.ditto.things.model.signals.events.FeatureDesiredPropertyModified;
import org.eclipse.ditto.things.model.signals.events.FeaturePropertyModified;
import org.junit.jupiter.api.Test;

/** Records as Ditto's Kafka connection writes them (Ditto Protocol made by Ditto's adapter), and bad ones. */
class TwinEventRecordTest {

    private static final DittoProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();
    private static final ThingId CNC = ThingId.of("demo:CNC01");

    @Test
    void aTwinEventIsReadWithItsThingRevisionAndValue() {
        final FeaturePropertyModified event = FeaturePropertyModified.of(CNC, "OperationalData",
                JsonPointer.of("Speed"), JsonValue.of(70.0), 42, null, DittoHeaders.empty(), null);
        final var parsed = TwinEventRecord.parse(record(protocol(event)));
        assertThat(parsed).hasValueSatisfying(e -> {
            assertThat(e.getEntityId().toString()).isEqualTo(CNC.toString());
            assertThat(e.getRevision()).isEqualTo(42);
            assertThat(e).isInstanceOfSatisfying(FeaturePropertyModified.class,
                    m -> assertThat(m.getPropertyValue()).isEqualTo(JsonValue.of(70.0)));
        });
    }

    @Test
    void anEventKeepsItsWriterWhichDittosAdapterDropsWhenReading() {
        final FeatureDesiredPropertyModified event = FeatureDesiredPropertyModified.of(CNC, "OperationalData",
                JsonPointer.of("Speed"), JsonValue.of(110), 43, null, DittoHeaders.newBuilder()
                        .putHeader("ditto-originator", "nginx:ditto").build(), null);
        final String message = protocol(event);
        assertThat(message).as("Ditto writes it into the message").contains("\"ditto-originator\":\"nginx:ditto\"");
        assertThat(TwinEventRecord.parse(record(message))).hasValueSatisfying(e ->
                assertThat(e.getDittoHeaders().get("ditto-originator")).isEqualTo("nginx:ditto"));
    }

    @Test
    void anotherSignalIsNoConcernOfTheOptimizer() {
        final ModifyFeatureProperty command = ModifyFeatureProperty.of(CNC, "OperationalData",
                JsonPointer.of("Speed"), JsonValue.of(70.0), DittoHeaders.empty());
        assertThat(TwinEventRecord.parse(record(protocol(command)))).isEmpty();
    }

    @Test
    void whatIsNotDittoProtocolIsRefusedNamingTheRecord() {
        assertThatThrownBy(() -> TwinEventRecord.parse(record("{\"temperature\":21")))
                .isInstanceOf(TwinEventFormatException.class)
                .hasMessageStartingWith("twinloop.twin-events-3@17 key=demo:CNC01: not a Ditto Protocol message");
        assertThatThrownBy(() -> TwinEventRecord.parse(record("[1,2]")))
                .hasMessageContaining("@17 key=demo:CNC01: not a JSON object");
        assertThatThrownBy(() -> TwinEventRecord.parse(record("{\"topic\":\"no/topic\",\"path\":\"/\"}")))
                .hasMessageContaining("not a Ditto Protocol message");
        assertThatThrownBy(() -> TwinEventRecord.parse(record(""))).hasMessageContaining("empty value");
    }

    private static String protocol(final org.eclipse.ditto.base.model.signals.Signal<?> signal) {
        return ProtocolFactory.wrapAsJsonifiableAdaptable(ADAPTER.toAdaptable(signal)).toJsonString();
    }

    private static ConsumerRecord<String, String> record(final String value) {
        return new ConsumerRecord<>("twinloop.twin-events", 3, 17, CNC.toString(), value);
    }
}
