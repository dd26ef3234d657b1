package io.twinloop.optimizer.projection;

import java.util.Optional;

import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.signals.commands.Command;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

/**
 * Applies a Ditto thing event to the thing's JSON, whatever the event class: created and modified events set their
 * entity at their resource path, deleted events remove it, merged events apply their merge patch there (RFC 7396,
 * Ditto's own {@link JsonMergePatch}). The revision becomes the event's.
 */
final class EventApplication {

    private static final JsonPointer REVISION = JsonPointer.of("_revision");

    private EventApplication() {
    }

    /** The thing after the event; empty when the event deleted the thing. */
    static Optional<JsonObject> apply(final JsonObject thing, final ThingEvent<?> event) {
        final JsonPointer path = event.getResourcePath();
        final JsonObject changed;
        if (event.getCommandCategory() == Command.Category.DELETE) {
            if (path.isEmpty()) {
                return Optional.empty();
            }
            changed = thing.remove(path);
        } else if (event instanceof ThingMerged merged) {
            final JsonValue current = path.isEmpty() ? thing : thing.getValue(path).orElse(JsonFactory.nullLiteral());
            final JsonValue result = JsonMergePatch.of(merged.getValue()).applyOn(current);
            changed = path.isEmpty() ? result.asObject() : result.isNull() ? thing.remove(path)
                    : thing.setValue(path, result);
        } else {
            final JsonValue entity = event.getEntity(JsonSchemaVersion.V_2).orElse(JsonFactory.nullLiteral());
            changed = path.isEmpty() ? entity.asObject() : thing.setValue(path, entity);
        }
        return Optional.of(changed.setValue(REVISION, event.getRevision()));
    }
}
