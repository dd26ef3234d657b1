package io.twinloop.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.twin.DemoLines;
import io.twinloop.cli.twin.LivePlant;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.cli.twin.ThingPublisher;
import io.twinloop.connectors.ConnectorStatistics;
import io.twinloop.connectors.OpcUaConnectorService;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinEventListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench opcua}: OPC UA values into the twin, end to end. The demo's setup in one JVM (as
 * {@code twinloop demo} wires it, see {@code LivePlant}): the embedded twin server with the demo twins, the simulated
 * plant behind its OPC UA server (Basic256Sha256, username), and the OPC UA connector configured by the twins' AID +
 * AIMC, here with short tick, sampling, publishing and batch intervals. The plant's listener records when each new
 * value of a mapped numeric data point was published; a subscriber of the twin's events looks up each value a merge
 * event carries and takes the latency from there. The load is what the demo has: 3 machines with an OPC UA interface
 * × the data points their AAS maps, changing as often as the plant ticks; {@code --lines} multiplies the line.
 */
@Command(name = "opcua", mixinStandardHelpOptions = true,
        description = "OPC UA values/s into the twin and latency from the plant's change to the twin's event.")
public final class OpcUaBench implements Callable<Integer> {

    /** The numeric data points the demo AIMC maps into OperationalData: twin property → the plant's value. */
    private static final Map<String, Function<MachineSnapshot, Double>> POINTS = Map.of(
            "Temperature", MachineSnapshot::temperature, "Vibration", MachineSnapshot::vibration,
            "PowerDraw", MachineSnapshot::powerKw, "HealthIndex", MachineSnapshot::health,
            "PartsProduced", m -> (double) m.partsProduced(), "Speed", MachineSnapshot::speedPercent);
    private static final List<String> POINT_ORDER = List.copyOf(POINTS.keySet());
    private static final String FEATURE = "OperationalData";
    private static final String CONNECTOR = "connector";
    private static final String OBSERVER = "bench-observer";
    /**
     * How long a published value stays recorded: far beyond any latency worth measuring (a later arrival counts as
     * not found), and short, as every record lives through young collections: kept 30 s, the records of 10,000
     * changes/s were 60 MB copied at each of them, the bench's own 35-70 ms pauses.
     */
    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(3);

    @CommandLine.Mixin
    private MeasuredWindow timing;

    @Option(names = "--lines", defaultValue = "1",
            description = "copies of the demo's line (3 machines with OPC UA each) in the plant and the twins "
                    + "(default ${DEFAULT-VALUE}, the demo)")
    private int lines;

    @Option(names = "--tick-ms", defaultValue = "10",
            description = "real-time interval of the plant's steps, ms (default ${DEFAULT-VALUE})")
    private int tickMillis;

    @Option(names = "--speed-factor", defaultValue = "60",
            description = "how much faster than real time the plant runs (default ${DEFAULT-VALUE}, as the demo)")
    private double speedFactor;

    @Option(names = "--sampling-ms", defaultValue = "10",
            description = "the connector's sampling interval, ms (default ${DEFAULT-VALUE})")
    private int samplingMillis;

    @Option(names = "--publishing-ms", defaultValue = "10",
            description = "the connector's publishing interval, ms (default ${DEFAULT-VALUE})")
    private int publishingMillis;

    @Option(names = "--batch-window-ms", defaultValue = "10",
            description = "the connector's batch window, ms (default ${DEFAULT-VALUE})")
    private int batchWindowMillis;

    @Option(names = "--security", defaultValue = "SignAndEncrypt",
            description = "the OPC UA security mode the twins' AID asks for: SignAndEncrypt (as the demo), Sign "
                    + "(both Basic256Sha256) or None (default ${DEFAULT-VALUE})")
    private String security;

    @Option(names = "--observer", defaultValue = "raw",
            description = "what receives the twin's events to time them: raw (the JDK's WebSocket client and "
                    + "Jackson, next to no cost) or client (TwinLoop's twin client, which builds Ditto's event "
                    + "objects, as the optimizer receives them) (default ${DEFAULT-VALUE})")
    private String observer;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The parts of this JVM the CPU is split by, told by their threads' names. */
    private static final List<ThreadCpu.Part> PARTS = List.of(
            ThreadCpu.Part.prefixed("twin server", "twin-server-", "twin-store-"),
            ThreadCpu.Part.prefixed("Milo server+client (transport, crypto, publishing)", "milo-"),
            ThreadCpu.Part.prefixed("plant (simulation, OPC UA values, sampling)", "twinloop-plant"),
            ThreadCpu.Part.prefixed("connector (values, batching)", "twinloop-opcua-connector"),
            ThreadCpu.Part.prefixed("twin client WebSockets (connector's merges; events with --observer client)",
                    "ditto-client-", "HttpClient-"),
            ThreadCpu.Part.prefixed("bench observer (--observer raw)", OBSERVER));

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final String[] policyAndMode = securityOf(security);
        final DemoLines shopFloor = new DemoLines(lines);
        final Map<String, ThingId> machines = shopFloor.machines();
        final Path data = BenchServer.createDataFolder();
        final String[] connectorUser = {CONNECTOR, CONNECTOR};
        try (BenchServer twin = BenchServer.start(BenchServer.config(data).withUser(CONNECTOR, CONNECTOR))) {
            final DittoClient owner = twin.client();
            new ThingPublisher(owner, new PolicyTemplate("nginx:" + BenchServer.USER,
                    PolicyTemplate.DEFAULT_OPTIMIZER, "nginx:" + CONNECTOR), new PrintWriter(Writer.nullWriter()),
                    false).publish(shopFloor.things());
            for (final ThingId machine : machines.values()) {
                owner.merge(TwinPath.thing(machine), JsonFactory.newObject("{\"features\":{"
                        + "\"AssetInterfacesDescription\":{\"properties\":{\"InterfaceOPCUA\":{\"EndpointMetadata\":"
                        + "{\"securityDefinitions\":{\"opcua_channel_sc\":{\"uav_securityPolicy\":\""
                        + policyAndMode[0] + "\",\"uav_securityMode\":\"" + policyAndMode[1] + "\"}}}}}}}}"),
                        RequestOptions.none()).join();
            }
            // the demo's shop floor, with short intervals
            try (LivePlant plant = LivePlant.start(data, new LivePlant.Settings(0, speedFactor,
                    Duration.ofMillis(tickMillis), Duration.ofMillis(samplingMillis),
                    Duration.ofMillis(publishingMillis), Duration.ofMillis(batchWindowMillis), shopFloor), owner,
                    twin.uri(), connectorUser)) {
                final Published published = new Published(machines);
                plant.runtime().addListener(published);
                final Arrivals arrivals = new Arrivals(published);
                try (AutoCloseable observer = observe(owner, twin, arrivals)) {
                    final ThreadCpu[] parts = new ThreadCpu[1];
                    final MeasuredWindow.Measured window = timing.measure(arrivals.measuring,
                            () -> parts[0] = ThreadCpu.start(PARTS));
                    final Map<String, Long> cpuByPart = parts[0].read();
                    if (observer instanceof RawEventObserver raw && raw.failure() != null) {
                        throw new IllegalStateException("the events' observer failed", raw.failure());
                    }
                    report(out, window, arrivals, published, plant.connector(), machines.size());
                    out.println("CPU per value by part: " + ThreadCpu.perOperation(cpuByPart,
                            arrivals.values.get()) + "; per merge: " + ThreadCpu.perOperation(cpuByPart,
                            arrivals.merges.get()));
                }
            }
        } finally {
            BenchServer.deleteDataFolder(data);
        }
        out.flush();
        return TwinLoop.EXIT_OK;
    }

    /** Subscribes the arrivals to the twin's events the way {@code --observer} names. */
    private AutoCloseable observe(final DittoClient owner, final BenchServer twin, final Arrivals arrivals)
            throws Exception {
        return switch (observer) {
            case "client" -> owner.subscribe(EventSubscription.all(), arrivals).get(10, TimeUnit.SECONDS);
            case "raw" -> {
                final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, OBSERVER));
                final HttpClient http = HttpClient.newBuilder().executor(thread).build();
                final RawEventObserver raw = RawEventObserver.subscribe(http, twin.uri(), BenchServer.USER,
                        BenchServer.USER, arrivals);
                yield () -> {
                    raw.close();
                    thread.shutdown();
                };
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--observer must be raw or client, was " + observer);
        };
    }

    /** The AID's {@code uav_securityPolicy} and {@code uav_securityMode} for {@code --security}. */
    private String[] securityOf(final String mode) {
        return switch (mode) {
            case "SignAndEncrypt" -> new String[] {"Basic256Sha256", "SignAndEncrypt"};
            case "Sign" -> new String[] {"Basic256Sha256", "Sign"};
            case "None" -> new String[] {"None", "None"};
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--security must be SignAndEncrypt, Sign or None, was " + mode);
        };
    }

    private void report(final PrintWriter out, final MeasuredWindow.Measured window, final Arrivals arrivals,
            final Published published, final OpcUaConnectorService connector, final int machines)
            throws InterruptedException {
        final ConnectorStatistics statistics = connector.statistics();
        final Latencies latencies = arrivals.latencies();
        final double values = arrivals.values.get() / window.seconds();
        out.printf(Locale.ROOT, "OPC UA values into the twin, end to end (plant tick %d ms at speed x%.0f, %d "
                + "machines x %d mapped items, security %s, sampling %d ms, publishing %d ms, batch window %d ms), %d s: "
                + "%.0f values/s in the twin's merge events (%.0f merges/s), %d changes of %d numeric points "
                + "timed, %s (from the plant publishing the value to the twin's event; %d values not found "
                + "among the published)%n", tickMillis, speedFactor, machines,
                statistics.monitoredItems() / machines, security, samplingMillis, publishingMillis,
                batchWindowMillis, timing.seconds(), values, arrivals.merges.get() / window.seconds(),
                latencies.count(), POINTS.size(), latencies.summary(), arrivals.unmatched.get());
        out.printf(Locale.ROOT, "the plant meanwhile: %.0f changes/s of those %d points (%d machines)%n",
                published.changes.get() / window.seconds(), POINTS.size(), machines);
        out.println(window.cpu().perOperation(arrivals.values.get(), "value"));
        out.printf(Locale.ROOT, "connector since start: %d monitored items, %d values received (%d out of order, "
                + "left out), %d written, %d merges, %d failed, %d dropped, bad data %s%n",
                statistics.monitoredItems(), statistics.valuesReceived(), statistics.valuesOutOfOrder(),
                statistics.valuesWritten(), statistics.merges(),
                statistics.mergesFailed(), statistics.valuesDropped(), statistics.badData());
    }

    /** A value a point of a twin took: what the arrivals look up (no text is built per value, on either side). */
    private record Sample(String thingId, String point, double value) {}

    /** When a sample was published (nano time), in order, to forget it after {@link #KEEP_NANOS}. */
    private record Timed(Sample sample, long nanos) {}

    /**
     * On the plant's thread: the wall-clock time each new value of a mapped point was published (the plant's OPC UA
     * server sets its variables in a listener of the same snapshot). A value seen again later gets the later time.
     */
    private static final class Published implements java.util.function.Consumer<PlantSnapshot> {

        final Map<Sample, Long> nanosByValue = new ConcurrentHashMap<>();
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicLong changes = new AtomicLong();
        /** Each machine's last values, in the order of {@link #POINT_ORDER}. */
        private final Map<String, double[]> last = new HashMap<>();
        private final ArrayDeque<Timed> order = new ArrayDeque<>();
        private final Map<String, String> thingIds = new HashMap<>();

        Published(final Map<String, ThingId> machines) {
            machines.forEach((machine, thing) -> thingIds.put(machine, thing.toString()));
        }

        @Override
        public void accept(final PlantSnapshot snapshot) {
            final long now = System.nanoTime();
            for (final MachineSnapshot machine : snapshot.machines()) {
                final String thing = thingIds.get(machine.id());
                if (thing == null) {
                    continue;
                }
                final double[] previous = last.computeIfAbsent(machine.id(), id -> {
                    final double[] none = new double[POINT_ORDER.size()];
                    java.util.Arrays.fill(none, Double.NaN);
                    return none;
                });
                for (int i = 0; i < POINT_ORDER.size(); i++) {
                    final String point = POINT_ORDER.get(i);
                    final double value = POINTS.get(point).apply(machine);
                    if (Double.compare(previous[i], value) != 0) {
                        previous[i] = value;
                        final Sample sample = new Sample(thing, point, value);
                        nanosByValue.put(sample, now);
                        order.add(new Timed(sample, now));
                        if (measuring.get()) {
                            changes.incrementAndGet();
                        }
                    }
                }
            }
            while (!order.isEmpty() && now - order.peek().nanos() > KEEP_NANOS) {
                final Timed old = order.poll();
                nanosByValue.remove(old.sample(), old.nanos());
            }
        }
    }

    /**
     * On the observer's reading thread: counts the values in merge events and times the known ones; fed by the raw
     * observer or by the twin client's subscription ({@code --observer}).
     */
    private static final class Arrivals implements TwinEventListener, RawEventObserver.Merges {

        final AtomicBoolean measuring;
        final AtomicLong values = new AtomicLong();
        final AtomicLong merges = new AtomicLong();
        final AtomicLong unmatched = new AtomicLong();
        private final Published published;
        private final Latencies.Recorder recorder = new Latencies.Recorder();
        private volatile boolean done;

        Arrivals(final Published published) {
            this.published = published;
            this.measuring = published.measuring;
        }

        @Override
        public void onEvent(final ThingEvent<?> event) {
            final long now = System.nanoTime();
            if (event instanceof ThingMerged merged && merged.getValue().isObject()) {
                final JsonObject patch = merged.getValue().asObject();
                arrived(merged.getEntityId().toString(), merged.getResourcePath().toString(), leaves(patch), rest -> {
                    final JsonValue value = rest.isEmpty() ? patch : patch.getValue(JsonPointer.of(rest)).orElse(null);
                    return value != null && value.isNumber() ? value.asDouble() : null;
                }, now);
            }
        }

        @Override
        public void merged(final String thingId, final String path, final JsonNode value, final long arrivedNanos) {
            if (value.isObject()) {
                arrived(thingId, path, leaves(value), rest -> {
                    final JsonNode at = rest.isEmpty() ? value : value.at(rest);
                    return at.isNumber() ? at.asDouble() : null;
                }, arrivedNanos);
            }
        }

        /** A merge of {@code leaves} values at {@code path}; {@code numberAt} reads a number below it, or null. */
        private void arrived(final String thingId, final String path, final long leaves,
                final Function<String, Double> numberAt, final long now) {
            if (!measuring.get() || done) {
                return;
            }
            merges.incrementAndGet();
            values.addAndGet(leaves);
            final String prefix = "/".equals(path) ? "" : path;
            for (final String point : POINTS.keySet()) {
                final String target = "/features/" + FEATURE + "/properties/" + point;
                if (!target.startsWith(prefix)) {
                    continue;
                }
                final Double value = numberAt.apply(target.substring(prefix.length()));
                if (value == null) {
                    continue;
                }
                final Long sent = published.nanosByValue.get(new Sample(thingId, point, value));
                if (sent == null) {
                    unmatched.incrementAndGet();
                } else {
                    recorder.add(now - sent);
                }
            }
        }

        /** Read after the window: the reading thread adds no more once {@code measuring} fell. */
        Latencies latencies() throws InterruptedException {
            Thread.sleep(50);
            done = true;
            Thread.sleep(50);
            return Latencies.of(List.of(recorder));
        }

        private static long leaves(final JsonValue value) {
            if (!value.isObject()) {
                return 1;
            }
            long count = 0;
            for (final org.eclipse.ditto.json.JsonField field : value.asObject()) {
                count += leaves(field.getValue());
            }
            return count;
        }

        private static long leaves(final JsonNode value) {
            if (!value.isObject()) {
                return 1;
            }
            long count = 0;
            for (final JsonNode field : value) {
                count += leaves(field);
            }
            return count;
        }

        @Override
        public void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
            // not what this bench measures
        }
    }
}
