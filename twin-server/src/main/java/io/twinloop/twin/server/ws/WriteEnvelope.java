package io.twinloop.twin.server.ws;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.ThingCommand;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyAttribute;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureDesiredProperty;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureProperty;

import io.twinloop.twin.server.http.ThingsApi;

/**
 * The common writes of device data and desired values, a {@code modify} of one attribute or (desired) property or a
 * {@code merge} under {@code attributes} or {@code features}, read from the envelope's JSON straight into the Ditto
 * command that Ditto's protocol adapter would make of it, with Ditto's own command factories (so Ditto's checks of
 * keys, values and sizes apply as before). Reading the envelope into Ditto's adaptable and resolving its adapter
 * cost about a sixth of such a write's CPU.
 * <p>
 * Anything else, and anything this reader is not sure about (a {@code fields} selection, a header in upper case, a
 * value Ditto's factories refuse), is left to the adapter, which answers it exactly as before:
 * {@link #read} returns empty rather than failing. {@code WriteEnvelopeTest} checks that both make the same
 * command.
 *
 * @param command the command, its headers being the envelope's headers the things API reads and its content type
 * @param topic the command's topic, for the response
 * @param path the envelope's path, for the response
 */
record WriteEnvelope(ThingCommand<?> command, TopicPath topic, JsonPointer path) {

    private static final JsonKey TOPIC = JsonKey.of("topic");
    private static final JsonKey HEADERS = JsonKey.of("headers");
    private static final JsonKey PATH = JsonKey.of("path");
    private static final JsonKey VALUE = JsonKey.of("value");
    private static final String COMMANDS = "/things/twin/commands/";
    private static final String CONTENT_TYPE = "content-type";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** @return the write, or empty if the envelope is none of the writes read here (or not valid as one) */
    static Optional<WriteEnvelope> read(final JsonObject envelope) {
        try {
            return Optional.ofNullable(readOrNull(envelope));
        } catch (final RuntimeException leftToTheAdapter) {
            return Optional.empty();
        }
    }

    private static WriteEnvelope readOrNull(final JsonObject envelope) {
        if (envelope.getSize() != 4) {
            return null;
        }
        final JsonValue topicValue = envelope.getValue(TOPIC).orElse(null);
        final JsonValue pathValue = envelope.getValue(PATH).orElse(null);
        final JsonValue headersValue = envelope.getValue(HEADERS).orElse(null);
        final JsonValue value = envelope.getValue(VALUE).orElse(null);
        if (topicValue == null || !topicValue.isString() || pathValue == null || !pathValue.isString()
                || headersValue == null || !headersValue.isObject() || value == null) {
            return null;
        }
        final String topic = topicValue.asString();
        final int commands = topic.indexOf(COMMANDS);
        final int slash = topic.indexOf('/');
        if (commands < 0 || slash <= 0 || slash >= commands) {
            return null;
        }
        final String action = topic.substring(commands + COMMANDS.length());
        final boolean merge = "merge".equals(action);
        if (!merge && !"modify".equals(action)) {
            return null;
        }
        final ThingId thingId = ThingId.of(topic.substring(0, slash), topic.substring(slash + 1, commands));
        final DittoHeaders headers = headers(headersValue.asObject());
        final JsonPointer path = JsonPointer.of(pathValue.asString());
        final ThingCommand<?> command = merge ? merge(thingId, path, value, headers)
                : modify(thingId, path, value, headers);
        if (command == null) {
            return null;
        }
        final var builder = ProtocolFactory.newTopicPathBuilder(thingId).things().twin().commands();
        return new WriteEnvelope(command, merge ? builder.merge().build() : builder.modify().build(), path);
    }

    /**
     * Merges under attributes or features: what the connectors send. A {@code null} patch deletes, left out; so is
     * a merge without Ditto's merge-patch content type, which the adapter refuses.
     */
    private static ThingCommand<?> merge(final ThingId thingId, final JsonPointer path, final JsonValue value,
            final DittoHeaders headers) {
        final String root = path.getRoot().map(JsonKey::toString).orElse("");
        if (value.isNull() || !("attributes".equals(root) || "features".equals(root))
                || !MERGE_PATCH.equals(headers.get(CONTENT_TYPE))) {
            return null;
        }
        return MergeThing.of(thingId, path, value, headers);
    }

    /** One attribute, property or desired property; whole objects are left to the adapter. */
    private static ThingCommand<?> modify(final ThingId thingId, final JsonPointer path, final JsonValue value,
            final DittoHeaders headers) {
        final int levels = path.getLevelCount();
        final String root = path.getRoot().map(JsonKey::toString).orElse("");
        if ("attributes".equals(root) && levels >= 2) {
            return ModifyAttribute.of(thingId, path.nextLevel(), value, headers);
        }
        if (!"features".equals(root) || levels < 4) {
            return null;
        }
        final String featureId = path.get(1).orElseThrow().toString();
        final String part = path.get(2).orElseThrow().toString();
        final JsonPointer inner = path.getSubPointer(3).orElseThrow();
        return switch (part) {
            case "properties" -> ModifyFeatureProperty.of(thingId, featureId, inner, value, headers);
            case "desiredProperties" -> ModifyFeatureDesiredProperty.of(thingId, featureId, inner, value, headers);
            default -> null;
        };
    }

    /**
     * The headers the things API reads (see {@link ThingsApi#requestHeaders}), as the adapter reads them from an
     * envelope: strings as they are, other JSON values in their JSON form; validated by Ditto's header builder.
     */
    private static DittoHeaders headers(final JsonObject envelopeHeaders) {
        final Map<String, String> read = new HashMap<>();
        for (final JsonField field : envelopeHeaders) {
            final String name = field.getKeyName();
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("left to the adapter's case-insensitive headers");
            }
            if (ThingsApi.isRequestHeader(name) || CONTENT_TYPE.equals(name)) {
                final JsonValue value = field.getValue();
                read.put(name, value.isString() ? value.asString() : value.toString());
            }
        }
        return DittoHeaders.newBuilder(read).build();
    }
}
