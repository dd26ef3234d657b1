package io.twinloop.connectors.hono;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.hono.application.client.kafka.impl.KafkaDownstreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.connectors.interfaces.AssetInterfacesReader;
import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.interfaces.Direction;
import io.twinloop.connectors.interfaces.HonoInterface;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.Sink;
import io.twinloop.connectors.northbound.BadDataCounter;
import io.twinloop.connectors.northbound.TwinMerges;
import io.twinloop.connectors.northbound.TwinUpdateBatcher;
import io.twinloop.connectors.reconciliation.DesiredValue;
import io.twinloop.connectors.reconciliation.DesiredValues;
import io.twinloop.connectors.reconciliation.Reconciler;
import io.twinloop.connectors.retry.Backoff;
import io.twinloop.ditto.hono.DittoJavaScriptMapping;
import io.twinloop.ditto.hono.DittoJavaScriptMapping.ExternalMessage;
import io.twinloop.ditto.hono.HonoConnectionDefinition;
import io.twinloop.ditto.hono.HonoConnectionSettings;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;

/**
 * Ditto's Hono connection with TwinLoop's JavaScript mapping (module ditto-extension, run under Rhino as Ditto runs
 * it) and TwinLoop's own Hono connector give the same twin changes for the same messages: for each message of a
 * corpus (good values, and every kind of bad data) the Ditto Protocol merge the script makes equals the merge the
 * Java consumer ({@link DeviceMessages} with the real {@link TwinUpdateBatcher}) sends to the twin; and for each twin
 * event the Hono commands the script makes equal those the Java command path sends ({@link DesiredValues},
 * {@link Reconciler#checkDeclared}, {@link HonoCommandTarget#commandPayload}).
 *
 * <p>Numbers are compared by value: JavaScript has one number type, so {@code 18300} for an {@code xs:double} sink
 * is {@code 18300} in the script's merge and {@code 18300.0} in the Java merge (Ditto stores what it gets, so a read
 * of the twin shows either; a JSON reader sees the same number). The corpus's devices are those of
 * {@code examples/hono-devices.aas.json}, read from their AAS as the connector reads them.
 */
class HonoMappingParityTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static ScheduledExecutorService scheduler;
    private static List<HonoInterface> interfaces;
    private static DittoJavaScriptMapping script;

    /** What the Java consumer sends to the twin, captured instead of sent: thing -> merge patches in order. */
    private static final Map<TwinPath, List<JsonValue>> javaMerges = new java.util.LinkedHashMap<>();
    private static DeviceMessages javaConsumer;

    @BeforeAll
    static void readTheDevicesFromTheirAas() {
        final List<Thing> things = ThingMapper.of(MappingOptions.of("demo"))
                .map(List.of(EnvironmentReader.newInstance().read(Path.of("../examples/hono-devices.aas.json"))))
                .things().stream().map(t -> t.thing()).toList();
        final List<HonoInterface> fromAas = things.stream()
                .flatMap(t -> AssetInterfacesReader.read(t).honoInterfaces().stream()).toList();
        assertThat(fromAas).extracting(HonoInterface::deviceId).containsExactlyInAnyOrder("meter-01",
                "sensorbox-01");
        // and a counter with an unbounded xs:long sink, which the example lacks (theyDifferOnlyWhereTheEnginesDo)
        final HonoInterface counter = new HonoInterface(ThingId.of("demo:Counter01"), "InterfaceMQTT",
                "mqtt://hono:1883", "twinloop", "counter-01", List.of(new Mapping(new DataPoint("count", "",
                        Optional.of("integer"), Optional.empty(), List.of(), Optional.empty(), Optional.empty()),
                        new Sink("OperationalData", JsonPointer.of("Count"), "xs:long"), Direction.DEVICE_TO_TWIN)));
        interfaces = new ArrayList<>(fromAas);
        interfaces.add(counter);

        final List<HonoConnectionDefinition> definitions = HonoConnectionDefinition.forDevices(
                DittoHonoDevices.of(interfaces), HonoConnectionSettings.defaults());
        assertThat(definitions).singleElement().extracting(HonoConnectionDefinition::tenantId).isEqualTo("twinloop");
        // no device of the example has its thing id as device id: Ditto's Hono connection cannot send them commands
        assertThat(definitions.get(0).warnings()).hasSize(2);
        script = DittoJavaScriptMapping.of(definitions.get(0));

        scheduler = Executors.newSingleThreadScheduledExecutor();
        final HonoDevices devices = new HonoDevices();
        interfaces.forEach(devices::add);
        final TwinMerges capture = new TwinMerges() {
            @Override
            public CompletableFuture<TwinResponse> merge(final TwinPath path, final JsonValue patch,
                    final RequestOptions options) {
                synchronized (javaMerges) {
                    javaMerges.computeIfAbsent(path, p -> new ArrayList<>()).add(patch);
                }
                return CompletableFuture.completedFuture(TwinResponse.of(204,
                        HttpHeaders.of(Map.of(), (k, v) -> true), (String) null));
            }

            @Override
            public void close() {
            }
        };
        javaConsumer = new DeviceMessages(devices, new TwinUpdateBatcher(capture, scheduler, Duration.ofMillis(100),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), 1000), new BadDataCounter());
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    /** The Ditto Protocol merge command the Java path's merge is, in the form compared (see canonical). */
    private static String envelope(final TwinPath path, final JsonValue patch) {
        return "topic=" + path.thingId().getNamespace() + "/" + path.thingId().getName()
                + "/things/twin/commands/merge path=" + path.pointer() + " content-type=application/merge-patch+json"
                + " value=" + canonical(patch);
    }

    private static String envelope(final JsonifiableAdaptable merge) {
        return "topic=" + merge.getTopicPath().getPath() + " path=" + merge.getPayload().getPath()
                + " content-type=" + merge.getDittoHeaders().getContentType().orElse("(none)")
                + " value=" + canonical(merge.getPayload().getValue().orElse(JsonValue.nullLiteral()));
    }

    /** JSON with sorted keys and numbers by value (18300.0 and 18300 alike). */
    static String canonical(final JsonValue value) {
        if (value.isObject()) {
            final Map<String, String> sorted = new TreeMap<>();
            value.asObject().forEach(f -> sorted.put(f.getKeyName(), canonical(f.getValue())));
            return sorted.entrySet().stream().map(e -> JsonValue.of(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value.isArray()) {
            return value.asArray().stream().map(HonoMappingParityTest::canonical)
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (value.isNumber()) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** One Hono telemetry message as the Java consumer gets it from Kafka (Hono's Kafka message format). */
    private static KafkaDownstreamMessage kafkaMessage(final String device, final String contentType,
            final byte[] payload) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("device_id", device.getBytes(StandardCharsets.UTF_8));
        if (contentType != null) {
            headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
        }
        return new KafkaDownstreamMessage(new KafkaConsumerRecordImpl<>(new ConsumerRecord<>(
                "hono.telemetry.twinloop", 0, 0L, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                device.length(), payload.length, device, Buffer.buffer(payload), headers, Optional.empty())));
    }

    /**
     * The twin change the Java consumer makes of one message (waits until its values are done with): its merges of
     * each twin folded into one patch, since the batcher may split a message's values over two windows.
     */
    private static List<String> javaPath(final String device, final String contentType, final byte[] payload)
            throws Exception {
        synchronized (javaMerges) {
            javaMerges.clear();
        }
        javaConsumer.handle(kafkaMessage(device, contentType, payload)).get(DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
        synchronized (javaMerges) {
            final List<String> folded = new ArrayList<>();
            javaMerges.forEach((path, patches) -> folded.add(envelope(path, patches.stream()
                    .reduce((earlier, later) -> JsonFactory.mergeJsonValues(later, earlier)).orElseThrow())));
            return folded;
        }
    }

    private static List<String> scriptPath(final String device, final String contentType, final byte[] payload) {
        final Map<String, String> headers = contentType == null ? Map.of("device_id", device)
                : Map.of("device_id", device, "content-type", contentType);
        return script.incoming(ExternalMessage.fromKafka(headers, payload)).stream()
                .map(HonoMappingParityTest::envelope).toList();
    }

    /** Telemetry and events: device, content type, payload. */
    private static final List<String[]> DEVICE_MESSAGES = List.of(
            new String[]{"meter-01", "application/json", "{\"power\": 42.5, \"voltage\": 231.0, \"energy\": 18300}"},
            new String[]{"meter-01", "application/json", "{\"power\": 0, \"energy\": 1e3}"},
            new String[]{"meter-01", "application/json", "{\"interval\": 30}"},
            new String[]{"meter-01", "application/json", "{\"interval\": 30.0}"},
            new String[]{"meter-01", "application/json", "{\"interval\": 30.5, \"power\": 1}"},
            new String[]{"meter-01", "application/json", "{\"power\": \"high\", \"voltage\": 230}"},
            new String[]{"meter-01", "application/json", "{\"power\": NaN, \"voltage\": 229}"},
            new String[]{"meter-01", "application/json", "{\"power\": Infinity, \"energy\": -Infinity}"},
            new String[]{"meter-01", "application/json", "{\"power\": 500.1, \"voltage\": -0.5}"},
            new String[]{"meter-01", "application/json", "{\"power\": 500, \"voltage\": 0}"},
            new String[]{"meter-01", "application/json", "{\"power\": null, \"voltage\": {\"v\": 1}, \"energy\": [1]}"},
            new String[]{"meter-01", "application/json", "{\"frequency\": 50, \"power\": 12}"},
            new String[]{"meter-01", "application/json", "{\"frequency\": 50}"},
            new String[]{"meter-01", "application/json", "{\"power\": 1, \"power\": 2}"},
            new String[]{"meter-01", "application/json; charset=utf-8", "{\"power\": 3}"},
            new String[]{"meter-01", "application/vnd.twinloop.meter+json", "{\"power\": 4}"},
            new String[]{"meter-01", "application/octet-stream", "{\"power\": 5}"},
            new String[]{"meter-01", null, "{\"power\": 6}"},
            new String[]{"meter-01", "text/plain", "{\"power\": 7}"},
            new String[]{"meter-01", "application/vnd.eclipse-hono-empty-notification", ""},
            new String[]{"meter-01", "application/json", "{\"power\": "},
            new String[]{"meter-01", "application/json", "[42]"},
            new String[]{"meter-01", "application/json", "\"power\""},
            new String[]{"meter-01", "application/json", ""},
            new String[]{"meter-99", "application/json", "{\"power\": 8}"},
            new String[]{"sensorbox-01", "application/json",
                    "{\"temperature\": 21.5, \"humidity\": 40, \"status\": \"OK\", \"alarmThreshold\": 30}"},
            new String[]{"sensorbox-01", "application/json", "{\"status\": 3, \"temperature\": \"21\"}"},
            new String[]{"sensorbox-01", "application/json", "{\"status\": \"caf\u00e9 \\\"NaN\\\" \\u00e9\"}"},
            new String[]{"sensorbox-01", "application/json", "{\"status\": true, \"humidity\": false}"});

    @Test
    void everyDeviceMessageChangesTheTwinAlikeThroughDittoAndThroughTheConnector() throws Exception {
        int merges = 0;
        for (final String[] message : DEVICE_MESSAGES) {
            final byte[] payload = message[2].getBytes(StandardCharsets.UTF_8);
            final List<String> java = javaPath(message[0], message[1], payload);
            final List<String> js = scriptPath(message[0], message[1], payload);
            assertThat(js).as("device %s, content-type %s, payload %s", message[0], message[1], message[2])
                    .isEqualTo(java);
            merges += java.size();
        }
        // the corpus is not all bad data: the good messages did make merges
        assertThat(merges).isGreaterThanOrEqualTo(15);
    }

    /** Twin events (Ditto Protocol, as Ditto publishes them to the connection's target). */
    private static final List<String> TWIN_EVENTS = List.of(
            event("Meter01", "merged", "/", "{\"features\":{\"OperationalData\":{\"desiredProperties\":"
                    + "{\"ReportingInterval\":30}}}}"),
            event("Meter01", "modified", "/features/OperationalData/desiredProperties/ReportingInterval", "60"),
            event("Meter01", "modified", "/features/OperationalData/desiredProperties", "{\"ReportingInterval\":5}"),
            event("Meter01", "modified", "/features/OperationalData", "{\"properties\":{\"ActivePower\":1},"
                    + "\"desiredProperties\":{\"ReportingInterval\":7}}"),
            event("Meter01", "merged", "/features", "{\"OperationalData\":{\"desiredProperties\":"
                    + "{\"ReportingInterval\":2.5}}}"),
            event("Meter01", "merged", "/", "{\"features\":{\"OperationalData\":{\"desiredProperties\":"
                    + "{\"ReportingInterval\":\"30\"}}}}"),
            event("Meter01", "merged", "/", "{\"features\":{\"OperationalData\":{\"desiredProperties\":"
                    + "{\"ReportingInterval\":null}}}}"),
            event("Meter01", "modified", "/features/OperationalData/desiredProperties/ActivePower", "10"),
            event("Meter01", "modified", "/features/OperationalData/properties/ReportingInterval", "10"),
            event("SensorBox01", "merged", "/", "{\"features\":{\"OperationalData\":{\"desiredProperties\":"
                    + "{\"AlarmThreshold\":28.5}}}}"),
            event("SensorBox01", "merged", "/", "{\"features\":{\"OperationalData\":{\"desiredProperties\":"
                    + "{\"AlarmThreshold\":true}}}}"),
            event("SensorBox01", "created", "/", "{\"thingId\":\"demo:SensorBox01\",\"features\":{\"OperationalData\":"
                    + "{\"desiredProperties\":{\"AlarmThreshold\":25}}}}"));

    private static String event(final String name, final String action, final String path, final String value) {
        return "{\"topic\":\"demo/" + name + "/things/twin/events/" + action + "\",\"path\":\"" + path
                + "\",\"headers\":{\"correlation-id\":\"c-1\"},\"value\":" + value + ",\"revision\":12}";
    }

    /** The commands the Java command path sends for one twin event: device, name, canonical payload. */
    private static List<String> javaCommands(final JsonObject envelope) {
        final ThingEvent<?> event = (ThingEvent<?>) DittoProtocolAdapter.newInstance()
                .fromAdaptable(ProtocolFactory.jsonifiableAdaptableFromJson(envelope));
        final List<HonoCommandTarget> targets = interfaces.stream()
                .filter(i -> i.thingId().equals(event.getEntityId()))
                .map(i -> new HonoCommandTarget(i, null, Duration.ofSeconds(1))).toList();
        final List<String> commands = new ArrayList<>();
        for (final DesiredValue desired : DesiredValues.in(event, targets)) {
            if (Reconciler.checkDeclared(desired.value(), desired.mapping().source()).isPresent()) {
                continue; // refused by the connector, never sent
            }
            final HonoInterface iface = ((HonoCommandTarget) desired.target()).description();
            final String name = desired.mapping().source().name();
            commands.add("device=" + iface.deviceId() + " subject=" + name + " content-type="
                    + HonoCommandTarget.CONTENT_TYPE + " payload="
                    + canonical(HonoCommandTarget.commandPayload(name, desired.value())));
        }
        return commands.stream().sorted().toList();
    }

    private static List<String> scriptCommands(final JsonObject envelope) {
        return script.outgoing(envelope).stream()
                .map(m -> "device=" + m.headers().get("device_id") + " subject=" + m.headers().get("subject")
                        + " content-type=" + m.contentType().orElse("(none)") + " payload="
                        + canonical(JsonObject.of(m.textPayload().orElseThrow())))
                .sorted().toList();
    }

    @Test
    void everyTwinEventSendsTheSameCommandsThroughDittoAndThroughTheConnector() {
        int commands = 0;
        for (final String event : TWIN_EVENTS) {
            final JsonObject envelope = JsonObject.of(event);
            final List<String> java = javaCommands(envelope);
            assertThat(scriptCommands(envelope)).as("event %s", event).isEqualTo(java);
            commands += java.size();
        }
        assertThat(commands).isGreaterThanOrEqualTo(6);
    }

    /**
     * Where the two paths must differ (README, "Same results ... and where they differ"): the engines' numbers and
     * JSON readers. Asserted so that a change on either side shows.
     */
    @Test
    void theyDifferOnlyWhereTheEnginesDo() throws Exception {
        // an integer beyond 2^53: Java keeps the long, JavaScript has doubles only
        final byte[] big = "{\"count\": 9007199254740993}".getBytes(StandardCharsets.UTF_8);
        assertThat(javaPath("counter-01", "application/json", big)).singleElement().asString()
                .contains("\"Count\":9007199254740993");
        assertThat(scriptPath("counter-01", "application/json", big)).singleElement().asString()
                .contains("\"Count\":9007199254740992");
        final byte[] small = "{\"count\": 9007199254740991}".getBytes(StandardCharsets.UTF_8);
        assertThat(scriptPath("counter-01", "application/json", small))
                .isEqualTo(javaPath("counter-01", "application/json", small));

        // text after the JSON object: Jackson's readTree stops after the first value, JSON.parse refuses the payload
        final byte[] trailing = "{\"power\": 1} 2".getBytes(StandardCharsets.UTF_8);
        assertThat(javaPath("meter-01", "application/json", trailing)).singleElement().asString()
                .contains("\"ActivePower\":1");
        assertThat(scriptPath("meter-01", "application/json", trailing)).isEmpty();
    }
}
