package io.twinloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.kafka.broker.KafkaBrokerProcess;

/**
 * The partition plan on a real Kafka broker (module kafka-broker, its own JVM): twin events keyed by thing id, as
 * Ditto's Kafka connection publishes them, into a topic of 12 partitions, read by three optimizer instances in one
 * consumer group with the consumer's default assignment. Each instance receives exactly the things the plan gives
 * its rank. Waits are generous polls with a deadline, never timed assertions.
 */
class PartitionPlanKafkaTest {

    private static final String TOPIC = "twinloop.twin-events";
    private static final int PARTITIONS = 12;
    private static final int INSTANCES = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;

    private static KafkaBrokerProcess kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBrokerProcess.start(tmp.resolve("kafka"), freePort(), freePort(), DEADLINE);
        final Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void eachOptimizerInstanceReceivesTheThingsThePlanGivesIt() throws Exception {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Instance> instances = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            final Instance instance = new Instance();
            instances.add(instance);
            final Thread thread = new Thread(() -> instance.run(stop), "optimizer-instance-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        try {
            // the group is settled when every instance has its share and together they hold every partition once
            awaitUntil("the group holds every partition", () -> {
                final Set<TopicPartition> all = new HashSet<>();
                int total = 0;
                for (final Instance instance : instances) {
                    if (instance.assignment.isEmpty() || instance.memberId == null) {
                        return false;
                    }
                    all.addAll(instance.assignment);
                    total += instance.assignment.size();
                }
                return all.size() == PARTITIONS && total == PARTITIONS;
            });

            final List<String> things = thingIds(240);
            final Properties producerProperties = new Properties();
            producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties,
                    new StringSerializer(), new StringSerializer())) {
                for (final String thing : things) {
                    final RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, thing,
                            "{\"topic\":\"" + thing.replace(':', '/') + "/things/twin/events/modified\"}")).get();
                    assertThat(sent.partition()).as(thing).isEqualTo(PartitionPlan.partitionOf(thing, PARTITIONS));
                }
            }
            awaitUntil("every event was received", () -> instances.stream()
                    .mapToInt(i -> i.received.size()).sum() >= things.size());

            final List<Instance> ranked = instances.stream()
                    .sorted((a, b) -> a.memberId.compareTo(b.memberId)).toList();
            final Map<Integer, Integer> perInstance = new TreeMap<>();
            for (int rank = 0; rank < ranked.size(); rank++) {
                final Instance instance = ranked.get(rank);
                final Set<TopicPartition> planned = new HashSet<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    if (PartitionPlan.ownerOf(p, PARTITIONS, INSTANCES) == rank) {
                        planned.add(new TopicPartition(TOPIC, p));
                    }
                }
                assertThat(instance.assignment).as("partitions of rank %d", rank).isEqualTo(planned);
                for (final String thing : instance.received) {
                    assertThat(PartitionPlan.instanceOf(thing, PARTITIONS, INSTANCES)).as(thing).isEqualTo(rank);
                }
                perInstance.put(rank, instance.received.size());
            }
            assertThat(perInstance.values().stream().mapToInt(Integer::intValue).sum())
                    .as("each event once").isEqualTo(things.size());
            assertThat(perInstance.values()).allSatisfy(n -> assertThat(n).isPositive());
        } finally {
            stop.set(true);
            for (final Thread thread : threads) {
                thread.join(DEADLINE.toMillis());
            }
        }
    }

    /** One optimizer instance's consumer (owned by its thread): what it was assigned and what it received. */
    private static final class Instance {
        volatile String memberId;
        volatile Set<TopicPartition> assignment = Set.of();
        final List<String> received = new CopyOnWriteArrayList<>();

        void run(final AtomicBoolean stop) {
            final Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "twinloop-optimizer");
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // the consumer's default assignment strategy (range first), as an optimizer instance would use it
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                while (!stop.get()) {
                    for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        received.add(record.key());
                    }
                    assignment = Set.copyOf(consumer.assignment());
                    memberId = consumer.groupMetadata().memberId();
                }
            }
        }
    }

    private static void awaitUntil(final String what, final BooleanSupplier condition) throws InterruptedException {
        final Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + DEADLINE + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> thingIds(final int count) {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("demo:Machine" + i);
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
