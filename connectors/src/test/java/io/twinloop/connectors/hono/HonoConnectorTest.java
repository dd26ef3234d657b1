package io.twinloop.connectors.hono;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.connectors.Await;
import io.twinloop.connectors.northbound.BadDataKind;
import io.twinloop.kafka.broker.KafkaBrokerProcess;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The Hono connector between real peers over real sockets: a real Kafka 4 broker (KRaft, its own JVM), the embedded
 * twin server with the devices of {@code examples/hono-devices.aas.json}, and a stand-in for Hono's adapters and
 * command router writing and reading Hono's Kafka message format. Waits are generous and never timed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HonoConnectorTest {

    private static final ThingId METER = ThingId.of("demo:Meter01");
    private static final ThingId BOX = ThingId.of("demo:SensorBox01");
    private static final String TENANT = "twinloop";

    @TempDir
    static Path tmp;

    private static KafkaBrokerProcess kafka;
    private static TwinServer twins;
    private static DittoClient ditto;
    private static HonoAdapterStandIn hono;
    private static HonoConnector connector;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBrokerProcess.start(tmp.resolve("kafka"), freePort(), freePort(), Duration.ofSeconds(120));
        twins = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto"))
                .get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build();
        for (final MappedThing thing : ThingMapper.of(MappingOptions.of("demo"))
                .map(List.of(EnvironmentReader.newInstance().read(Path.of("../examples/hono-devices.aas.json"))))
                .things()) {
            ditto.putThing(thing.thing(), RequestOptions.none()).join();
        }
        hono = new HonoAdapterStandIn(kafka.bootstrapServers());
        hono.answerCommands(TENANT);
        connector = HonoConnector.start(config(), ditto).get(120, TimeUnit.SECONDS);
    }

    private static HonoConnectorConfig config() {
        return HonoConnectorConfig.builder()
                .thing(METER).thing(BOX)
                .bootstrapServers(kafka.bootstrapServers())
                .consumerGroupId("twinloop-hono-connector-test")
                .commandTimeout(Duration.ofSeconds(3))
                .retry(Duration.ofMillis(100), Duration.ofSeconds(2))
                .build();
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        if (hono != null) {
            hono.close();
        }
        if (ditto != null) {
            ditto.close();
        }
        if (twins != null) {
            twins.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    @Order(1)
    void telemetryAndEventsReachTheTwin() {
        assertThat(hono.telemetry(TENANT, "meter-01", "{\"power\": 42.5, \"voltage\": 231.0, \"energy\": 18300}"))
                .isTrue();
        assertThat(hono.event(TENANT, "sensorbox-01", "{\"status\": \"WARNING\", \"temperature\": 24}")).isTrue();

        Await.until("Meter01 ActivePower = 42.5", () -> property(METER, "ActivePower").equals(
                Optional.of(JsonValue.of(42.5))));
        Await.until("SensorBox01 Status = WARNING", () -> property(BOX, "Status").equals(
                Optional.of(JsonValue.of("WARNING"))));
        assertThat(property(METER, "Voltage")).contains(JsonValue.of(231.0));
        // xs:double sinks get doubles, whatever the JSON number looked like
        assertThat(property(METER, "EnergyTotal")).contains(JsonValue.of(18300.0));
        assertThat(property(BOX, "Temperature")).contains(JsonValue.of(24.0));
        assertThat(connector.statistics().devices()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void badDataIsCountedAndNeverWritten() {
        hono.telemetry(TENANT, "meter-01", "{\"power\": \"high\"}");
        hono.telemetry(TENANT, "meter-01", "{\"power\": NaN}");
        hono.telemetry(TENANT, "meter-01", "{\"voltage\": 500}");
        hono.telemetry(TENANT, "meter-01", "{\"frequency\": 50.0}");
        hono.telemetry(TENANT, "meter-01", "power=7");
        hono.telemetry(TENANT, "meter-99", "{\"power\": 1.0}");
        hono.telemetry(TENANT, "meter-01", "{\"power\": 77.0}");

        Await.until("the good value after the bad ones", () -> property(METER, "ActivePower").equals(
                Optional.of(JsonValue.of(77.0))));
        final HonoConnectorStatistics statistics = connector.statistics();
        assertThat(statistics.badData(BadDataKind.WRONG_TYPE)).isEqualTo(1);
        assertThat(statistics.badData(BadDataKind.NOT_A_NUMBER)).isEqualTo(1);
        assertThat(statistics.badData(BadDataKind.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(statistics.badData(BadDataKind.UNKNOWN_DATA_POINT)).isEqualTo(1);
        assertThat(statistics.badData(BadDataKind.MALFORMED_PAYLOAD)).isEqualTo(1);
        assertThat(statistics.badData(BadDataKind.UNKNOWN_DEVICE)).isEqualTo(1);
        assertThat(property(METER, "Voltage")).contains(JsonValue.of(231.0));
    }

    @Test
    @Order(3)
    void desiredValueTheDeviceAcceptsIsAppliedAndReported() {
        hono.respondWith(command -> Optional.of(new HonoAdapterStandIn.Response(200, null)));
        putDesired(METER, "ReportingInterval", JsonValue.of(30));

        final JsonObject report = awaitReport(METER, "ReportingInterval", JsonValue.of(30));
        assertThat(report.getValue("status")).contains(JsonValue.of("applied"));
        assertThat(report.getValue("device")).contains(JsonValue.of("twinloop/meter-01"));
        assertThat(report.getValue("command")).contains(JsonValue.of("interval"));
        assertThat(report.getValue("desiredRevision").orElseThrow().asLong()).isPositive();
        assertThat(commandsWith("interval", 30)).hasSize(1);
        assertThat(hono.commands().get(0).device()).isEqualTo("meter-01");
    }

    @Test
    @Order(4)
    void desiredValueOutsideTheAasBoundsIsRejectedWithoutACommand() {
        putDesired(METER, "ReportingInterval", JsonValue.of(5000));

        final JsonObject report = awaitReport(METER, "ReportingInterval", JsonValue.of(5000));
        assertThat(report.getValue("status")).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("rejectedBy")).contains(JsonValue.of("connector"));
        assertThat(report.getValue("reason").orElseThrow().asString()).contains("min_max [1.0, 3600.0]");
        assertThat(commandsWith("interval", 5000)).isEmpty();
    }

    @Test
    @Order(5)
    void desiredValueTheDeviceRefusesIsRejectedWithTheHonoStatus() {
        hono.respondWith(command -> Optional.of(new HonoAdapterStandIn.Response(400,
                "threshold above what the sensor supports")));
        putDesired(BOX, "AlarmThreshold", JsonValue.of(50.0));

        final JsonObject report = awaitReport(BOX, "AlarmThreshold", JsonValue.of(50.0));
        assertThat(report.getValue("status")).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("rejectedBy")).contains(JsonValue.of("device"));
        assertThat(report.getValue("honoStatus")).contains(JsonValue.of(400));
        assertThat(report.getValue("reason").orElseThrow().asString())
                .contains("threshold above what the sensor supports");
        assertThat(report.getValue("device")).contains(JsonValue.of("twinloop/sensorbox-01"));
    }

    @Test
    @Order(6)
    void desiredValueWithoutAResponseIsNotCompleted() {
        hono.respondWith(command -> Optional.empty());
        putDesired(METER, "ReportingInterval", JsonValue.of(60));

        final JsonObject report = awaitReport(METER, "ReportingInterval", JsonValue.of(60));
        assertThat(report.getValue("status")).contains(JsonValue.of("notCompleted"));
        assertThat(report.getValue("rejectedBy")).isEmpty();
        assertThat(report.getValue("reason").orElseThrow().asString()).contains("no response");
        assertThat(commandsWith("interval", 60)).hasSize(1);
        assertThat(connector.statistics().desiredNotCompleted()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aRestartedConnectorAppliesNothingTwiceAndGoesOnWhereItStopped() throws Exception {
        connector.close();
        hono.respondWith(command -> Optional.of(new HonoAdapterStandIn.Response(200, null)));
        hono.telemetry(TENANT, "meter-01", "{\"power\": 88.0}"); // while no connector runs: Kafka keeps it
        connector = HonoConnector.start(config(), ditto).get(120, TimeUnit.SECONDS);

        Await.until("the value sent while the connector was down", () -> property(METER, "ActivePower").equals(
                Optional.of(JsonValue.of(88.0))));
        putDesired(METER, "ReportingInterval", JsonValue.of(45));
        assertThat(awaitReport(METER, "ReportingInterval", JsonValue.of(45)).getValue("status"))
                .contains(JsonValue.of("applied"));
        // the values handled before the restart (reported in the twin) were not sent again
        assertThat(commandsWith("interval", 30)).hasSize(1);
        assertThat(commandsWith("interval", 60)).hasSize(1);
        assertThat(commandsWith("alarmThreshold", 50.0)).hasSize(1);
        assertThat(commandsWith("interval", 45)).hasSize(1);
        // records committed before the restart are not read again: no bad data counted a second time
        assertThat(connector.statistics().badData(BadDataKind.NOT_A_NUMBER)).isZero();
    }

    @Test
    @Order(8)
    void kafkaStoppedAndRestartedMidStreamLosesNoValue() throws Exception {
        final int values = 300;
        final Thread device = new Thread(() -> {
            for (int i = 1; i <= values; i++) {
                // the device resends what its adapter could not get into Kafka (QoS 1)
                hono.telemetryUntilAccepted(TENANT, "meter-01", "{\"energy\": " + (20_000 + i) + ", \"power\": "
                        + (i % 100) + "}");
                hono.telemetryUntilAccepted(TENANT, "sensorbox-01", "{\"humidity\": " + (i % 100) + "}");
            }
        }, "device");
        device.start();
        Await.until("the twin sees the stream", () -> property(METER, "EnergyTotal").filter(JsonValue::isNumber)
                .map(JsonValue::asDouble).orElse(0.0) > 20_050);
        kafka.stop();
        Thread.sleep(2000); // the connector and the device meet a broker that is away
        kafka.startAgain(Duration.ofSeconds(120));
        device.join(TimeUnit.MINUTES.toMillis(5));
        assertThat(device.isAlive()).isFalse();

        Await.until("the twin ends with the devices' last values", () ->
                property(METER, "EnergyTotal").equals(Optional.of(JsonValue.of(20_000.0 + values)))
                        && property(METER, "ActivePower").equals(Optional.of(JsonValue.of((double) (values % 100))))
                        && property(BOX, "Humidity").equals(Optional.of(JsonValue.of((double) (values % 100)))));
        final HonoConnectorStatistics statistics = connector.statistics();
        assertThat(statistics.valuesDropped()).isZero();
        assertThat(statistics.mergesFailed()).isZero();

        // commands go through the restarted broker too
        putDesired(METER, "ReportingInterval", JsonValue.of(15));
        assertThat(awaitReport(METER, "ReportingInterval", JsonValue.of(15)).getValue("status"))
                .contains(JsonValue.of("applied"));
    }

    private static List<HonoAdapterStandIn.Command> commandsWith(final String name, final Object value) {
        final JsonObject expected = JsonObject.newBuilder().set(name, value instanceof Double d ? JsonValue.of(d)
                : JsonValue.of(((Number) value).intValue())).build();
        return hono.commands().stream()
                .filter(c -> c.name().equals(name) && JsonObject.of(c.payload()).equals(expected)).toList();
    }

    private static JsonObject awaitReport(final ThingId id, final String property, final JsonValue value) {
        Await.until("a reconciliation report for " + id + " " + property + " = " + value,
                () -> reportOf(id, property).flatMap(r -> r.getValue("value")).equals(Optional.of(value)));
        return reportOf(id, property).orElseThrow();
    }

    private static Optional<JsonObject> reportOf(final ThingId id, final String property) {
        return featureProperty(id, "Reconciliation", "OperationalData/" + property).filter(JsonValue::isObject)
                .map(JsonValue::asObject);
    }

    private static Optional<JsonValue> property(final ThingId id, final String property) {
        return featureProperty(id, "OperationalData", property);
    }

    private static Optional<JsonValue> featureProperty(final ThingId id, final String feature, final String pointer) {
        return ditto.retrieveThing(id).join().getFeatures().flatMap(f -> f.getFeature(feature))
                .flatMap(f -> f.getProperty(JsonPointer.of(pointer)));
    }

    private static void putDesired(final ThingId id, final String property, final JsonValue value) {
        ditto.putFeatureDesiredProperty(id, "OperationalData", JsonPointer.of(property), value,
                RequestOptions.none()).join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
