package io.twinloop.connectors.reconciliation;

import org.eclipse.ditto.json.JsonValue;

import io.twinloop.connectors.interfaces.Mapping;

/**
 * A desired value of a mapped element, as of a twin revision.
 *
 * @param revision the thing revision that carried it (of the event, or of the thing read at start-up)
 */
public record DesiredValue(DeviceTarget target, Mapping mapping, JsonValue value, long revision) {

    /** Identifies the element across revisions: one thing, one feature, one property. */
    String key() {
        return target.thingId() + "/" + mapping.sink();
    }
}
