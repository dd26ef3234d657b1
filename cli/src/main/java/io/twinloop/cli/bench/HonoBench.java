package io.twinloop.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.cli.TwinLoop;
import io.twinloop.connectors.hono.HonoConnector;
import io.twinloop.connectors.hono.HonoConnectorConfig;
import io.twinloop.connectors.hono.HonoConnectorStatistics;
import io.twinloop.kafka.broker.KafkaBrokerProcess;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench hono}: Hono telemetry into the twin, end to end. A real Kafka 4 broker in its own JVM (module
 * kafka-broker), the embedded twin server with {@code --devices} energy meters made from
 * {@code examples/hono-devices.aas.json}'s Meter01 (each with its own {@code HonoDeviceId}), and the Hono connector
 * consuming {@code hono.telemetry.twinloop}. A producer stands in for Hono's protocol adapters: it writes telemetry
 * in Hono's Kafka format ({@code device_id}, {@code content-type}, {@code creation-time}, {@code qos} headers, key =
 * device id) at {@code --rate} messages/s, round robin over the meters, each message with a new {@code energy}
 * value. A subscriber of the twin's events finds each value in the merge events and takes the latency from the
 * producer's send; values replaced within the batch window by the next one of the same meter never reach the twin as
 * such (they are counted as coalesced).
 */
@Command(name = "hono", mixinStandardHelpOptions = true,
        description = "Hono telemetry messages/s into the twin (real Kafka broker, Hono's message format) and latency "
                + "from the adapter's send to the twin's event.")
public final class HonoBench implements Callable<Integer> {

    private static final String TENANT = "twinloop";
    private static final String RESOURCE = "/io/twinloop/cli/demo/hono-devices.aas.json";

    @CommandLine.Mixin
    private MeasuredWindow timing;

    @Option(names = "--rate", defaultValue = "1000",
            description = "telemetry messages/s the adapter stand-in sends (default ${DEFAULT-VALUE})")
    private int rate;

    @Option(names = "--devices", defaultValue = "20",
            description = "energy meters (twins and Hono devices) the messages go round (default ${DEFAULT-VALUE})")
    private int devices;

    @Option(names = "--batch-window-ms", defaultValue = "10",
            description = "the connector's batch window, ms (default ${DEFAULT-VALUE})")
    private int batchWindowMillis;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Path data = BenchServer.createDataFolder();
        final long kafkaStart = System.nanoTime();
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(data.resolve("kafka"), freePort(), freePort(),
                Duration.ofSeconds(120));
                BenchServer twin = BenchServer.start(BenchServer.config(data.resolve("twins")))) {
            final double kafkaSeconds = (System.nanoTime() - kafkaStart) / 1e9;
            final DittoClient owner = twin.client();
            final List<ThingId> meters = publishMeters(owner);
            final HonoConnectorConfig.Builder config = HonoConnectorConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .batchWindow(Duration.ofMillis(batchWindowMillis))
                    .autoOffsetReset("latest");
            meters.forEach(config::thing);
            final Sent sent = new Sent();
            final Arrivals arrivals = new Arrivals(sent);
            try (HonoConnector connector = HonoConnector.start(config.build(), owner).get(120, TimeUnit.SECONDS);
                    TwinEvents subscription = owner.subscribe(EventSubscription.all(), arrivals)
                            .get(10, TimeUnit.SECONDS);
                    Adapter adapter = new Adapter(kafka.bootstrapServers(), sent)) {
                adapter.start();
                // as MeasuredWindow.measure, with the connector's counters read at the window's edges
                Thread.sleep(timing.warmupSeconds() * 1000L);
                final HonoConnectorStatistics before = connector.statistics();
                arrivals.measuring.set(true);
                final CpuMeter cpu = CpuMeter.start();
                final long start = System.nanoTime();
                Thread.sleep(timing.seconds() * 1000L);
                arrivals.measuring.set(false);
                final HonoConnectorStatistics after = connector.statistics();
                final MeasuredWindow.Measured window = new MeasuredWindow.Measured(
                        (System.nanoTime() - start) / 1e9, cpu.read());
                final long messagesSent = sent.measured.get();
                adapter.stop();
                report(out, window, kafkaSeconds, arrivals, messagesSent, before, after);
            }
        } finally {
            BenchServer.deleteDataFolder(data);
        }
        out.flush();
        return TwinLoop.EXIT_OK;
    }

    private void report(final PrintWriter out, final MeasuredWindow.Measured window, final double kafkaSeconds,
            final Arrivals arrivals, final long messagesSent, final HonoConnectorStatistics before,
            final HonoConnectorStatistics after) throws InterruptedException {
        final Latencies latencies = arrivals.latencies();
        final double seconds = window.seconds();
        final long received = after.messagesReceived() - before.messagesReceived();
        out.printf(Locale.ROOT, "Hono telemetry into the twin, end to end (Kafka 4.3.1 broker in its own JVM, %d "
                + "meters, adapter stand-in at %d msgs/s, batch window %d ms), %d s: %.0f msgs/s sent, %.0f msgs/s "
                + "consumed by the connector, %.0f values/s written into the twin (%.0f merges/s); %d values timed, "
                + "%s (from the adapter's send to the twin's event; %d values coalesced in a batch window)%n",
                devices, rate, batchWindowMillis, timing.seconds(), messagesSent / seconds, received / seconds,
                (after.valuesWritten() - before.valuesWritten()) / seconds,
                (after.merges() - before.merges()) / seconds, latencies.count(), latencies.summary(),
                arrivals.coalesced(arrivals.sent));
        out.println(window.cpu().perOperation(received, "message"));
        out.printf(Locale.ROOT, "connector since start: %d devices, %d messages, %d values written, %d merges, %d "
                + "failed, %d retried, %d dropped, bad data %s; Kafka broker ready in %.1f s%n", after.devices(),
                after.messagesReceived(), after.valuesWritten(), after.merges(), after.mergesFailed(),
                after.mergesRetried(), after.valuesDropped(), after.badData(), kafkaSeconds);
    }

    /** {@code --devices} copies of Meter01, each its own twin and Hono device ({@code meter-001}, ...). */
    private List<ThingId> publishMeters(final DittoClient owner) {
        final Thing template = meterTemplate();
        final List<ThingId> ids = new ArrayList<>();
        for (int i = 1; i <= devices; i++) {
            final ThingId id = ThingId.of("bench", String.format(Locale.ROOT, "Meter%03d", i));
            final JsonArray specificAssetIds = JsonArray.of(
                    JsonObject.newBuilder().set("name", "HonoTenantId").set("value", TENANT).build(),
                    JsonObject.newBuilder().set("name", "HonoDeviceId").set("value", device(i)).build());
            final JsonObject json = template.toJson().toBuilder().set("thingId", id.toString()).remove("policyId")
                    .build().setValue(JsonPointer.of("attributes/aas/assetInformation/specificAssetIds"),
                            specificAssetIds);
            owner.putThing(ThingsModelFactory.newThing(json), RequestOptions.none()).join();
            ids.add(id);
        }
        return ids;
    }

    private static Thing meterTemplate() {
        try (InputStream in = HonoBench.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the example " + RESOURCE + " is missing from the jar");
            }
            final Path folder = Files.createTempDirectory("twinloop-hono-bench");
            final Path file = folder.resolve("hono-devices.aas.json");
            try {
                Files.write(file, in.readAllBytes());
                return ThingMapper.of(MappingOptions.of("demo"))
                        .map(List.of(EnvironmentReader.newInstance().read(file))).things().stream()
                        .map(MappedThing::thing)
                        .filter(t -> t.getEntityId().map(ThingId::getName).filter("Meter01"::equals).isPresent())
                        .findFirst().orElseThrow(() -> new IllegalStateException("no Meter01 in " + RESOURCE));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String device(final int i) {
        return String.format(Locale.ROOT, "meter-%03d", i);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Send times by {@code <thing>/<energy value>}, and the count of messages sent (in all, and while measuring). */
    private static final class Sent {

        final Map<String, Long> nanosByValue = new ConcurrentHashMap<>();
        final AtomicLong messages = new AtomicLong();
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicLong measured = new AtomicLong();
    }

    /** Hono's adapter, as far as Kafka sees it: telemetry records in Hono's format at a steady rate. */
    private final class Adapter implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final Sent sent;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Adapter(final String bootstrapServers, final Sent sent) {
            final Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
            this.sent = sent;
            this.thread = new Thread(this::run, "hono-adapter-stand-in");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            final long periodNanos = TimeUnit.MILLISECONDS.toNanos(10);
            final long start = System.nanoTime();
            long due = 0;
            long sequence = 0;
            while (running.get()) {
                final long elapsed = System.nanoTime() - start;
                final long target = elapsed * rate / TimeUnit.SECONDS.toNanos(1);
                while (due < target) {
                    final int meter = (int) (sequence % devices) + 1;
                    final long energy = 100_000 + sequence / devices;
                    final String thing = "bench:" + String.format(Locale.ROOT, "Meter%03d", meter);
                    final byte[] payload = ("{\"energy\": " + energy + ", \"power\": " + (sequence % 400) + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    final ProducerRecord<String, byte[]> record = new ProducerRecord<>("hono.telemetry." + TENANT,
                            device(meter), payload);
                    record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                    record.headers().add("creation-time",
                            String.valueOf(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
                    record.headers().add("device_id", device(meter).getBytes(StandardCharsets.UTF_8));
                    record.headers().add("qos", "1".getBytes(StandardCharsets.UTF_8));
                    sent.nanosByValue.put(thing + "/" + (double) energy, System.nanoTime());
                    producer.send(record);
                    sent.messages.incrementAndGet();
                    if (sent.measuring.get()) {
                        sent.measured.incrementAndGet();
                    }
                    sequence++;
                    due++;
                }
                try {
                    Thread.sleep(periodNanos / 1_000_000);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }

        @Override
        public void close() {
            running.set(false);
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** On the subscription's reading thread: times each energy value found in the twins' merge events. */
    private static final class Arrivals implements TwinEventListener {

        final AtomicBoolean measuring;
        final Sent sent;
        private final Latencies.Recorder recorder = new Latencies.Recorder();
        private final AtomicLong unmatched = new AtomicLong();
        private volatile boolean done;

        Arrivals(final Sent sent) {
            this.sent = sent;
            this.measuring = sent.measuring;
        }

        @Override
        public void onEvent(final ThingEvent<?> event) {
            final long now = System.nanoTime();
            if (!measuring.get() || done || !(event instanceof ThingMerged merged)) {
                return;
            }
            final JsonPointer energy = JsonPointer.of("/features/OperationalData/properties/EnergyTotal");
            final String path = merged.getResourcePath().toString();
            if (!energy.toString().startsWith(path) || !merged.getValue().isObject() && !path.equals(
                    energy.toString())) {
                return;
            }
            final String rest = energy.toString().substring(path.length());
            final JsonValue value = rest.isEmpty() ? merged.getValue()
                    : merged.getValue().asObject().getValue(JsonPointer.of(rest)).orElse(null);
            if (value == null || !value.isNumber()) {
                return;
            }
            final Long at = sent.nanosByValue.remove(merged.getEntityId() + "/" + value.asDouble());
            if (at == null) {
                unmatched.incrementAndGet();
            } else {
                recorder.add(now - at);
            }
        }

        /** Read after the window: the reading thread adds no more once {@code measuring} fell. */
        Latencies latencies() throws InterruptedException {
            Thread.sleep(50);
            done = true;
            Thread.sleep(50);
            return Latencies.of(List.of(recorder));
        }

        /**
         * About how many values sent while measuring no merge event carried: replaced by the meter's next value within
         * a batch window (or still in flight at the window's end).
         */
        long coalesced(final Sent all) {
            return Math.max(0, all.measured.get() - recorder.count());
        }

        @Override
        public void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
            // not what this bench measures
        }
    }
}
