package io.twinloop.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonFactory;
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
import io.twinloop.connectors.northbound.BadDataKind;
import io.twinloop.connectors.opcua.ClientPki;
import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.opcua.PlantOpcUaServer;
import io.twinloop.plant.opcua.PlantServerConfig;
import io.twinloop.plant.runtime.PlantRuntime;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The connector between real peers over real sockets: the plant's Milo server (Basic256Sha256 SignAndEncrypt with
 * a user name, as the demo AID asks), the embedded twin server, and the demo plant's twins as imported from
 * {@code examples/demo-plant.aas.json}. Simulated time is advanced explicitly; waits are generous and only for
 * the awaited state, never timed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpcUaConnectorTest {

    private static final ThingId CNC = ThingId.of("demo:CNC01");
    private static final ThingId PRESS = ThingId.of("demo:Press01");
    private static final ThingId ROBOT = ThingId.of("demo:Robot01");
    private static final Map<ThingId, String> MACHINES = Map.of(CNC, "cnc-1", PRESS, "press-1", ROBOT, "robot-1");
    private static final String OPERATOR = "operator";
    private static final String PASSWORD = "plant-secret";

    @TempDir
    static Path tmp;

    private static PlantRuntime runtime;
    private static PlantOpcUaServer plant;
    private static TwinServer twins;
    private static DittoClient ditto;
    private static OpcUaConnector connector;

    @BeforeAll
    static void start() throws Exception {
        runtime = PlantRuntime.of(Plant.builder().seed(42).build());
        plant = PlantOpcUaServer.start(PlantServerConfig.builder()
                .port(freePort())
                .pkiDirectory(tmp.resolve("plant-pki"))
                .user(OPERATOR, PASSWORD)
                .build(), runtime).get(60, TimeUnit.SECONDS);
        twins = TwinServer.start(twinServerConfig()).get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build();

        for (final MappedThing thing : ThingMapper.of(MappingOptions.of("demo"))
                .map(List.of(EnvironmentReader.newInstance().read(Path.of("../examples/demo-plant.aas.json"))))
                .things()) {
            ditto.putThing(thing.thing(), RequestOptions.none()).join();
        }
        for (final ThingId id : List.of(CNC, PRESS, ROBOT)) {
            // The AID says opc.tcp://localhost:4840; this plant listens on a free port.
            mergeFeatures(id, "{\"AssetInterfacesDescription\":{\"properties\":{\"InterfaceOPCUA\":"
                    + "{\"EndpointMetadata\":{\"base\":\"" + plant.endpointUrl() + "\"}}}}}");
        }
        // Bad data on purpose: a node the plant does not have, and a text node mapped to an xs:long element.
        mergeFeatures(ROBOT, "{\"AssetInterfacesDescription\":{\"properties\":{\"InterfaceOPCUA\":"
                + "{\"InteractionMetadata\":{\"properties\":{\"State\":{\"forms\":"
                + "{\"href\":\"nsu=urn:twinloop:plant;s=robot-1/NoSuchVariable\"}}}}}}}}");
        mergeFeatures(PRESS, "{\"AssetInterfacesDescription\":{\"properties\":{\"InterfaceOPCUA\":"
                + "{\"InteractionMetadata\":{\"properties\":{\"PartsProduced\":{\"forms\":"
                + "{\"href\":\"nsu=urn:twinloop:plant;s=press-1/Kind\"}}}}}}}}");

        // and a range the robot's reported speed (100 %) lies outside of
        mergeFeatures(ROBOT, "{\"AssetInterfacesDescription\":{\"properties\":{\"InterfaceOPCUA\":"
                + "{\"InteractionMetadata\":{\"properties\":{\"Speed\":{\"min_max\":{\"min\":200,\"max\":300}}}}}}}}");

        connector = OpcUaConnector.start(config(), ditto).get(60, TimeUnit.SECONDS);
    }

    private static TwinServerConfig twinServerConfig() {
        return TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto");
    }

    private static OpcUaConnectorConfig config() throws Exception {
        final Path pki = tmp.resolve("connector-pki");
        // The plant's operator trusts the connector's certificate once; the connector trusts the plant's.
        try (ClientPki own = ClientPki.open(pki, "urn:twinloop:connector", List.of())) {
            plant.trust(own.certificate());
        }
        return OpcUaConnectorConfig.builder()
                .thing(CNC).thing(PRESS).thing(ROBOT)
                .user(OPERATOR, PASSWORD)
                .pkiDirectory(pki)
                .trustServer(plant.certificate())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (ditto != null) {
            ditto.close();
        }
        if (twins != null) {
            twins.close();
        }
        if (plant != null) {
            plant.stop().get(30, TimeUnit.SECONDS);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void machineValuesReachTheTwin() throws Exception {
        runtime.advance(Duration.ofHours(1)).get(30, TimeUnit.SECONDS);
        final MachineSnapshot cnc = machine("cnc-1");
        assertThat(cnc.partsProduced()).isPositive();

        Await.until("CNC01 PartsProduced = plant's " + cnc.partsProduced(),
                () -> property(CNC, "OperationalData", "PartsProduced").equals(Optional.of(JsonValue.of(
                        cnc.partsProduced()))));
        Await.until("CNC01 State = plant's " + cnc.state(),
                () -> property(CNC, "OperationalData", "State").equals(Optional.of(JsonValue.of(
                        cnc.state().name()))));
        assertThat(property(CNC, "OperationalData", "HealthIndex").orElseThrow().asDouble())
                .isEqualTo(cnc.health());
        assertThat(connector.statistics().monitoredItems()).isPositive();
    }

    @Test
    @Order(2)
    void badDataIsCountedAndNeverWritten() {
        Await.until("the unknown node, the text in a number and the speed outside its range are counted",
                () -> connector.statistics().badData(BadDataKind.UNKNOWN_NODE) >= 1
                        && connector.statistics().badData(BadDataKind.WRONG_TYPE) >= 1
                        && connector.statistics().badData(BadDataKind.OUT_OF_RANGE) >= 1);
        // The AAS value of Press01's PartsProduced stays what it was: a number, never the text "PRESS".
        assertThat(property(PRESS, "OperationalData", "PartsProduced").orElseThrow().isNumber()).isTrue();
    }

    @Test
    @Order(3)
    void desiredSpeedWithinBoundsIsAppliedAndReported() {
        putDesired(CNC, "Speed", JsonValue.of(110.0));

        final JsonObject report = awaitReport(CNC, "Speed", JsonValue.of(110.0));
        assertThat(report.getValue("status")).contains(JsonValue.of("applied"));
        assertThat(report.getValue("desiredRevision").orElseThrow().asLong()).isPositive();
        assertThat(report.getValue("at")).isPresent();
        Await.until("the plant's cnc-1 runs at 110 %", () -> machine("cnc-1").speedPercent() == 110.0);
        Await.until("the twin shows the applied speed",
                () -> property(CNC, "OperationalData", "Speed").equals(Optional.of(JsonValue.of(110.0))));
        // the connector's subscription asks for changes of desired values only: the one above, none of its merges
        assertThat(connector.statistics().merges()).isPositive();
        assertThat(connector.statistics().twinEvents()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void desiredSpeedOutsideTheAasBoundsIsRejectedWithTheReason() {
        putDesired(CNC, "Speed", JsonValue.of(500));

        final JsonObject report = awaitReport(CNC, "Speed", JsonValue.of(500));
        assertThat(report.getValue("status")).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("rejectedBy")).contains(JsonValue.of("connector"));
        assertThat(report.getValue("reason").orElseThrow().asString()).contains("min_max [50.0, 130.0]");
        assertThat(machine("cnc-1").speedPercent()).isEqualTo(110.0);
    }

    @Test
    @Order(5)
    void desiredValueTheMachineRefusesIsRejectedWithTheOpcUaStatus() {
        putDesired(PRESS, "MaintenanceRequest", JsonValue.of(true));
        assertThat(awaitReport(PRESS, "MaintenanceRequest", JsonValue.of(true)).getValue("status"))
                .contains(JsonValue.of("applied"));
        Await.until("press-1 in maintenance", () -> machine("press-1").state() == MachineState.MAINTENANCE);

        putDesired(PRESS, "Speed", JsonValue.of(90.0)); // within the AAS bounds, but not during maintenance

        final JsonObject report = awaitReport(PRESS, "Speed", JsonValue.of(90.0));
        assertThat(report.getValue("status")).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("rejectedBy")).contains(JsonValue.of("device"));
        assertThat(report.getValue("opcUaStatus")).contains(JsonValue.of("Bad_InvalidState"));
        assertThat(report.getValue("reason").orElseThrow().asString()).isNotBlank();
    }

    @Test
    @Order(6)
    void aRestartedConnectorAppliesNothingTwice() throws Exception {
        final JsonObject before = reportOf(CNC, "Speed").orElseThrow();
        connector.close();

        connector = OpcUaConnector.start(config(), ditto).get(60, TimeUnit.SECONDS);
        // The restarted connector is connected; give the twin's desired values every chance to be re-applied.
        runtime.advance(Duration.ofMinutes(10)).get(30, TimeUnit.SECONDS);
        Await.until("values flow again", () -> connector.statistics().valuesWritten() > 0);

        assertThat(connector.statistics().desiredApplied()).isZero();
        assertThat(connector.statistics().desiredRejected()).isZero();
        assertThat(reportOf(CNC, "Speed")).contains(before);
    }

    @Test
    @Order(7)
    void valuesProducedWhileTheTwinServerIsDownReachItWhenItIsBack() throws Exception {
        final int port = twins.httpUri().getPort();
        twins.close();

        // The plant goes on while the twin server is away; the connector holds the latest values and retries.
        final Map<String, JsonValue> before = plantPoints();
        runtime.advance(Duration.ofHours(1)).get(30, TimeUnit.SECONDS);
        assertThat(plantPoints()).as("the plant changed during the outage").isNotEqualTo(before);
        Await.until("merges into the stopped twin server are retried",
                () -> connector.statistics().mergesRetried() > 0 && connector.statistics().valuesBuffered() > 0);

        twins = TwinServer.start(twinServerConfig().withPort(port)).get(60, TimeUnit.SECONDS);
        // Nothing new happens in the plant from here: what reaches the twin was held through the outage.
        awaitTwinShowsPlant();
        Await.until("the buffer is empty", () -> connector.statistics().valuesBuffered() == 0);
        assertThat(connector.statistics().valuesDropped()).isZero();
        assertThat(connector.statistics().mergesFailed()).isZero();

        // The event subscription came back by itself: a desired value set now is applied, once.
        final long applied = connector.statistics().desiredApplied();
        putDesired(CNC, "Speed", JsonValue.of(95.0));
        final JsonObject report = awaitReport(CNC, "Speed", JsonValue.of(95.0));
        assertThat(report.getValue("status")).contains(JsonValue.of("applied"));
        // it replaced the earlier rejection of 500 entirely: no reason is left over from that one
        assertThat(report.getValue("rejectedBy")).as("report %s", report).isEmpty();
        assertThat(report.getValue("reason")).as("report %s", report).isEmpty();
        Await.until("the plant's cnc-1 runs at 95 %", () -> machine("cnc-1").speedPercent() == 95.0);
        assertThat(connector.statistics().desiredApplied()).isEqualTo(applied + 1);
    }

    @Test
    @Order(8)
    void valuesFlowAgainAfterThePlantServerIsRestarted() throws Exception {
        final PlantServerConfig plantConfig = plant.config(); // same port and PKI directory: trust stays as it was
        plant.stop().get(30, TimeUnit.SECONDS);

        // The machines go on while their OPC UA server is away.
        runtime.advance(Duration.ofHours(1)).get(30, TimeUnit.SECONDS);
        assertThat(twinPoints()).as("the twin cannot know yet").isNotEqualTo(plantPoints());
        plant = PlantOpcUaServer.start(plantConfig, runtime).get(60, TimeUnit.SECONDS);

        // The restarted server has forgotten the subscriptions; re-created, they report the current values first.
        awaitTwinShowsPlant();
        // one subscription for the three twins on the plant's session
        assertThat(connector.statistics().subscriptionsRecreated()).isGreaterThanOrEqualTo(1);

        // And changes flow again.
        runtime.advance(Duration.ofHours(1)).get(30, TimeUnit.SECONDS);
        awaitTwinShowsPlant();

        // Desired values reach the machine over the new session: the machine answers (it may refuse, if the
        // simulated hours left it failed or in maintenance), rather than the write not completing.
        putDesired(CNC, "Speed", JsonValue.of(105.0));
        final JsonObject report = awaitReport(CNC, "Speed", JsonValue.of(105.0));
        assertThat(report.getValue("rejectedBy")).as("report %s", report).isNotEqualTo(
                Optional.of(JsonValue.of("connector")));
    }

    @Test
    @Order(9)
    void theTwinsJobQueueAndJobSequenceFollowThePlantsQueue() throws Exception {
        runtime.advance(Duration.ofMinutes(30)).get(30, TimeUnit.SECONDS);
        for (final ThingId id : List.of(CNC, PRESS, ROBOT)) {
            awaitTwinShowsJobs(id);
        }
        final JsonArray press = property(PRESS, "OperationalData", "JobQueue").orElseThrow().asArray();
        assertThat(press).as("the press's queue is the order backlog, always full").hasSize(3);
        assertThat(press.get(0).orElseThrow().asObject().getValue("DueDate").orElseThrow().asString())
                .as("ISO-8601 UTC, simulated time").matches("2026-01-0\\dT\\d\\d:\\d\\d:\\d\\dZ");

        // The queue moves on; the twin follows.
        final List<String> before = machine("press-1").jobQueue();
        runtime.advance(Duration.ofHours(2)).get(30, TimeUnit.SECONDS);
        assertThat(machine("press-1").jobQueue()).isNotEqualTo(before);
        for (final ThingId id : List.of(CNC, PRESS, ROBOT)) {
            awaitTwinShowsJobs(id);
        }
        assertThat(connector.statistics().badData(BadDataKind.INCONSISTENT_ARRAYS)).isZero();
        // due dates are on the plant's clock, which every machine's twin shows too (the scheduler's "now")
        final java.time.Instant plantNow = runtime.latest().time();
        Await.until("Press01 SimulationTime reaches the plant's " + plantNow, () -> property(PRESS, "OperationalData",
                "SimulationTime").map(t -> !java.time.Instant.parse(t.asString()).isBefore(plantNow)).orElse(false));
    }

    @Test
    @Order(10)
    void aDesiredJobSequenceThatReordersTheWaitingJobsIsAppliedAndReported() {
        final List<String> waiting = machine("press-1").jobQueue();
        final List<String> reordered = new ArrayList<>(waiting);
        Collections.reverse(reordered);
        final JsonValue desired = strings(reordered);

        putDesired(PRESS, "JobSequence", desired);

        final JsonObject report = awaitReport(PRESS, "JobSequence", desired);
        assertThat(report.getValue("status")).as("report %s", report).contains(JsonValue.of("applied"));
        assertThat(report.getValue("node")).contains(JsonValue.of("nsu=urn:twinloop:plant;s=press-1/JobSequence"));
        assertThat(machine("press-1").jobQueue()).isEqualTo(reordered);
        awaitTwinShowsJobs(PRESS);
        assertThat(property(PRESS, "OperationalData", "JobSequence")).contains(desired);
    }

    @Test
    @Order(11)
    void aDesiredJobSequenceThatIsNoReorderingIsRejectedByThePlantAndTheQueueStays() {
        final List<String> waiting = machine("press-1").jobQueue();

        final List<String> unknownJob = new ArrayList<>(waiting);
        unknownJob.set(0, "J99999");
        JsonObject report = awaitReport(PRESS, "JobSequence", putDesired(PRESS, "JobSequence", strings(unknownJob)));
        assertThat(report.getValue("status")).as("report %s", report).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("rejectedBy")).contains(JsonValue.of("device"));
        assertThat(report.getValue("opcUaStatus")).contains(JsonValue.of("Bad_InvalidArgument"));
        assertThat(report.getValue("reason").orElseThrow().asString()).isNotBlank();
        assertThat(machine("press-1").jobQueue()).isEqualTo(waiting);

        // a stale set: the sequence the scheduler saw before a job left the queue
        final List<String> stale = waiting.subList(0, waiting.size() - 1);
        report = awaitReport(PRESS, "JobSequence", putDesired(PRESS, "JobSequence", strings(stale)));
        assertThat(report.getValue("status")).as("report %s", report).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("opcUaStatus")).contains(JsonValue.of("Bad_InvalidArgument"));
        assertThat(machine("press-1").jobQueue()).isEqualTo(waiting);
        awaitTwinShowsJobs(PRESS);
    }

    @Test
    @Order(12)
    void aMalformedDesiredJobSequenceIsRejectedByTheConnectorNamingWhatIsWrong() {
        final List<String> waiting = machine("cnc-1").jobQueue();

        JsonObject report = awaitReport(CNC, "JobSequence", putDesired(CNC, "JobSequence",
                JsonValue.of(String.join(",", waiting))));
        assertThat(report.getValue("status")).as("report %s", report).contains(JsonValue.of("rejected"));
        assertThat(report.getValue("rejectedBy")).contains(JsonValue.of("connector"));
        assertThat(report.getValue("reason").orElseThrow().asString())
                .contains("JobSequence").contains("not an array").contains("array of string");

        report = awaitReport(CNC, "JobSequence", putDesired(CNC, "JobSequence",
                JsonArray.newBuilder().add("J00001").add(2).build()));
        assertThat(report.getValue("rejectedBy")).as("report %s", report).contains(JsonValue.of("connector"));
        assertThat(report.getValue("reason").orElseThrow().asString())
                .contains("JobSequence").contains("element [1] is 2, not a string");
        assertThat(machine("cnc-1").jobQueue()).isEqualTo(waiting);
    }

    /** The twin's JobSequence and JobQueue show the machine's waiting jobs as the plant has them now. */
    private static void awaitTwinShowsJobs(final ThingId id) {
        final MachineSnapshot machine = machine(MACHINES.get(id));
        final JsonArrayBuilder queue = JsonArray.newBuilder();
        for (final Job job : machine.waitingJobs()) {
            queue.add(JsonObject.newBuilder().set("JobId", job.id()).set("DueDate", job.dueDate().toString())
                    .set("Quantity", job.parts()).build());
        }
        final JsonValue expectedQueue = JsonFactory.readFrom(queue.build().toString());
        final JsonValue expectedSequence = strings(machine.jobQueue());
        Await.until(id + " JobQueue = " + expectedQueue + " and JobSequence = " + expectedSequence,
                () -> property(id, "OperationalData", "JobQueue").equals(Optional.of(expectedQueue))
                        && property(id, "OperationalData", "JobSequence").equals(Optional.of(expectedSequence)));
    }

    private static JsonArray strings(final List<String> values) {
        final JsonArrayBuilder array = JsonArray.newBuilder();
        values.forEach(array::add);
        return array.build();
    }

    @Test
    @Order(13)
    void theCncsQualitySignalReachesTheTwinAndADesiredToolOffsetTheMachine() throws Exception {
        runtime.advance(Duration.ofHours(1)).get(30, TimeUnit.SECONDS);
        final MachineSnapshot cnc = machine("cnc-1");
        final double deviation = cnc.quality().orElseThrow().dimensionDeviationUm();
        Await.until("CNC01 DimensionDeviation = plant's " + deviation, () -> property(CNC, "OperationalData",
                "DimensionDeviation").equals(Optional.of(JsonValue.of(deviation))));
        assertThat(property(CNC, "OperationalData", "PartsScrapped")).contains(JsonValue.of(
                cnc.quality().orElseThrow().partsScrapped()));

        putDesired(CNC, "ToolOffset", JsonValue.of(-7.5));
        assertThat(awaitReport(CNC, "ToolOffset", JsonValue.of(-7.5)).getValue("status"))
                .contains(JsonValue.of("applied"));
        Await.until("the plant's cnc-1 tool offset is -7.5 µm",
                () -> machine("cnc-1").quality().orElseThrow().toolOffsetUm() == -7.5);

        putDesired(CNC, "ToolOffset", JsonValue.of(80));
        final JsonObject refused = awaitReport(CNC, "ToolOffset", JsonValue.of(80));
        assertThat(refused.getValue("rejectedBy")).contains(JsonValue.of("connector"));
        assertThat(refused.getValue("reason").orElseThrow().asString()).contains("min_max [-50.0, 50.0]");
        assertThat(machine("cnc-1").quality().orElseThrow().toolOffsetUm()).isEqualTo(-7.5);
    }

    /** The twin shows the plant's latest values of every machine, for the points compared. */
    private static void awaitTwinShowsPlant() {
        final Map<String, JsonValue> plant = plantPoints();
        Await.until("the twin shows the plant's values " + plant, () -> twinPoints().equals(plant));
    }

    /**
     * The plant's values of the points this test's AAS maps without bad data, by twin and property (Robot01's
     * State and Press01's PartsProduced are mapped to bad nodes on purpose, Robot01's Speed has a range its
     * value lies outside of).
     */
    private static Map<String, JsonValue> plantPoints() {
        final Map<String, JsonValue> points = new TreeMap<>();
        for (final ThingId id : List.of(CNC, PRESS, ROBOT)) {
            final MachineSnapshot machine = machine(MACHINES.get(id));
            if (!id.equals(ROBOT)) {
                points.put(id + "/State", JsonValue.of(machine.state().name()));
            }
            if (!id.equals(PRESS)) {
                points.put(id + "/PartsProduced", JsonValue.of(machine.partsProduced()));
            }
            points.put(id + "/HealthIndex", JsonValue.of(machine.health()));
            points.put(id + "/PowerDraw", JsonValue.of(machine.powerKw()));
            points.put(id + "/Temperature", JsonValue.of(machine.temperature()));
            points.put(id + "/Vibration", JsonValue.of(machine.vibration()));
        }
        return points;
    }

    /** The twin's values of the same points. */
    private static Map<String, JsonValue> twinPoints() {
        final Map<String, JsonValue> points = new TreeMap<>();
        for (final String key : plantPoints().keySet()) {
            final int slash = key.lastIndexOf('/');
            property(ThingId.of(key.substring(0, slash)), "OperationalData", key.substring(slash + 1))
                    .ifPresent(value -> points.put(key, value));
        }
        return points;
    }

    private static JsonObject awaitReport(final ThingId id, final String property, final JsonValue value) {
        Await.until("a reconciliation report for " + id + " " + property + " = " + value,
                () -> reportOf(id, property).flatMap(r -> r.getValue("value")).equals(Optional.of(value)));
        return reportOf(id, property).orElseThrow();
    }

    private static Optional<JsonObject> reportOf(final ThingId id, final String property) {
        return property(id, "Reconciliation", "OperationalData/" + property).filter(JsonValue::isObject)
                .map(JsonValue::asObject);
    }

    private static Optional<JsonValue> property(final ThingId id, final String feature, final String pointer) {
        return ditto.retrieveThing(id).join().getFeatures().flatMap(f -> f.getFeature(feature))
                .flatMap(f -> f.getProperty(JsonPointer.of(pointer)));
    }

    private static JsonValue putDesired(final ThingId id, final String property, final JsonValue value) {
        ditto.putFeatureDesiredProperty(id, "OperationalData", JsonPointer.of(property), value,
                RequestOptions.none()).join();
        return value;
    }

    private static void mergeFeatures(final ThingId id, final String patch) {
        ditto.merge(TwinPath.thing(id).features(), JsonObject.of(patch), RequestOptions.none()).join();
    }

    private static MachineSnapshot machine(final String id) {
        return runtime.latest().machine(id).orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
