package io.twinloop.connectors.northbound;

import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;

import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.opcua.StatusNames;
import io.twinloop.connectors.opcua.ValueConversion;

/**
 * Where a monitored node's value changes go: checked (status, type, NaN; arrays element by element; a number against
 * the interface description's {@code min_max}), converted to the sink element's JSON type, and handed to the batcher (fields of a list's items through the {@link ListAssembler});
 * anything else is counted as bad data and never written.
 */
public final class DeviceValues {

    private final TwinUpdateBatcher batcher;
    private final BadDataCounter badData;
    private final ListAssembler lists;
    private final AtomicLong received = new AtomicLong();
    private final SampleOrder order = new SampleOrder();

    public DeviceValues(final TwinUpdateBatcher batcher, final BadDataCounter badData) {
        this.batcher = batcher;
        this.badData = badData;
        this.lists = new ListAssembler(batcher, badData);
    }

    public void accept(final ThingId thingId, final Mapping mapping, final DataValue value) {
        received.incrementAndGet();
        if (value.getStatusCode() != null && value.getStatusCode().isBad()) {
            badData.count(BadDataKind.BAD_STATUS, thingId.toString(), dataPoint(mapping),
                    StatusNames.name(value.getStatusCode()));
            return;
        }
        if (!order.take(thingId, mapping, value)) {
            return;
        }
        final Object opcUaValue = value.getValue().getValue();
        final ValueConversion.Converted converted = mapping.sink().list()
                ? ValueConversion.toTwinArray(opcUaValue, mapping.sink().valueType())
                : ValueConversion.toTwin(opcUaValue, mapping.sink().valueType());
        if (converted.problem().isPresent()) {
            badData.count(converted.problem().get(), thingId.toString(), dataPoint(mapping), converted.detail());
            return;
        }
        final JsonValue json = converted.value().orElseThrow();
        final var bounds = mapping.source().bounds();
        if (bounds.isPresent() && json.isNumber() && !bounds.get().contains(json.asDouble())) {
            // as for Hono's devices: the interface description declares the range the value must lie in
            badData.count(BadDataKind.OUT_OF_RANGE, thingId.toString(), dataPoint(mapping),
                    json + " outside min_max " + bounds.get());
            return;
        }
        if (mapping.sink().field().isPresent()) {
            lists.offer(thingId, mapping, value.getSourceTime(), json.asArray());
        } else {
            batcher.add(thingId, mapping.sink().featureId(), mapping.sink().property(), json);
        }
    }

    /** A node the server does not know: counted and logged like bad values, nothing is subscribed for it. */
    /** The values accepted since the last call belong together (an OPC UA publish response): send them now. */
    public void batchEnded() {
        batcher.batchEnded();
    }

    public void unknownNode(final ThingId thingId, final Mapping mapping, final String detail) {
        badData.count(BadDataKind.UNKNOWN_NODE, thingId.toString(), dataPoint(mapping), detail);
    }

    public long received() {
        return received.get();
    }

    /** Values left out because a newer value of their data point had come first (see {@link SampleOrder}). */
    public long outOfOrder() {
        return order.outOfOrder();
    }

    static String dataPoint(final Mapping mapping) {
        return mapping.source().name() + " (" + mapping.source().href() + " -> " + mapping.sink() + ")";
    }
}
