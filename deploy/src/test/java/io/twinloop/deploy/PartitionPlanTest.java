package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.ditto.connectivity.model.Connection;
import org.eclipse.ditto.connectivity.model.ConnectionType;
import org.eclipse.ditto.connectivity.model.ConnectivityModelFactory;
import org.eclipse.ditto.connectivity.model.Target;
import org.eclipse.ditto.connectivity.model.Topic;
import org.eclipse.ditto.json.JsonFactory;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's scale-out plan (PartitionPlan) against Kafka's own partitioner and assignor, and the Ditto
 * connection that publishes the twin events keyed by thing id, parsed with Ditto's connectivity model.
 */
class PartitionPlanTest {

    private static final String TOPIC = "twinloop.twin-events";
    /** KAFKA_NUM_PARTITIONS of the compose file: topics Ditto's connection creates get this many. */
    private static final int PARTITIONS = Integer.parseInt(DeployFiles.environment(DeployFiles.composeServices()
            .get("kafka")).get("KAFKA_NUM_PARTITIONS"));

    @Test
    void aThingsPartitionIsWhereKafkasProducerPutsItsKeyedRecords() {
        for (final String thingId : thingIds(2_000)) {
            for (final int partitions : new int[] {1, 3, 7, PARTITIONS}) {
                assertThat(PartitionPlan.partitionOf(thingId, partitions)).as(thingId)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(thingId.getBytes(StandardCharsets.UTF_8),
                                partitions));
            }
        }
    }

    @Test
    void theOwnerIsWhomKafkasRangeAssignorGivesThePartition() {
        // the consumer's default assignment strategy starts with the range assignor
        final Object strategies = ConsumerConfig.configDef().defaultValues()
                .get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        assertThat(strategies.toString()).startsWith("[class " + RangeAssignor.class.getName());
        for (final int partitions : new int[] {1, 5, PARTITIONS}) {
            for (int members = 1; members <= PARTITIONS + 2; members++) {
                final Map<String, Subscription> subscriptions = new HashMap<>();
                final List<String> memberIds = new ArrayList<>();
                for (int i = 0; i < members; i++) {
                    // random-looking member ids: the assignor orders members by id, as the plan says
                    final String id = "optimizer-" + Integer.toHexString(new Random(i * 31L + members).nextInt());
                    memberIds.add(id);
                    subscriptions.put(id, new Subscription(List.of(TOPIC)));
                }
                final Map<String, List<TopicPartition>> assignment = new RangeAssignor()
                        .assign(Map.of(TOPIC, partitions), subscriptions);
                final List<String> ranked = memberIds.stream().sorted().toList();
                for (int p = 0; p < partitions; p++) {
                    final int owner = PartitionPlan.ownerOf(p, partitions, members);
                    assertThat(assignment.get(ranked.get(owner)))
                            .as("partition %d of %d with %d members", p, partitions, members)
                            .contains(new TopicPartition(TOPIC, p));
                }
            }
        }
    }

    @Test
    void everyThingHasExactlyOneInstanceAndTheLoadIsEven() {
        final int members = 5;
        final Map<Integer, Integer> partitionsPerInstance = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitionsPerInstance.merge(PartitionPlan.ownerOf(p, PARTITIONS, members), 1, Integer::sum);
        }
        assertThat(partitionsPerInstance).hasSize(members);
        assertThat(partitionsPerInstance.values()).allSatisfy(n -> assertThat(n).isBetween(
                PARTITIONS / members, PARTITIONS / members + 1));
        final Map<Integer, Integer> thingsPerInstance = new TreeMap<>();
        for (final String thingId : thingIds(10_000)) {
            final int instance = PartitionPlan.instanceOf(thingId, PARTITIONS, members);
            assertThat(PartitionPlan.instanceOf(thingId, PARTITIONS, members)).isEqualTo(instance);
            thingsPerInstance.merge(instance, 1, Integer::sum);
        }
        // 10,000 things over 12 partitions: each instance gets its partitions' share within a loose margin
        partitionsPerInstance.forEach((instance, owned) -> assertThat(thingsPerInstance.get(instance))
                .isBetween((int) (10_000.0 * owned / PARTITIONS * 0.8), (int) (10_000.0 * owned / PARTITIONS * 1.2)));
    }

    @Test
    void instancesBeyondThePartitionCountIdle() {
        final int members = PARTITIONS + 3;
        final boolean[] busy = new boolean[members];
        for (int p = 0; p < PARTITIONS; p++) {
            busy[PartitionPlan.ownerOf(p, PARTITIONS, members)] = true;
        }
        for (int i = 0; i < members; i++) {
            assertThat(busy[i]).as("instance %d", i).isEqualTo(i < PARTITIONS);
        }
        assertThat(PartitionPlan.ownerOf(0, PARTITIONS, 0)).isEqualTo(-1);
        assertThatThrownBy(() -> PartitionPlan.ownerOf(PARTITIONS, PARTITIONS, 1))
                .hasMessageContaining("partition " + PARTITIONS);
        assertThatThrownBy(() -> PartitionPlan.partitionOf("demo:CNC01", 0)).hasMessageContaining("positive");
    }

    @Test
    void dittoPublishesTwinEventsKeyedByThingId() {
        final String json = DeployFiles.interpolate(DeployFiles.read(
                DeployFiles.composeDir().resolve("ditto/twinloop-twin-events.connection.json")));
        final Connection connection = ConnectivityModelFactory.connectionFromJson(JsonFactory.newObject(json));
        assertThat((Object) connection.getConnectionType()).isEqualTo(ConnectionType.KAFKA);
        assertThat(connection.getTargets()).hasSize(1);
        final Target target = connection.getTargets().get(0);
        // Ditto's Kafka target address: <topic>/<key>; the key decides the partition
        assertThat(target.getAddress()).isEqualTo(TOPIC + "/{{ thing:id }}");
        assertThat(target.getTopics()).extracting(t -> t.getTopic()).containsExactly(Topic.TWIN_EVENTS);
        assertThat(target.getAuthorizationContext().getAuthorizationSubjectIds())
                .containsExactly(io.twinloop.ditto.policy.PolicyTemplate.DEFAULT_OPTIMIZER);
        assertThat((CharSequence) connection.getUri()).contains("@kafka:9092");
        assertThat(DeployFiles.composeServices()).containsKey("kafka");
    }

    private static List<String> thingIds(final int count) {
        final Random random = new Random(7);
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add((i % 3 == 0 ? "demo" : "plant.line" + (i % 7)) + ":" + Long.toString(random.nextLong() >>> 1, 36));
        }
        return ids;
    }
}
