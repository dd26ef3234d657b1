package io.twinloop.optimizer.hold;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.agent.Action;

/**
 * A person's desired value that holds: no agent writes this desired property before {@code until} unless a person
 * approves an override.
 *
 * @param value the person's desired value
 * @param heldBy the subject that wrote it (e.g. {@code nginx:ditto}); empty when it was not seen written (read at
 *     start or after a gap) and is not what the optimizer last wrote there
 * @param since when it was written (or first seen)
 * @param until when the hold ends unless the person writes it again
 */
public record ManualHold(ThingId thingId, String featureId, String property, JsonValue value,
        Optional<String> heldBy, Instant since, Instant until) {

    public ManualHold {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(heldBy, "heldBy");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    public String path() {
        return "features/" + featureId + "/desiredProperties/" + property;
    }

    /** Thing and desired property: one hold per key. */
    public String key() {
        return thingId + " " + path();
    }

    /** The subject for records, {@code unknown} when it was not seen written. */
    public String writer() {
        return heldBy.orElse("unknown");
    }

    /** Whether the action writes this desired property with another value than the person's. */
    public boolean overriddenBy(final Action action) {
        return action.thingId().equals(thingId) && action.featureId().equals(featureId)
                && action.property().getLevelCount() >= 1
                && action.property().get(0).map(key -> key.toString().equals(property)).orElse(false)
                && !(action.property().getLevelCount() == 1 && OwnWrites.same(action.value(), value));
    }

    /** The same hold: the same property, value and writing. */
    public boolean sameAs(final ManualHold other) {
        return thingId.equals(other.thingId) && path().equals(other.path()) && OwnWrites.same(value, other.value)
                && since.equals(other.since);
    }

    /** In words, for impact reasons, proposals and logs. */
    public String describe() {
        return thingId + " " + path() + " = " + value + " set by " + heldBy.orElse("a person (not seen written, not"
                + " what the optimizer last wrote there)") + " at " + since + ", held until " + until;
    }
}
