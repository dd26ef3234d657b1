package io.twinloop.optimizer.agent;

import java.util.Objects;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * One desired value to request: {@code features/<featureId>/desiredProperties/<property>} of a twin, written only
 * if the twin is still at the revision the decision was based on.
 */
public record Action(ThingId thingId, String featureId, JsonPointer property, JsonValue value,
        long basedOnRevision) {

    public Action {
        Objects.requireNonNull(thingId, "thingId");
        if (featureId == null || featureId.isBlank() || featureId.contains("/")) {
            throw new IllegalArgumentException("action: featureId must be a feature id, was '" + featureId + "'");
        }
        if (property == null || property.isEmpty()) {
            throw new IllegalArgumentException("action on " + thingId + ": the property must not be empty");
        }
        Objects.requireNonNull(value, "value");
        if (basedOnRevision < 1) {
            throw new IllegalArgumentException("action on " + thingId + ": basedOnRevision must be >= 1, was "
                    + basedOnRevision);
        }
    }

    /** The desired property's place in the thing, for messages and records. */
    public String path() {
        return "features/" + featureId + "/desiredProperties" + property;
    }

    @Override
    public String toString() {
        return thingId + " " + path() + " = " + value + " @rev " + basedOnRevision;
    }
}
