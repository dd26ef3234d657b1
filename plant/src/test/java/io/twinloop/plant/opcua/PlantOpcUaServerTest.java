package io.twinloop.plant.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.runtime.PlantRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.sdk.client.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Milo client against the real server over a real socket. The plant does not tick on its own here: the
 * tests advance simulated time explicitly, so what they see does not depend on the machine's speed; only waits for
 * subscription notifications use (generous) real-time timeouts.
 */
class PlantOpcUaServerTest {

    private static final String USER = ServedPlant.USER;
    private static final String PASSWORD = ServedPlant.PASSWORD;
    private static final long WAIT_SECONDS = ServedPlant.WAIT_SECONDS;

    @TempDir
    static Path tmp;

    private static ServedPlant plant;
    private static PlantRuntime runtime;
    private static PlantOpcUaServer server;
    private static TestClient testClient;
    private static OpcUaClient client;

    @BeforeAll
    static void start() throws Exception {
        plant = ServedPlant.start(tmp, 11);
        runtime = plant.runtime();
        server = plant.server();
        testClient = plant.testClient();
        client = plant.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (plant != null) {
            plant.close();
        }
    }

    private static NodeId node(final String id) {
        return TestClient.node(client, id);
    }

    private static Object read(final String id) throws UaException {
        final DataValue value = client.readValue(0, TimestampsToReturn.Both, node(id));
        assertThat(value.statusCode().isGood()).as("read %s: %s", id, value.statusCode()).isTrue();
        return value.value().value();
    }

    private static StatusCode write(final String id, final Variant value) throws UaException {
        return client.writeValues(List.of(node(id)), List.of(DataValue.valueOnly(value))).get(0);
    }

    private static void advance(final Duration simulated) throws Exception {
        runtime.advance(simulated).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void browsesTheLineAndReadsEachMachinesVariables() throws Exception {
        final List<? extends UaNode> objects = client.getAddressSpace().browseNodes(NodeIds.ObjectsFolder);
        final UaNode plant = objects.stream().filter(n -> n.getBrowseName().name().equals("Plant")).findFirst()
                .orElseThrow();
        final List<String> children = client.getAddressSpace().browseNodes(plant).stream()
                .map(n -> n.getBrowseName().name()).toList();
        assertThat(children).contains("press-1", "cnc-1", "robot-1", "conveyor-1", "SimulationTime",
                "JobsShipped");

        final List<String> variables = client.getAddressSpace().browseNodes(node("cnc-1")).stream()
                .map(n -> n.getBrowseName().name()).toList();
        assertThat(variables).containsExactlyInAnyOrder("Kind", "State", "Mode", "Speed", "SpeedMin", "SpeedMax",
                "Power", "Energy", "Vibration", "Temperature", "Current", "Health", "WearHours", "PartsProduced",
                "JobsCompleted", "Failures", "CurrentJob", "JobSequence", "JobDueDates", "JobParts",
                "MaintenanceRequest", "DimensionDeviation", "DimensionTolerance", "ToolOffset", "ToolOffsetMin",
                "ToolOffsetMax", "PartsScrapped");
        final List<String> pressVariables = client.getAddressSpace().browseNodes(node("press-1")).stream()
                .map(n -> n.getBrowseName().name()).toList();
        assertThat(pressVariables).as("only the CNC measures a dimension").contains("Speed")
                .doesNotContain("DimensionDeviation", "ToolOffset", "PartsScrapped");

        assertThat(read("cnc-1/Kind")).isEqualTo("CNC_MACHINING");
        assertThat(read("press-1/SpeedMax")).isEqualTo(120.0);
        assertThat(read("cnc-1/Health")).isInstanceOf(Double.class);
        assertThat(read("cnc-1/PartsProduced")).isInstanceOf(Long.class);
        assertThat((String[]) read("press-1/JobSequence")).hasSize(3);
    }

    @Test
    void subscriptionsSeeValuesChangeAsTheSimulationAdvances() throws Exception {
        final OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
        subscription.create();
        try {
            final CompletableFuture<Long> produced = new CompletableFuture<>();
            final OpcUaMonitoredItem parts = OpcUaMonitoredItem.newDataItem(node("conveyor-1/PartsProduced"));
            parts.setSamplingInterval(50.0);
            parts.setDataValueListener((item, value) -> {
                if (value.value().value() instanceof Long count && count > 0) {
                    produced.complete(count);
                }
            });
            final AtomicReference<Object> firstTime = new AtomicReference<>();
            final CompletableFuture<Object> timeMoved = new CompletableFuture<>();
            final OpcUaMonitoredItem time = OpcUaMonitoredItem.newDataItem(node("Plant/SimulationTime"));
            time.setSamplingInterval(50.0);
            time.setDataValueListener((item, value) -> {
                final Object now = value.value().value();
                if (!firstTime.compareAndSet(null, now) && !now.equals(firstTime.get())) {
                    timeMoved.complete(now);
                }
            });
            subscription.addMonitoredItems(List.of(parts, time));
            subscription.synchronizeMonitoredItems();

            // Parts reach the conveyor once the press, CNC and robot have each finished a job: a few hours.
            advance(Duration.ofHours(8));
            assertThat(produced.get(WAIT_SECONDS, TimeUnit.SECONDS)).isPositive();
            assertThat(timeMoved.get(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        } finally {
            subscription.delete();
        }
    }

    @Test
    void aSetpointWriteReachesTheMachine() throws Exception {
        assertThat(read("robot-1/Mode")).isEqualTo("RUN");

        assertThat(write("robot-1/Mode", Variant.ofString("STANDBY")).isGood()).isTrue();
        assertThat(write("robot-1/Speed", Variant.ofDouble(80.0)).isGood()).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(read("robot-1/Mode")).isEqualTo("STANDBY");
        assertThat(read("robot-1/State")).isEqualTo("STANDBY");
        assertThat(read("robot-1/Power")).isEqualTo(1.5); // the robot cell's standby draw, kW
        assertThat(read("robot-1/Speed")).isEqualTo(80.0);

        final long partsBefore = (Long) read("robot-1/PartsProduced");
        advance(Duration.ofHours(4));
        assertThat(read("robot-1/PartsProduced")).as("no work in standby").isEqualTo(partsBefore);

        assertThat(write("robot-1/Mode", Variant.ofString("run")).isGood()).isTrue();
        advance(Duration.ofHours(1));
        assertThat((Long) read("robot-1/PartsProduced")).as("the queued jobs are worked off").isGreaterThan(partsBefore);
    }

    @Test
    void theJobSequenceCanBeReorderedButNotChangedInContent() throws Exception {
        // The press is first on the line: its queue is the order backlog, always full.
        final String[] waiting = (String[]) read("press-1/JobSequence");
        assertThat(waiting).hasSizeGreaterThan(1);
        final String[] reversed = new String[waiting.length];
        for (int i = 0; i < waiting.length; i++) {
            reversed[i] = waiting[waiting.length - 1 - i];
        }

        assertThat(write("press-1/JobSequence", Variant.ofStringArray(reversed)).isGood()).isTrue();
        assertThat((String[]) read("press-1/JobSequence")).containsExactly(reversed);

        final StatusCode unknownJob = write("press-1/JobSequence", Variant.ofStringArray(new String[] {"J99999"}));
        assertThat(unknownJob.value()).isEqualTo(StatusCodes.Bad_InvalidArgument);
        assertThat((String[]) read("press-1/JobSequence")).containsExactly(reversed);
    }

    /** The three job arrays of a machine, read in one request. */
    private static List<DataValue> jobArrays(final String machine) throws UaException {
        return client.readValues(0, TimestampsToReturn.Both, List.of(node(machine + "/JobSequence"),
                node(machine + "/JobDueDates"), node(machine + "/JobParts")));
    }

    /** The arrays as the plant's waiting jobs: [id, due date, parts] per job. */
    private static List<List<Object>> jobsOf(final List<DataValue> arrays) {
        final String[] ids = (String[]) arrays.get(0).value().value();
        final DateTime[] due = (DateTime[]) arrays.get(1).value().value();
        final Integer[] parts = (Integer[]) arrays.get(2).value().value();
        assertThat(due).hasSameSizeAs(ids);
        assertThat(parts).hasSameSizeAs(ids);
        final List<List<Object>> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            jobs.add(List.of(ids[i], due[i].getJavaInstant(), parts[i]));
        }
        return jobs;
    }

    private static List<List<Object>> jobsOf(final MachineSnapshot machine) {
        return machine.waitingJobs().stream().map(job -> List.<Object>of(job.id(), job.dueDate(), job.parts()))
                .toList();
    }

    @Test
    void theJobArraysShowTheWaitingJobsInOneOrderWithOneSourceTimestamp() throws Exception {
        advance(Duration.ofMinutes(30)); // jobs have reached the CNC's queue
        final List<DataValue> arrays = jobArrays("cnc-1");
        assertThat(arrays).allSatisfy(value -> assertThat(value.statusCode().isGood()).isTrue());
        assertThat(arrays.get(1).value().value()).as("DateTime[]").isInstanceOf(DateTime[].class);
        assertThat(arrays.get(2).value().value()).as("Int32[]").isInstanceOf(Integer[].class);
        final MachineSnapshot cnc = runtime.latest().machine("cnc-1").orElseThrow();
        assertThat(cnc.waitingJobs()).isNotEmpty();
        assertThat(jobsOf(arrays)).isEqualTo(jobsOf(cnc));
        assertThat(arrays).extracting(DataValue::sourceTime).as("one sample").containsOnly(arrays.get(0).sourceTime());

        // Time goes on without the queue changing: the arrays keep the stamp of their sample.
        final List<String> before = cnc.jobQueue();
        advance(Duration.ofSeconds(1));
        if (runtime.latest().machine("cnc-1").orElseThrow().jobQueue().equals(before)) {
            assertThat(jobArrays("cnc-1")).extracting(DataValue::sourceTime).containsOnly(arrays.get(0).sourceTime());
        }
    }

    @Test
    void aValueThatStaysTheSameKeepsTheSourceTimestampOfItsLastChange() throws Exception {
        final DataValue before = client.readValue(0, TimestampsToReturn.Both, node("conveyor-1/Speed"));
        final DataValue clockBefore = client.readValue(0, TimestampsToReturn.Both, node("Plant/SimulationTime"));

        advance(Duration.ofSeconds(30));

        final DataValue after = client.readValue(0, TimestampsToReturn.Both, node("conveyor-1/Speed"));
        assertThat(after.value()).as("the conveyor's speed was not changed").isEqualTo(before.value());
        assertThat(after.sourceTime()).isEqualTo(before.sourceTime());
        final DataValue clockAfter = client.readValue(0, TimestampsToReturn.Both, node("Plant/SimulationTime"));
        assertThat(clockAfter.value()).isNotEqualTo(clockBefore.value());
        assertThat(clockAfter.sourceTime().getUtcTime()).isGreaterThan(clockBefore.sourceTime().getUtcTime());
    }

    @Test
    void aReorderedJobSequenceReordersDueDatesAndPartsInTheSameSample() throws Exception {
        final List<List<Object>> jobs = jobsOf(jobArrays("press-1"));
        assertThat(jobs).hasSizeGreaterThan(1);
        final List<List<Object>> reversed = new java.util.ArrayList<>(jobs);
        java.util.Collections.reverse(reversed);

        assertThat(write("press-1/JobSequence", Variant.ofStringArray(reversed.stream().map(j -> (String) j.get(0))
                .toArray(String[]::new))).isGood()).isTrue();
        final List<DataValue> after = jobArrays("press-1");
        assertThat(jobsOf(after)).isEqualTo(reversed);
        assertThat(after).extracting(DataValue::sourceTime).containsOnly(after.get(0).sourceTime());
    }

    @Test
    void outOfRangeWritesAreRefusedWithBadOutOfRange() throws Exception {
        final Object before = read("conveyor-1/Speed");
        assertThat(write("conveyor-1/Speed", Variant.ofDouble(500.0)).value()).isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(write("conveyor-1/Speed", Variant.ofDouble(-1.0)).value()).isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(write("conveyor-1/Mode", Variant.ofString("FAST")).value()).isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(write("conveyor-1/Speed", Variant.ofString("fast")).value())
                .isEqualTo(StatusCodes.Bad_TypeMismatch);
        // Milo checks the user access level first, so a read-only variable answers Bad_UserAccessDenied.
        assertThat(write("conveyor-1/Power", Variant.ofDouble(1.0)).value())
                .isIn(StatusCodes.Bad_NotWritable, StatusCodes.Bad_UserAccessDenied);
        assertThat(read("conveyor-1/Speed")).isEqualTo(before);
    }

    @Test
    void theToolOffsetIsWritableWithinItsBoundsAndTheDimensionIsMeasured() throws Exception {
        advance(Duration.ofHours(1));
        assertThat((Long) read("cnc-1/PartsProduced")).isPositive();
        assertThat((Double) read("cnc-1/DimensionDeviation")).isNotZero().isBetween(-60.0, 60.0);
        assertThat(read("cnc-1/DimensionTolerance")).isEqualTo(20.0);
        assertThat(read("cnc-1/ToolOffsetMin")).isEqualTo(-50.0);
        assertThat(read("cnc-1/ToolOffsetMax")).isEqualTo(50.0);
        assertThat(read("cnc-1/PartsScrapped")).isInstanceOf(Long.class);

        assertThat(write("cnc-1/ToolOffset", Variant.ofDouble(-12.5)).isGood()).isTrue();
        assertThat(read("cnc-1/ToolOffset")).isEqualTo(-12.5);
        assertThat(write("cnc-1/ToolOffset", Variant.ofDouble(50.5)).value()).isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(write("cnc-1/ToolOffset", Variant.ofDouble(Double.NaN)).value())
                .isEqualTo(StatusCodes.Bad_OutOfRange);
        assertThat(write("cnc-1/ToolOffsetMax", Variant.ofDouble(80.0)).value())
                .isIn(StatusCodes.Bad_NotWritable, StatusCodes.Bad_UserAccessDenied);
        assertThat(read("cnc-1/ToolOffset")).isEqualTo(-12.5);
        assertThat(write("cnc-1/ToolOffset", Variant.ofDouble(0.0)).isGood()).isTrue();
    }

    @Test
    void writesTheMachinesStateForbidsAreRefusedWithBadInvalidState() throws Exception {
        assertThat(write("press-1/MaintenanceRequest", Variant.ofBoolean(true)).isGood()).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(read("press-1/State")).isEqualTo("MAINTENANCE");
        assertThat(read("press-1/MaintenanceRequest")).isEqualTo(true);

        assertThat(write("press-1/Mode", Variant.ofString("RUN")).value()).isEqualTo(StatusCodes.Bad_InvalidState);
        assertThat(write("press-1/Speed", Variant.ofDouble(90.0)).value()).isEqualTo(StatusCodes.Bad_InvalidState);
        assertThat(write("press-1/MaintenanceRequest", Variant.ofBoolean(true)).value())
                .isEqualTo(StatusCodes.Bad_InvalidState);

        advance(Duration.ofHours(3)); // the press's preventive maintenance time
        assertThat(read("press-1/State")).isNotEqualTo("MAINTENANCE");
        assertThat((Double) read("press-1/Health")).isGreaterThan(0.9999); // as good as new
        assertThat(write("press-1/Speed", Variant.ofDouble(90.0)).isGood()).isTrue();
    }

    @Test
    void basic256Sha256SignAndEncryptAndSignWorkWithAUserName() throws Exception {
        for (final MessageSecurityMode mode : List.of(MessageSecurityMode.SignAndEncrypt,
                MessageSecurityMode.Sign)) {
            final OpcUaClient secure = testClient.connect(server.endpointUrl(), SecurityPolicy.Basic256Sha256, mode,
                    USER, PASSWORD);
            try {
                assertThat(secure.getConfig().getEndpoint().getSecurityMode()).isEqualTo(mode);
                final DataValue kind = secure.readValue(0, TimestampsToReturn.Both,
                        TestClient.node(secure, "cnc-1/Kind"));
                assertThat(kind.value().value()).isEqualTo("CNC_MACHINING");
                final StatusCode written = secure.writeValues(List.of(TestClient.node(secure, "cnc-1/Speed")),
                        List.of(DataValue.valueOnly(Variant.ofDouble(110.0)))).get(0);
                assertThat(written.isGood()).isTrue();
            } finally {
                secure.disconnect();
            }
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        for (final SecurityPolicy policy : List.of(SecurityPolicy.None, SecurityPolicy.Basic256Sha256)) {
            final MessageSecurityMode mode = policy == SecurityPolicy.None ? MessageSecurityMode.None
                    : MessageSecurityMode.SignAndEncrypt;
            assertThatThrownBy(() -> testClient.connect(server.endpointUrl(), policy, mode, USER, "wrong"))
                    .isInstanceOf(UaException.class)
                    .satisfies(e -> assertThat(((UaException) e).getStatusCode().isBad()).isTrue());
            assertThatThrownBy(() -> testClient.connect(server.endpointUrl(), policy, mode, "mallory", PASSWORD))
                    .isInstanceOf(UaException.class);
        }
        assertThatThrownBy(() -> testClient.connect(server.endpointUrl(), SecurityPolicy.None,
                MessageSecurityMode.None, null, null))
                .as("anonymous is off by default").isInstanceOf(UaException.class);
    }

    @Test
    void aClientWhoseCertificateIsNotTrustedIsRefusedAndQuarantined() throws Exception {
        final TestClient stranger = TestClient.create(tmp.resolve("stranger-pki"));
        stranger.trustServer(server.certificate());

        assertThatThrownBy(() -> stranger.connect(server.endpointUrl(), SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, USER, PASSWORD))
                .isInstanceOf(UaException.class)
                .satisfies(e -> assertThat(((UaException) e).getStatusCode().value())
                        .isEqualTo(StatusCodes.Bad_SecurityChecksFailed));
        assertThat(server.rejectedCertificates()).contains(stranger.certificate());

        server.trust(stranger.certificate());
        stranger.connect(server.endpointUrl(), SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                USER, PASSWORD).disconnect();
        stranger.close();
    }
}
