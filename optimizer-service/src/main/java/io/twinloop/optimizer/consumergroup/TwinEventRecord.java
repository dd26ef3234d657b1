package io.twinloop.optimizer.consumergroup;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

/**
 * A record of the twin-events topic read as Ditto's connectivity wrote it: the value is a Ditto Protocol message
 * ({@code application/vnd.eclipse.ditto+json}), parsed with Ditto's own protocol adapter, the same way the
 * WebSocket client parses events. Anything else is refused naming the record (topic, partition, offset).
 */
public final class TwinEventRecord {

    private static final DittoProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();

    private TwinEventRecord() {
    }

    /**
     * @return the twin event, or empty for another Ditto Protocol signal (the connection may be told to publish
     *         more than twin events; they are no concern of the optimizer)
     * @throws TwinEventFormatException when the value is not a Ditto Protocol message
     */
    public static Optional<ThingEvent<?>> parse(final ConsumerRecord<String, String> record) {
        final String value = record.value();
        if (value == null || value.isBlank()) {
            throw new TwinEventFormatException(where(record) + ": empty value, expected a Ditto Protocol message");
        }
        final Signal<?> signal;
        try {
            final JsonValue json = JsonFactory.readFrom(value);
            if (!json.isObject()) {
                throw new TwinEventFormatException(where(record) + ": not a JSON object, expected a Ditto Protocol "
                        + "message");
            }
            final JsonObject object = json.asObject();
            final JsonifiableAdaptable adaptable = ProtocolFactory.jsonifiableAdaptableFromJson(object);
            signal = withOriginator(ADAPTER.fromAdaptable(adaptable), adaptable);
        } catch (final TwinEventFormatException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw new TwinEventFormatException(where(record) + ": not a Ditto Protocol message: " + e.getMessage(), e);
        }
        return signal instanceof ThingEvent<?> event ? Optional.of(event) : Optional.empty();
    }

    /**
     * Ditto writes who caused an event ({@code ditto-originator}) into the message's headers; its adapter drops that
     * header when reading (Ditto never takes it from outside), so it is put back, as the twin client does for the
     * WebSocket: the projection tells a person's desired values from the optimizer's by it.
     */
    private static Signal<?> withOriginator(final Signal<?> signal, final JsonifiableAdaptable adaptable) {
        final String originator = adaptable.getDittoHeaders().get(ORIGINATOR);
        if (originator == null || signal.getDittoHeaders().containsKey(ORIGINATOR)) {
            return signal;
        }
        return signal.setDittoHeaders(signal.getDittoHeaders().toBuilder().putHeader(ORIGINATOR, originator).build());
    }

    private static final String ORIGINATOR = "ditto-originator";

    /** {@code topic-partition@offset key=...}, as an operator finds the record with Kafka's tools. */
    public static String where(final ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " key=" + record.key();
    }
}
