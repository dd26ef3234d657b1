package io.twinloop.optimizer.projection;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.signals.commands.Command;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

/**
 * Keeps, per twin, who wrote each desired value ({@link DesiredOrigin}) as events and reads change the twin. An
 * event names its writer in {@code ditto-originator}; every desired value it touches (its entity or merge patch
 * reaches it, even with the value it had: writing a value again counts as writing it) or changes is the writer's
 * from then on. A read (start, gap, reconnect) keeps what is known of values that did not change and marks the
 * others as not seen written. Pure functions over the twin's JSON: the projection calls them under its per-twin
 * update, so origins and values never disagree.
 */
final class DesiredOrigins {

    static final String ORIGINATOR = DittoHeaderDefinition.ORIGINATOR.getKey();

    private DesiredOrigins() {
    }

    /** The origins after an event turned {@code before} into {@code after} (empty {@code after}: deleted twin). */
    static Map<String, DesiredOrigin> afterEvent(final ThingId thingId, final Map<String, DesiredOrigin> origins,
            final JsonObject after, final ThingEvent<?> event, final Instant now) {
        if (besideDesiredValues(event.getResourcePath())) {
            return origins; // the bulk of events: a device's values, attributes
        }
        final Optional<String> writer = Optional.ofNullable(event.getDittoHeaders().get(ORIGINATOR))
                .filter(s -> !s.isBlank());
        final Set<String> touched = touched(event);
        final Map<String, DesiredOrigin> next = new LinkedHashMap<>();
        desired(after).forEach((key, value) -> {
            final DesiredOrigin known = origins.get(key);
            if (known != null && known.value().equals(value) && !touched.contains(key)) {
                next.put(key, known);
            } else {
                next.put(key, origin(thingId, key, value, writer, now));
            }
        });
        return Map.copyOf(next);
    }

    /** An event at {@code attributes…} or {@code features/<f>/<not desiredProperties>…} changes no desired value. */
    private static boolean besideDesiredValues(final JsonPointer path) {
        final Optional<String> first = path.get(0).map(Object::toString);
        if (first.filter("attributes"::equals).isPresent()) {
            return true;
        }
        return first.filter("features"::equals).isPresent() && path.getLevelCount() >= 3
                && !path.get(2).map(Object::toString).filter("desiredProperties"::equals).isPresent();
    }

    /** The origins after the twin was read from Ditto: values that changed unseen have no known writer. */
    static Map<String, DesiredOrigin> afterRead(final ThingId thingId, final Map<String, DesiredOrigin> origins,
            final JsonObject thing, final Instant now) {
        final Map<String, DesiredOrigin> next = new LinkedHashMap<>();
        desired(thing).forEach((key, value) -> {
            final DesiredOrigin known = origins.get(key);
            next.put(key, known != null && known.value().equals(value) ? known
                    : origin(thingId, key, value, Optional.empty(), now));
        });
        return Map.copyOf(next);
    }

    private static DesiredOrigin origin(final ThingId thingId, final String key, final JsonValue value,
            final Optional<String> writer, final Instant now) {
        final int slash = key.indexOf('/');
        return new DesiredOrigin(thingId, key.substring(0, slash), key.substring(slash + 1), value, writer, now);
    }

    /** Every desired value of a thing's JSON by {@code <feature>/<property>}. */
    static Map<String, JsonValue> desired(final JsonObject thing) {
        final Map<String, JsonValue> values = new LinkedHashMap<>();
        thing.getValue("features").filter(JsonValue::isObject).map(JsonValue::asObject).ifPresent(features -> {
            for (final JsonField feature : features) {
                if (!feature.getValue().isObject()) {
                    continue;
                }
                feature.getValue().asObject().getValue("desiredProperties").filter(JsonValue::isObject)
                        .map(JsonValue::asObject).ifPresent(desired -> {
                            for (final JsonField property : desired) {
                                if (!property.getValue().isNull()) {
                                    values.put(feature.getKeyName() + "/" + property.getKeyName(),
                                            property.getValue());
                                }
                            }
                        });
            }
        });
        return values;
    }

    /**
     * The desired values an event's entity or merge patch reaches (not deletions: a value that is gone has no
     * origin): the event's value placed at its resource path in an empty thing, read like a thing.
     */
    private static Set<String> touched(final ThingEvent<?> event) {
        if (event.getCommandCategory() == Command.Category.DELETE) {
            return Set.of();
        }
        final Optional<JsonValue> value = event instanceof ThingMerged merged ? Optional.of(merged.getValue())
                : event.getEntity(JsonSchemaVersion.V_2);
        if (value.isEmpty()) {
            return Set.of();
        }
        final JsonObject placed = event.getResourcePath().isEmpty()
                ? (value.get().isObject() ? value.get().asObject() : JsonFactory.newObject())
                : JsonFactory.newObject().setValue(event.getResourcePath(), value.get());
        return new HashSet<>(desired(placed).keySet());
    }
}
