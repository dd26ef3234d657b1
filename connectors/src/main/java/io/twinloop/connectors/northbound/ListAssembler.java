package io.twinloop.connectors.northbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.ListField;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.Sink;

/**
 * Builds a list of records (e.g. {@code JobQueue}: {@code [{"JobId": .., "DueDate": .., "Quantity": ..}]}) from one
 * array per field, element {@code i} of each array being item {@code i}'s field. The arrays arrive as separate
 * monitored items, so the list is written only from arrays of one sample: all of the list's fields present with the
 * same source timestamp (the server stamps the arrays of one snapshot alike, see the plant's job arrays) and the same
 * length. Arrays of different samples wait for the rest of their sample; arrays of one sample that disagree in
 * length, or that carry no source timestamp, are counted as {@link BadDataKind#INCONSISTENT_ARRAYS} and never
 * written. Each sample is written once.
 */
final class ListAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(ListAssembler.class);

    private final TwinUpdateBatcher batcher;
    private final BadDataCounter badData;
    private final Map<String, Samples> lists = new ConcurrentHashMap<>();

    ListAssembler(final TwinUpdateBatcher batcher, final BadDataCounter badData) {
        this.batcher = batcher;
        this.badData = badData;
    }

    /** One field's array. */
    private record Sample(DateTime stamp, JsonArray values) {
    }

    /** The latest array of each field of one list of one twin, and the last sample handled. */
    private static final class Samples {
        final Map<String, Sample> byField = new HashMap<>();
        DateTime handled;
    }

    /**
     * @param mapping a mapping whose sink is a {@link ListField}
     * @param stamp the array's source timestamp; null if the server sent none
     * @param values the field's array, already converted to the field's JSON type
     */
    void offer(final ThingId thingId, final Mapping mapping, final DateTime stamp, final JsonArray values) {
        final Sink sink = mapping.sink();
        final ListField field = sink.field().orElseThrow();
        final String list = sink.featureId() + sink.property();
        if (stamp == null) {
            badData.count(BadDataKind.INCONSISTENT_ARRAYS, thingId.toString(), list, field.name()
                    + " came without a source timestamp: which arrays belong to one sample cannot be told");
            return;
        }
        final Samples samples = lists.computeIfAbsent(thingId + "|" + list, key -> new Samples());
        final JsonArray assembled;
        synchronized (samples) {
            samples.byField.put(field.name(), new Sample(stamp, values));
            if (stamp.equals(samples.handled) || !complete(samples, field.fields(), stamp)) {
                return; // handled already, or the sample's other arrays are still to come
            }
            samples.handled = stamp;
            final String disagreement = lengthDisagreement(samples, field.fields());
            if (disagreement != null) {
                badData.count(BadDataKind.INCONSISTENT_ARRAYS, thingId.toString(), list, disagreement
                        + " in one sample (source timestamp " + stamp.getJavaInstant() + ")");
                return;
            }
            assembled = assemble(samples, field.fields());
        }
        LOG.debug("list assembled: thing={} list={} items={} sample={}", thingId, list, assembled.getSize(),
                stamp.getJavaInstant());
        batcher.add(thingId, sink.featureId(), sink.property(), assembled);
    }

    private static boolean complete(final Samples samples, final List<String> fields, final DateTime stamp) {
        return fields.stream().allMatch(name -> samples.byField.containsKey(name)
                && Objects.equals(samples.byField.get(name).stamp(), stamp));
    }

    /** Says which fields' arrays have which lengths, if they differ. */
    private static String lengthDisagreement(final Samples samples, final List<String> fields) {
        final int length = samples.byField.get(fields.get(0)).values().getSize();
        if (fields.stream().allMatch(name -> samples.byField.get(name).values().getSize() == length)) {
            return null;
        }
        final StringBuilder lengths = new StringBuilder("arrays of different lengths:");
        fields.forEach(name -> lengths.append(' ').append(name).append('=')
                .append(samples.byField.get(name).values().getSize()));
        return lengths.toString();
    }

    private static JsonArray assemble(final Samples samples, final List<String> fields) {
        final int length = samples.byField.get(fields.get(0)).values().getSize();
        final JsonArrayBuilder items = JsonArray.newBuilder();
        for (int i = 0; i < length; i++) {
            final JsonObjectBuilder item = JsonObject.newBuilder();
            for (final String name : fields) {
                item.set(name, samples.byField.get(name).values().get(i).orElseThrow());
            }
            items.add(item.build());
        }
        return items.build();
    }
}
