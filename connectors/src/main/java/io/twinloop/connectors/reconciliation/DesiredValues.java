package io.twinloop.connectors.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.connectors.interfaces.Mapping;

/**
 * Finds the desired values of mapped elements in a twin event, whatever its kind: a modified desired property, a
 * feature or thing replaced, or a merge patch. Only events at or above an element's desired property are read
 * (their entity holds its whole new value); deletions carry no value and are not reconciled.
 */
public final class DesiredValues {

    private static final JsonPointer FEATURES = JsonPointer.of("features");
    private static final JsonPointer DESIRED = JsonPointer.of("desiredProperties");

    private DesiredValues() {
    }

    /** The twin path of an element's desired value, {@code /features/<id>/desiredProperties/<property>}. */
    public static JsonPointer desiredPath(final Mapping mapping) {
        return FEATURES.append(JsonPointer.of(mapping.sink().featureId())).append(DESIRED)
                .append(mapping.sink().property());
    }

    public static List<DesiredValue> in(final ThingEvent<?> event, final List<? extends DeviceTarget> targets) {
        final Optional<JsonValue> entity = event.getEntity();
        if (entity.isEmpty()) {
            return List.of();
        }
        final JsonPointer path = event.getResourcePath();
        final List<DesiredValue> found = new ArrayList<>();
        for (final DeviceTarget target : targets) {
            for (final Mapping mapping : target.mappings()) {
                if (!mapping.writesToDevice()) {
                    continue;
                }
                valueBelow(path, entity.get(), desiredPath(mapping))
                        .ifPresent(value -> found.add(new DesiredValue(target, mapping, value, event.getRevision())));
            }
        }
        return found;
    }

    /** The value at {@code target} inside {@code entity} found at {@code path}; empty if not in it or null. */
    static Optional<JsonValue> valueBelow(final JsonPointer path, final JsonValue entity, final JsonPointer target) {
        if (path.getLevelCount() > target.getLevelCount()) {
            return Optional.empty();
        }
        for (int level = 0; level < path.getLevelCount(); level++) {
            if (!path.get(level).equals(target.get(level))) {
                return Optional.empty();
            }
        }
        final Optional<JsonValue> value = path.getLevelCount() == target.getLevelCount() ? Optional.of(entity)
                : entity.isObject() ? entity.asObject().getValue(target.getSubPointer(path.getLevelCount())
                        .orElseThrow()) : Optional.empty();
        return value.filter(v -> !v.isNull());
    }
}
