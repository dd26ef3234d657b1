package io.twinloop.optimizer.consumergroup;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Which partition a thing's events are in: Ditto's Kafka connection keys every record by thing id
 * ({@code twinloop.twin-events/{{ thing:id }}}), and Kafka's default partitioner puts a keyed record into
 * {@code toPositive(murmur2(utf8(key))) mod partitions} (the same formula in every Kafka version; deploy's
 * {@code PartitionPlanTest} checks it against the producer's own partitioner). So an instance knows, from a thing
 * id alone, whether the thing is its own: which twins to load from Ditto when it is assigned partitions.
 *
 * @param partitions the topic's number of partitions
 */
public record ThingPartitions(int partitions) {

    public ThingPartitions {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
    }

    public int partitionOf(final ThingId thingId) {
        return partitionOf(thingId.toString());
    }

    /** The partition of a record key (a thing id as Ditto writes it). */
    public int partitionOf(final String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
