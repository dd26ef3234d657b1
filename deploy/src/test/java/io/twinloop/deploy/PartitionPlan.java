package io.twinloop.deploy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * Which optimizer instance sees a thing's twin events when the optimizer scales out as one Kafka consumer group
 * (deploy/README.md, "Scale-out"). Ditto's Kafka connection publishes every twin event with the thing id as the
 * record key; Kafka's producer puts a keyed record into partition {@code murmur2(key) mod partitions}; the
 * group's default assignor (range, one topic) gives member {@code i} of {@code m} (members ordered by member id)
 * the partitions {@code [i*q + min(i, r), (i+1)*q + min(i+1, r))} with {@code q = n / m}, {@code r = n mod m}.
 * So all events of one thing reach exactly one instance, in order, and an instance beyond the partition count
 * idles. The formulas are Kafka's; the tests check them against Kafka's own partitioner and assignor.
 */
final class PartitionPlan {

    private PartitionPlan() {
    }

    /** The partition of a thing's events: Kafka's default partitioner for a keyed record. */
    static int partitionOf(final String thingId, final int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(thingId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The rank (0-based, in member id order) of the group member that owns a partition under the range assignor,
     * or -1 when there are no members.
     */
    static int ownerOf(final int partition, final int partitions, final int members) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " is not in 0.." + (partitions - 1));
        }
        if (members <= 0) {
            return -1;
        }
        final int quota = partitions / members;
        final int extra = partitions % members;
        // the first 'extra' members own quota + 1 partitions each
        final int bigBlock = extra * (quota + 1);
        return partition < bigBlock ? partition / (quota + 1) : extra + (partition - bigBlock) / quota;
    }

    /** The member rank that handles a thing's events. */
    static int instanceOf(final String thingId, final int partitions, final int members) {
        return ownerOf(partitionOf(thingId, partitions), partitions, members);
    }
}
