package io.twinloop.twin.server.ws;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.rql.model.predicates.ast.ExistsNode;
import org.eclipse.ditto.rql.model.predicates.ast.LogicalNode;
import org.eclipse.ditto.rql.model.predicates.ast.Node;
import org.eclipse.ditto.rql.model.predicates.ast.RootNode;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

/**
 * A quick "no" for filters made only of {@code exists} terms on attributes or features joined by {@code and} and
 * {@code or}, such as a connector's desired-value subscription: such a filter can match a change only if the changed
 * data holds one of those fields. For a merge whose patch holds none of them the answer is known without building
 * the changed data as a thing (Ditto's {@code ThingEventToThingConverter}), which is most of the cost of a filter on a
 * busy twin; every other case is left to the full evaluation, so the outcome is always Ditto's.
 */
final class ChangedFieldsCheck {

    private final Set<JsonPointer> fields;

    private ChangedFieldsCheck(final Set<JsonPointer> fields) {
        this.fields = Set.copyOf(fields);
    }

    /** Empty unless the filter is exists terms on attributes or features, joined by and/or only. */
    static Optional<ChangedFieldsCheck> of(final RootNode filter) {
        final Set<JsonPointer> fields = new HashSet<>();
        for (final Node child : filter.getChildren()) {
            if (!collect(child, fields)) {
                return Optional.empty();
            }
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new ChangedFieldsCheck(fields));
    }

    private static boolean collect(final Node node, final Set<JsonPointer> fields) {
        if (node instanceof ExistsNode exists) {
            final String property = exists.getProperty();
            if (!property.startsWith("attributes/") && !property.startsWith("features/")) {
                return false; // thingId, _revision, placeholders...: set by the conversion or not thing data
            }
            fields.add(JsonPointer.of(property));
            return true;
        }
        if (node instanceof LogicalNode logical && (logical.getType() == LogicalNode.Type.AND
                || logical.getType() == LogicalNode.Type.OR)) {
            for (final Node child : logical.getChildren()) {
                if (!collect(child, fields)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** True when the event certainly cannot match: a merge whose patch holds none of the fields. */
    boolean certainlyNoMatch(final ThingEvent<?> event) {
        if (!(event instanceof ThingMerged merged)) {
            return false;
        }
        for (final JsonPointer field : fields) {
            if (mayHold(merged.getResourcePath(), merged.getValue(), field)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a patch at {@code path} may put something at {@code field} (in doubt: yes). */
    private static boolean mayHold(final JsonPointer path, final JsonValue patch, final JsonPointer field) {
        final int common = Math.min(path.getLevelCount(), field.getLevelCount());
        for (int level = 0; level < common; level++) {
            if (!path.get(level).equals(field.get(level))) {
                return false; // the patch is elsewhere
            }
        }
        if (path.getLevelCount() >= field.getLevelCount() || !patch.isObject()) {
            // the patch is at or below the field, or replaces the branch it is on: leave it to Ditto
            return true;
        }
        return patch.asObject().getValue(field.getSubPointer(path.getLevelCount()).orElseThrow()).isPresent();
    }
}
