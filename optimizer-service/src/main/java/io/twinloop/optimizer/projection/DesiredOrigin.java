package io.twinloop.optimizer.projection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Who wrote one desired value of a twin and when, as the projection saw it: derived from the twin's events (their
 * {@code ditto-originator}, the writer's first subject as Ditto sets it), never stored anywhere else.
 *
 * @param featureId the feature whose {@code desiredProperties} hold the value
 * @param property the top-level key below {@code desiredProperties}
 * @param value the desired value now
 * @param writer the subject whose write set it (e.g. {@code nginx:alice}); empty when it was not seen written: read
 *     from Ditto (at start, after a gap or a reconnect) or set by an event that did not name its writer
 * @param since when it was written (an event touching it, even with the same value), or first seen when not seen
 *     written; on the service's clock
 */
public record DesiredOrigin(ThingId thingId, String featureId, String property, JsonValue value,
        Optional<String> writer, Instant since) {

    public DesiredOrigin {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(since, "since");
    }

    /** {@code features/<f>/desiredProperties/<p>}, as actions and records name it. */
    public String path() {
        return "features/" + featureId + "/desiredProperties/" + property;
    }

    /** The key this origin is held under per twin. */
    String key() {
        return featureId + "/" + property;
    }
}
