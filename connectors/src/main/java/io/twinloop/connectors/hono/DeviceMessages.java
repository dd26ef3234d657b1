package io.twinloop.connectors.hono;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.hono.application.client.DownstreamMessage;
import org.eclipse.hono.application.client.kafka.KafkaMessageContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.twinloop.connectors.interfaces.Bounds;
import io.twinloop.connectors.interfaces.HonoInterface;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.northbound.BadDataCounter;
import io.twinloop.connectors.northbound.BadDataKind;
import io.twinloop.connectors.northbound.TwinUpdateBatcher;
import io.twinloop.connectors.opcua.ValueConversion;

/**
 * Turns Hono telemetry and event messages into twin values. A payload is a JSON object keyed by the names of the
 * AID properties of the device's interface; each mapped key's value is checked (type against the sink's XSD type,
 * NaN and infinities, the AID's {@code min_max}) and queued for the twin. Everything else is bad data: counted, logged
 * once per kind, device and data point, never written.
 */
final class DeviceMessages {

    /** JSON as devices write it: NaN and Infinity are read (to be refused as such), not a parse error. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final HonoDevices devices;
    private final TwinUpdateBatcher batcher;
    private final BadDataCounter badData;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong values = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    DeviceMessages(final HonoDevices devices, final TwinUpdateBatcher batcher, final BadDataCounter badData) {
        this.devices = devices;
        this.batcher = batcher;
        this.badData = badData;
    }

    /**
     * Handles one message; the future completes when its good values are done with in the twin (accepted, or
     * dropped for good), so the message's offset may be committed then.
     */
    CompletableFuture<Void> handle(final DownstreamMessage<KafkaMessageContext> message) {
        messages.incrementAndGet();
        final String device = message.getTenantId() + "/" + message.getDeviceId();
        final Optional<HonoInterface> iface = devices.find(message.getTenantId(), message.getDeviceId());
        if (iface.isEmpty()) {
            badData.count(BadDataKind.UNKNOWN_DEVICE, device, "(any)", "no configured twin has specificAssetIds "
                    + "HonoTenantId=" + message.getTenantId() + ", HonoDeviceId=" + message.getDeviceId());
            return CompletableFuture.completedFuture(null);
        }
        final String contentType = Optional.ofNullable(message.getContentType()).orElse("")
                .toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/vnd.eclipse-hono-")) {
            // Hono's own notifications (empty notification with ttd, device connection): no values in them
            ignored.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        final String who = iface.get().thingId() + " (" + iface.get().device() + ")";
        if (!isJson(contentType)) {
            badData.count(BadDataKind.MALFORMED_PAYLOAD, who, "(payload)", "content-type " + contentType
                    + " is not application/json");
            return CompletableFuture.completedFuture(null);
        }
        final JsonNode payload;
        try {
            payload = JSON.readTree(message.getPayload() == null ? new byte[0] : message.getPayload().getBytes());
        } catch (final java.io.IOException e) {
            badData.count(BadDataKind.MALFORMED_PAYLOAD, who, "(payload)", "not JSON: " + firstLine(e));
            return CompletableFuture.completedFuture(null);
        }
        if (payload == null || !payload.isObject()) {
            badData.count(BadDataKind.MALFORMED_PAYLOAD, who, "(payload)", "not a JSON object but "
                    + (payload == null ? "nothing" : payload.getNodeType()));
            return CompletableFuture.completedFuture(null);
        }
        final List<CompletableFuture<Void>> written = new ArrayList<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = payload.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            values.incrementAndGet();
            final List<Mapping> mappings = iface.get().mappings().stream()
                    .filter(m -> m.source().name().equals(field.getKey())).toList();
            if (mappings.isEmpty()) {
                badData.count(BadDataKind.UNKNOWN_DATA_POINT, who, field.getKey(), "not a mapped property of AID "
                        + "interface " + iface.get().name());
                continue;
            }
            for (final Mapping mapping : mappings) {
                value(who, mapping, field.getValue()).ifPresent(v -> written.add(batcher.addTracked(
                        iface.get().thingId(), mapping.sink().featureId(), mapping.sink().property(), v)));
            }
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new));
    }

    /** The value as the sink's JSON, or empty (and counted) if it is bad. */
    private Optional<JsonValue> value(final String who, final Mapping mapping, final JsonNode node) {
        final String point = mapping.source().name() + " -> " + mapping.sink();
        final ValueConversion.Converted converted = ValueConversion.toTwin(javaValue(node),
                mapping.sink().valueType());
        if (converted.problem().isPresent()) {
            badData.count(converted.problem().get(), who, point, converted.detail());
            return Optional.empty();
        }
        final JsonValue value = converted.value().orElseThrow();
        final Optional<Bounds> bounds = mapping.source().bounds();
        if (bounds.isPresent() && value.isNumber() && !bounds.get().contains(value.asDouble())) {
            badData.count(BadDataKind.OUT_OF_RANGE, who, point, value + " outside min_max " + bounds.get());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A JSON node as the Java value {@link ValueConversion} checks (numbers as Long or Double). */
    private static Object javaValue(final JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node; // object or array: wrong type for every sink
    }

    private static boolean isJson(final String contentType) {
        final String type = contentType.split(";", 2)[0].trim();
        // MQTT 3.1.1 carries no content type: Hono's adapter then says octet-stream, and the payload is tried as JSON
        return type.equals("application/json") || type.endsWith("+json") || type.equals("application/octet-stream")
                || type.isEmpty();
    }

    private static String firstLine(final JsonProcessingException e) {
        return e.getOriginalMessage();
    }

    private static String firstLine(final java.io.IOException e) {
        return e instanceof JsonProcessingException j ? firstLine(j) : String.valueOf(e.getMessage());
    }

    long messages() {
        return messages.get();
    }

    long values() {
        return values.get();
    }

    long ignored() {
        return ignored.get();
    }
}
