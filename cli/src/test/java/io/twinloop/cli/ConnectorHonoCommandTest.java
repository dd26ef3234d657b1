package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.cli.twin.ThingPublisher;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.kafka.broker.KafkaBrokerProcess;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * {@code twinloop connector hono} run in this JVM until stopped, against the embedded twin server and a real Kafka
 * 4.3.1 broker in its own JVM, with a stand-in for Hono's adapters writing telemetry in Hono's Kafka format: the
 * twins of a namespace that declare Hono devices are found, and a device's telemetry reaches its twin.
 */
class ConnectorHonoCommandTest {

    private static final String CONNECTOR = "connector";
    private static final String CONNECTOR_PASSWORD = "c0nnect";
    private static final ThingId METER = ThingId.of("meters:Meter01");

    @TempDir
    Path tmp;

    @Test
    void consumesTheNamespacesDevicesIntoTheirTwinsUntilStopped() throws Exception {
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(tmp.resolve("kafka"), freePort(), freePort(),
                Duration.ofSeconds(120));
             TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("owner", "pw")
                     .withUser(CONNECTOR, CONNECTOR_PASSWORD)).get();
             DittoClient owner = DittoClient.builder(server.httpUri()).basicAuth("owner", "pw").build()) {
            new ThingPublisher(owner, new PolicyTemplate("nginx:owner", PolicyTemplate.DEFAULT_OPTIMIZER,
                    "nginx:" + CONNECTOR), new PrintWriter(Writer.nullWriter()), false).publish(
                    ThingMapper.of(MappingOptions.of("meters")).map(List.of(EnvironmentReader.newInstance()
                            .read(Path.of("../examples/hono-devices.aas.json")))).things());

            final CommandThread run = CommandThread.start("connector", "hono", "--ditto", server.httpUri().toString(),
                    "--user", CONNECTOR, "--password", CONNECTOR_PASSWORD, "--namespace", "meters",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--status-interval", "1");
            try {
                run.await(() -> run.out().contains("running; Ctrl-C stops it"));
                assertThat(run.out()).contains("connected: [meters:Meter01, meters:SensorBox01]");
                try (KafkaProducer<String, byte[]> adapter = adapter(kafka.bootstrapServers())) {
                    final ProducerRecord<String, byte[]> record = new ProducerRecord<>("hono.telemetry.twinloop",
                            "meter-01", "{\"energy\": 18300, \"power\": 42.5}".getBytes(StandardCharsets.UTF_8));
                    record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                    record.headers().add("device_id", "meter-01".getBytes(StandardCharsets.UTF_8));
                    record.headers().add("qos", "1".getBytes(StandardCharsets.UTF_8));
                    adapter.send(record).get();
                }
                run.await(() -> value(owner, "features/OperationalData/properties/EnergyTotal")
                        .equals(Optional.of(JsonValue.of(18300.0))));
                assertThat(value(owner, "features/OperationalData/properties/ActivePower"))
                        .contains(JsonValue.of(42.5));
                run.await(() -> run.out().contains("2 twins, 2 devices: 1 messages received"));
            } finally {
                run.stop();
            }
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("stopped: 2 twins, 2 devices: 1 messages received, 2 values written");
        }
    }

    @Test
    void badOptionsAndSelectionsAreNamed() throws Exception {
        final CommandThread noKafka = CommandThread.start("connector", "hono", "--ditto", "http://127.0.0.1:1",
                "--namespace", "meters").ended();
        assertThat(noKafka.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(noKafka.err()).contains("--bootstrap-servers (or HONO_KAFKA_BOOTSTRAP_SERVERS) is required");

        final CommandThread noPassword = CommandThread.start("connector", "hono", "--ditto", "http://127.0.0.1:1",
                "--namespace", "meters", "--bootstrap-servers", "kafka:9092", "--kafka-user", "hono").ended();
        assertThat(noPassword.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(noPassword.err()).contains("--kafka-user needs --kafka-password");

        final CommandThread badReset = CommandThread.start("connector", "hono", "--ditto", "http://127.0.0.1:1",
                "--namespace", "meters", "--bootstrap-servers", "kafka:9092", "--auto-offset-reset", "never").ended();
        assertThat(badReset.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(badReset.err()).contains("autoOffsetReset must be earliest or latest, was never");

        // the demo plant's twins speak OPC UA, not Hono: nothing to connect
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins"))
                .withUser(CONNECTOR, CONNECTOR_PASSWORD)).get();
             DittoClient client = DittoClient.builder(server.httpUri()).basicAuth(CONNECTOR, CONNECTOR_PASSWORD)
                     .build()) {
            for (final var thing : ThingMapper.of(MappingOptions.of("demo")).map(List.of(EnvironmentReader
                    .newInstance().read(Path.of("../examples/demo-plant.aas.json")))).things()) {
                client.putThing(thing.thing(), io.twinloop.twin.client.RequestOptions.none()).join();
            }
            final CommandThread none = CommandThread.start("connector", "hono", "--ditto",
                    server.httpUri().toString(), "--user", CONNECTOR, "--password", CONNECTOR_PASSWORD,
                    "--namespace", "demo", "--bootstrap-servers", "127.0.0.1:1").ended();
            assertThat(none.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
            assertThat(none.err()).contains("no twin declares a Hono device").contains("namespaces [demo]");

            final CommandThread missing = CommandThread.start("connector", "hono", "--ditto",
                    server.httpUri().toString(), "--user", CONNECTOR, "--password", CONNECTOR_PASSWORD,
                    "--thing", "meters:Gone", "--bootstrap-servers", "127.0.0.1:1").ended();
            assertThat(missing.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
            assertThat(missing.err()).contains("[meters:Gone] do not exist (404)");
        }
    }

    private static Optional<JsonValue> value(final DittoClient owner, final String pointer) {
        return owner.retrieveThing(METER).join().toJson().getValue(JsonPointer.of(pointer));
    }

    /** Hono's protocol adapter, as far as Kafka sees it. */
    private static KafkaProducer<String, byte[]> adapter(final String bootstrapServers) {
        final Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
