package io.twinloop.optimizer.consumergroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.events.FeaturePropertyModified;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.kafka.broker.KafkaBrokerProcess;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.AgentLineup;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;

/**
 * Three optimizer instances as one consumer group over twin events on a real Kafka broker (module kafka-broker, its
 * own JVM), against the embedded twin server over real sockets. The twin server's events are published to Kafka as
 * Ditto's Kafka connection does (Ditto Protocol JSON keyed by thing id, {@link Connectivity}). Each twin is held and
 * decided on by exactly one instance, the one owning its partition; when an instance stops, its twins move to the
 * others, which read them from Ditto and decide on them. Waits are generous polls, never timed assertions.
 */
class ConsumerGroupFeedTest {

    private static final String TOPIC = "twinloop.twin-events";
    private static final int PARTITIONS = 6;
    private static final int INSTANCES = 3;
    private static final int MACHINES = 12;
    private static final String NAMESPACE = "fleet";
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    private KafkaBrokerProcess kafka;
    private TwinLine twins;
    private Connectivity connectivity;
    private final List<Instance> instances = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        kafka = KafkaBrokerProcess.start(tmp.resolve("kafka"), freePort(), freePort(), DEADLINE);
        final Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        // the twin server's guard trusts the optimizer's key: every instance signs with it
        twins = TwinLine.startGuarded(tmp.resolve("twins"), tmp.resolve("keys"), List.of(), "");
        for (final ThingId machine : machines()) {
            twins.owner().putThing(ThingsModelFactory.newThing(JsonObject.of("{\"thingId\":\"" + machine
                    + "\",\"policyId\":\"line:machines\",\"features\":{\"OperationalData\":{\"properties\":"
                    + "{\"State\":\"STANDBY\",\"Speed\":100.0,\"PowerDraw\":10.0,\"HealthIndex\":0.95}}}}")),
                    RequestOptions.none()).join();
        }
        connectivity = Connectivity.start(twins.owner(), kafka.bootstrapServers());
    }

    @AfterEach
    void stop() {
        instances.forEach(Instance::close);
        if (connectivity != null) {
            connectivity.close();
        }
        if (twins != null) {
            twins.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void eachTwinIsDecidedOnByTheInstanceOwningItsPartitionAndMovesWhenAnInstanceStops() throws Exception {
        final ThingPartitions partitioner = new ThingPartitions(PARTITIONS);
        assertThat(machines().stream().map(partitioner::partitionOf).collect(Collectors.toSet()))
                .as("the machines fill every partition").hasSize(PARTITIONS);
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(Instance.start(i, tmp, twins, kafka.bootstrapServers()));
        }
        await("the group shares the partitions and each instance holds the twins of its own", () -> shared(3));

        // the machines start running: each instance decides on its own twins only
        for (final ThingId machine : machines()) {
            twins.owner().putFeatureProperty(machine, "OperationalData", JsonPointer.of("State"),
                    JsonValue.of("RUNNING"), RequestOptions.none()).join();
        }
        await("every machine is asked to run at 70 %", () -> machines().stream()
                .allMatch(m -> twins.desiredSpeed(m).equals(Optional.of(70.0))));
        final Map<ThingId, List<Integer>> writers = writers(instances);
        for (final ThingId machine : machines()) {
            assertThat(writers.get(machine)).as("instances that wrote %s", machine).hasSize(1);
            final Instance writer = instances.get(writers.get(machine).get(0));
            assertThat(writer.owned()).as("partitions of the instance that wrote %s", machine)
                    .contains(partitioner.partitionOf(machine));
        }
        assertThat(connectivity.partitions).allSatisfy((thing, partition) -> assertThat(partition).as(thing)
                .isEqualTo(partitioner.partitionOf(ThingId.of(thing))));

        // a record that is not Ditto Protocol is skipped with a WARN by the owner, which goes on
        final ThingId first = machines().get(0);
        final Instance owner = instances.stream().filter(i -> i.owned().contains(partitioner.partitionOf(first)))
                .findFirst().orElseThrow();
        connectivity.publish(first.toString(), "{\"temperature\":21");
        await("the owner refused the record", () -> owner.sync().refused() == 1);
        // an event whose revision skips some (missed by the connection): a gap, the twin is read again from Ditto
        final long revision = twins.owner().retrieve(io.twinloop.twin.client.TwinPath.thing(first),
                RequestOptions.none()).join().revision().orElseThrow();
        final long held = owner.service.projection().revisionOf(first).orElseThrow();
        connectivity.onEvent(FeaturePropertyModified.of(first, "OperationalData", JsonPointer.of("Speed"),
                JsonValue.of(55.0), held + 5, null, DittoHeaders.empty(), null));
        await("the owner saw the gap and re-read the twin", () -> owner.sync().gaps() >= 1
                && owner.service.projection().revisionOf(first).orElseThrow() >= revision);
        assertThat(owner.service.projection().revisionOf(first).orElseThrow()).as("Ditto's revision, not the gap's")
                .isLessThan(held + 5);

        // one instance stops: its partitions and twins move to the two others
        final Instance stopped = instances.get(0);
        final Set<Integer> movedPartitions = stopped.owned();
        final List<ThingId> moved = machines().stream()
                .filter(m -> movedPartitions.contains(partitioner.partitionOf(m))).toList();
        assertThat(moved).isNotEmpty();
        stopped.close();
        await("the two others share every partition and hold their twins", () -> shared(2));

        // the moved twins are decided on where they are now: someone removes every desired speed (a person's new
        // value would hold against the agents, see ManualHoldTest), they ask for 70 % again
        for (final ThingId machine : machines()) {
            twins.owner().delete(TwinPath.thing(machine).desiredProperty("OperationalData", JsonPointer.of("Speed")),
                    RequestOptions.none()).join();
        }
        await("every machine is asked to run at 70 % again", () -> machines().stream()
                .allMatch(m -> twins.desiredSpeed(m).equals(Optional.of(70.0))));
        final Map<ThingId, List<Integer>> after = writers(instances.subList(1, INSTANCES));
        for (final ThingId machine : moved) {
            assertThat(after.get(machine)).as("instances that wrote %s after the move", machine).hasSize(1);
            assertThat(instances.get(after.get(machine).get(0)).owned())
                    .contains(partitioner.partitionOf(machine));
        }
        assertThat(instances.get(1).sync().refused() + instances.get(2).sync().refused())
                .as("records refused besides the malformed one").isLessThanOrEqualTo(1);
    }

    /** The live instances own every partition once between them, and each holds exactly its partitions' twins. */
    private boolean shared(final int live) {
        final List<Instance> running = instances.subList(INSTANCES - live, INSTANCES);
        final Set<Integer> all = new HashSet<>();
        int total = 0;
        final ThingPartitions partitioner = new ThingPartitions(PARTITIONS);
        for (final Instance instance : running) {
            final Set<Integer> owned = instance.owned();
            if (owned.isEmpty()) {
                return false;
            }
            all.addAll(owned);
            total += owned.size();
            final Set<ThingId> expected = machines().stream().filter(m -> owned.contains(partitioner.partitionOf(m)))
                    .collect(Collectors.toSet());
            if (!instance.service.projection().thingIds().equals(expected)) {
                return false;
            }
        }
        return all.size() == PARTITIONS && total == PARTITIONS;
    }

    /** Per machine, the instances whose decision log has a written dispatch for it. */
    private static Map<ThingId, List<Integer>> writers(final List<Instance> instances) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final Map<ThingId, List<Integer>> writers = new HashMap<>();
        for (final Instance instance : instances) {
            final Set<ThingId> written = new TreeSet<>();
            final List<String> lines = Files.readAllLines(instance.service.config().decisionLog());
            for (int i = 0; i < lines.size(); i++) {
                final JsonNode entry;
                try {
                    entry = json.readTree(lines.get(i)).path("entry");
                } catch (final IOException e) {
                    if (i == lines.size() - 1) {
                        continue; // the service is appending this line right now
                    }
                    throw e;
                }
                if ("dispatch".equals(entry.path("kind").asText())) {
                    for (final JsonNode outcome : entry.path("body").path("outcomes")) {
                        if ("WRITTEN".equals(outcome.path("status").asText())) {
                            written.add(ThingId.of(outcome.path("thingId").asText()));
                        }
                    }
                }
            }
            written.forEach(thing -> writers.computeIfAbsent(thing, t -> new ArrayList<>()).add(instance.index));
        }
        return writers;
    }

    /** Two machines per partition: the first names M0, M1, ... that Kafka's partitioner puts there. */
    private static List<ThingId> machines() {
        final ThingPartitions partitioner = new ThingPartitions(PARTITIONS);
        final Map<Integer, Integer> perPartition = new HashMap<>();
        final List<ThingId> ids = new ArrayList<>();
        for (int i = 0; ids.size() < MACHINES; i++) {
            final ThingId id = ThingId.of(NAMESPACE + ":M" + i);
            if (perPartition.merge(partitioner.partitionOf(id), 1, Integer::sum) <= MACHINES / PARTITIONS) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** One optimizer instance: its own twin connection, decision log and consumer; the agent key is shared. */
    private record Instance(int index, OptimizerService service, DittoClient client,
            java.util.concurrent.atomic.AtomicBoolean closed) implements AutoCloseable {

        static Instance start(final int index, final Path tmp, final TwinLine twins, final String bootstrap)
                throws Exception {
            final OptimizerConfig config = new OptimizerConfig(new TwinScope(List.of(NAMESPACE), Optional.empty()),
                    new GoalLayer(new Weights(0, 1, 0), 0, Map.of("Speed", new Bound(60, 130)), Duration.ofHours(1)),
                    new ImpactPolicy(1e9, 100, Set.of()), false, 1.0, Duration.ofMillis(50), Duration.ofSeconds(10),
                    tmp.resolve("optimizer-" + index).resolve("decisions.jsonl"), tmp.resolve("keys"), "optimizer");
            final DittoClient client = DittoClient.builder(twins.twins().httpUri()).basicAuth("optimizer",
                    "optimizer").build();
            final OptimizerService service = OptimizerService.start(config, client,
                    goal -> new AgentLineup(List.of(SpeedSettingsAgent.defaults()),
                            new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)),
                    Clock.systemUTC(), new ConsumerGroupFeed(ConsumerGroupConfig.of(bootstrap).withTopic(TOPIC)
                            .withClientId("optimizer-" + index)))
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return new Instance(index, service, client, new java.util.concurrent.atomic.AtomicBoolean());
        }

        PartitionedSync sync() {
            return (PartitionedSync) service.feed();
        }

        Set<Integer> owned() {
            return sync().ownedPartitions();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                service.close();
                client.close();
            }
        }
    }

    /**
     * What Ditto's Kafka connection does with twin events (deploy/compose/ditto/twinloop-twin-events.connection.json):
     * each event as a Ditto Protocol message into the topic, keyed by its thing id.
     */
    private static final class Connectivity implements TwinEventListener, AutoCloseable {

        private static final DittoProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();
        private final KafkaProducer<String, String> producer;
        private final Map<String, Integer> partitions = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private TwinEvents events;

        private Connectivity(final String bootstrap) {
            final Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }

        static Connectivity start(final DittoClient owner, final String bootstrap) throws Exception {
            final Connectivity connectivity = new Connectivity(bootstrap);
            connectivity.events = owner.subscribe(EventSubscription.all().namespaces(NAMESPACE), connectivity)
                    .get(60, TimeUnit.SECONDS);
            return connectivity;
        }

        @Override
        public void onEvent(final ThingEvent<?> event) {
            publish(event.getEntityId().toString(), ProtocolFactory.wrapAsJsonifiableAdaptable(
                    ADAPTER.toAdaptable(event)).toJsonString());
        }

        void publish(final String key, final String message) {
            producer.send(new ProducerRecord<>(TOPIC, key, message), (metadata, failure) -> {
                if (failure != null) {
                    failures.add(failure);
                } else {
                    partitions.put(key, metadata.partition());
                }
            });
        }

        @Override
        public void close() {
            if (events != null) {
                events.close();
            }
            producer.close(Duration.ofSeconds(10));
            assertThat(failures).as("events Kafka did not take").isEmpty();
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        io.twinloop.optimizer.TwinLine.await(what, DEADLINE, condition);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
