package io.twinloop.twin.server.store;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * What a write changed in a thing's JSON, when that is one part of it: the value now at {@code pointer}, that
 * nothing is there any more, or the JSON merge patch (RFC 7396) applied at {@code pointer}, which for a device's merge
 * of a few values into a twin's features is the patch rather than all features. The journal records this instead of the whole thing (a property write is a few dozen
 * bytes, the thing tens of kilobytes); replaying it on the thing's previous JSON, stamped with the entry's revision
 * and time as {@link ThingState#stamp} stamps, gives the thing the write produced.
 * <p>
 * A modification may describe its change this way only if nothing else of the thing changed (apart from the stamp):
 * the store checks that whenever Java assertions are enabled (so in every test run), see
 * {@link ThingStore}.
 *
 * @param pointer where in the thing's JSON (not empty: the whole thing is journaled whole)
 * @param value the JSON now at {@code pointer} (the patch if {@code merge}), empty if it was removed
 * @param previous the JSON that was at {@code pointer} before, empty if nothing was or for a merge; it keeps the
 *        store's bound of the thing's size tight without serializing the thing
 * @param merge whether {@code value} is a merge patch applied at {@code pointer} rather than the value set there
 */
public record ThingDelta(JsonPointer pointer, Optional<JsonValue> value, Optional<JsonValue> previous,
        boolean merge) {

    public ThingDelta {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(previous, "previous");
        if (pointer.isEmpty()) {
            throw new IllegalArgumentException("a delta needs a non-empty pointer; journal the whole thing instead");
        }
        if (merge && (value.isEmpty() || previous.isPresent())) {
            throw new IllegalArgumentException("a merge delta carries its patch and no previous value");
        }
    }

    /** {@code value} is now at {@code pointer}, where {@code previous} was (if anything). */
    public static ThingDelta set(final JsonPointer pointer, final JsonValue value, final Optional<JsonValue> previous) {
        return new ThingDelta(pointer, Optional.of(value), previous, false);
    }

    /** Nothing is at {@code pointer} any more; {@code previous} was. */
    public static ThingDelta remove(final JsonPointer pointer, final JsonValue previous) {
        return new ThingDelta(pointer, Optional.empty(), Optional.of(previous), false);
    }

    /** {@code patch} was merged (RFC 7396) into the thing's JSON at {@code pointer}. */
    public static ThingDelta merge(final JsonPointer pointer, final JsonValue patch) {
        return new ThingDelta(pointer, Optional.of(patch), Optional.empty(), true);
    }

    /** The thing's JSON (without the stamp) after the change. */
    JsonObject applyTo(final JsonObject thingJson) {
        if (merge) {
            return JsonMergePatch.of(pointer, value.orElseThrow()).applyOn(thingJson).asObject();
        }
        return value.map(v -> thingJson.setValue(pointer, v)).orElseGet(() -> thingJson.remove(pointer));
    }

    /**
     * An upper bound of the thing's serialized size after the change, given one before it (sizes as
     * {@code toString().length()}): exact for a replaced value, generous for a new key (its parents may be new too)
     * and for a merge (as if all of the patch were new).
     */
    long sizeAfter(final long sizeBefore) {
        if (value.isEmpty()) {
            return sizeBefore;
        }
        final long length = value.get().toString().length();
        if (previous.isPresent() && !merge) {
            return sizeBefore - previous.get().toString().length() + length;
        }
        // per level at most its key, quotes, colon, braces and a comma
        return sizeBefore + length + pointer.toString().length() + 6L * pointer.getLevelCount() + 16L;
    }
}
