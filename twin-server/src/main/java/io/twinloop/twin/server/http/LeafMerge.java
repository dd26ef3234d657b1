package io.twinloop.twin.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

/**
 * A merge patch (RFC 7396) applied through Ditto's model setters, one leaf at a time, instead of through the whole
 * thing's JSON: the common merge of devices and agents, a few values into a twin's attributes, properties or desired
 * properties, then costs as much as those values rather than rebuilding (and so re-validating) a twin of tens of
 * kilobytes. Only patches whose outcome the setters give exactly are taken: every leaf a non-null scalar or an array
 * without objects, every key plain, every part on the way an object or absent, every feature already there.
 * Anything else (deletions by {@code null}, new features, definitions, keys the model would have to validate) is
 * left to the general path, which builds the whole thing with Ditto's model.
 */
final class LeafMerge {

    /** Keys the model accepts without doubt (its rule: no slashes, no control characters). */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.:@-]{1,256}");
    private static final String ATTRIBUTES = "attributes";
    private static final String FEATURES = "features";
    private static final String PROPERTIES = "properties";
    private static final String DESIRED_PROPERTIES = "desiredProperties";

    private LeafMerge() {}

    /**
     * @param current the thing before the merge
     * @param at where the patch applies, relative to the thing ({@code /} for the thing itself)
     * @return the thing after the merge, or empty if this patch is one for the general path
     */
    static Optional<Thing> apply(final Thing current, final JsonPointer at, final JsonValue patch) {
        final List<Leaf> leaves = new ArrayList<>();
        if (!patch.isObject() || !collect(at, patch.asObject(), leaves)) {
            return Optional.empty();
        }
        // the values of one feature's (desired) properties are set together: one rebuild of feature and thing
        final Map<Part, List<PropertyWrites.Value>> byPart = new LinkedHashMap<>();
        Thing thing = current;
        for (final Leaf leaf : leaves) {
            final Optional<Thing> next = set(thing, leaf, byPart);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            thing = next.get();
        }
        for (final Map.Entry<Part, List<PropertyWrites.Value>> part : byPart.entrySet()) {
            thing = PropertyWrites.setAll(thing, part.getKey().featureId(), part.getValue(),
                    part.getKey().desired());
        }
        return Optional.of(thing);
    }

    /** A feature's properties or its desired properties. */
    private record Part(String featureId, boolean desired) {}

    private record Leaf(JsonPointer pointer, JsonValue value) {}

    private static boolean collect(final JsonPointer at, final JsonObject patch, final List<Leaf> leaves) {
        if (patch.isEmpty()) {
            return false; // an empty object would create an empty object where nothing is
        }
        for (final JsonField field : patch) {
            final String key = field.getKeyName();
            final JsonValue value = field.getValue();
            if (!PLAIN_KEY.matcher(key).matches() || value.isNull()) {
                return false;
            }
            final JsonPointer pointer = at.addLeaf(field.getKey());
            if (value.isObject()) {
                if (!collect(pointer, value.asObject(), leaves)) {
                    return false;
                }
            } else if (value.isArray() && !withoutObjects(value)) {
                return false;
            } else {
                leaves.add(new Leaf(pointer, value));
            }
        }
        return true;
    }

    private static boolean withoutObjects(final JsonValue value) {
        if (value.isObject()) {
            return false;
        }
        if (value.isArray()) {
            for (final JsonValue element : value.asArray()) {
                if (!withoutObjects(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Sets an attribute at once; a (desired) property is checked against the thing before the merge and gathered
     * in {@code byPart} (a leaf is never on the way to another, so checking each against the thing before the merge
     * is checking it against the thing the leaves before it made).
     */
    private static Optional<Thing> set(final Thing thing, final Leaf leaf,
            final Map<Part, List<PropertyWrites.Value>> byPart) {
        final JsonPointer p = leaf.pointer();
        final String first = p.getRoot().map(Object::toString).orElse("");
        if (ATTRIBUTES.equals(first) && p.getLevelCount() >= 2) {
            final JsonPointer sub = p.nextLevel();
            final JsonObject attributes = thing.getAttributes().map(JsonObject.class::cast).orElse(JsonObject.empty());
            return settable(attributes, sub, leaf.value()) ? Optional.of(thing.setAttribute(sub, leaf.value()))
                    : Optional.empty();
        }
        if (FEATURES.equals(first) && p.getLevelCount() >= 4) {
            final String featureId = p.get(1).orElseThrow().toString();
            final String part = p.get(2).orElseThrow().toString();
            final JsonPointer sub = p.getSubPointer(3).orElseThrow();
            final var feature = thing.getFeatures().flatMap(features -> features.getFeature(featureId));
            if (feature.isEmpty() || !PROPERTIES.equals(part) && !DESIRED_PROPERTIES.equals(part)) {
                return Optional.empty();
            }
            final boolean desired = DESIRED_PROPERTIES.equals(part);
            final JsonObject container = (desired ? feature.get().getDesiredProperties()
                    : feature.get().getProperties()).map(JsonObject.class::cast).orElse(JsonObject.empty());
            if (!settable(container, sub, leaf.value())) {
                return Optional.empty();
            }
            byPart.computeIfAbsent(new Part(featureId, desired), k -> new ArrayList<>())
                    .add(new PropertyWrites.Value(sub, leaf.value()));
            return Optional.of(thing);
        }
        return Optional.empty();
    }

    /**
     * Whether the setter gives what the merge gives: every level above the leaf an object or not there (a merge
     * replaces a scalar in the way), and no value there that equals the new one in another spelling ({@code 100}
     * and {@code 100.0}: the setter keeps the value it finds equal, the merge writes the patch's).
     */
    private static boolean settable(final JsonObject container, final JsonPointer sub, final JsonValue value) {
        final Optional<JsonValue> existing = container.getValue(sub);
        if (existing.isPresent() && existing.get().equals(value)
                && !existing.get().toString().equals(value.toString())) {
            return false;
        }
        return objectsOnTheWay(container, sub);
    }

    private static boolean objectsOnTheWay(final JsonObject container, final JsonPointer sub) {
        JsonPointer above = sub.cutLeaf();
        while (!above.isEmpty()) {
            final Optional<JsonValue> value = container.getValue(above);
            if (value.isPresent() && !value.get().isObject()) {
                return false;
            }
            above = above.cutLeaf();
        }
        return true;
    }
}
