package io.twinloop.ditto.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * The part of a thing write that concerns {@code desiredProperties}: the thing, the operation, the path the write
 * addresses (relative to the thing, as in Ditto's HTTP API) and the written value <em>projected onto the desired
 * locations</em> ({@code features/<id>/desiredProperties}).
 * <p>
 * The projection is what is signed: a write at thing, {@code features} or feature level carries other content
 * (attributes, properties, and for creations whatever Ditto adds, such as {@code thingId} and {@code policyId})
 * that the agent's policy governs, not its signature; at or below a {@code desiredProperties} location the
 * projection is the value itself. A write whose projection is empty is no desired write.
 */
public final class DesiredWrite {

    static final String FEATURES = "features";
    static final String DESIRED_PROPERTIES = "desiredProperties";

    private final String thingId;
    private final Operation operation;
    private final JsonPointer path;
    private final JsonValue desiredValue;

    private DesiredWrite(final String thingId, final Operation operation, final JsonPointer path,
            final JsonValue desiredValue) {
        this.thingId = thingId;
        this.operation = operation;
        this.path = path;
        this.desiredValue = desiredValue;
    }

    /**
     * The desired part of a write of {@code value} at {@code path} of thing {@code thingId}, or empty if the write
     * does not touch {@code desiredProperties}.
     *
     * @param value the written value; {@code null} for a deletion
     */
    public static Optional<DesiredWrite> of(final String thingId, final Operation operation,
            final JsonPointer path, final JsonValue value) {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        final JsonValue written = value == null ? JsonValue.nullLiteral() : value;
        return project(path, written).map(projection -> new DesiredWrite(thingId, operation, path, projection));
    }

    private static Optional<JsonValue> project(final JsonPointer path, final JsonValue value) {
        final int levels = path.getLevelCount();
        if (levels >= 3 && key(path, 0).equals(FEATURES) && key(path, 2).equals(DESIRED_PROPERTIES)) {
            return Optional.of(value);
        }
        if (levels == 2 && key(path, 0).equals(FEATURES)) {
            return featureProjection(value);
        }
        if (levels == 1 && key(path, 0).equals(FEATURES)) {
            return featuresProjection(value);
        }
        if (levels == 0 && value.isObject()) {
            return value.asObject().getValue(FEATURES)
                    .flatMap(DesiredWrite::featuresProjection)
                    .map(features -> JsonObject.newBuilder().set(FEATURES, features).build());
        }
        return Optional.empty();
    }

    private static Optional<JsonValue> featuresProjection(final JsonValue features) {
        if (!features.isObject()) {
            return Optional.empty();
        }
        final JsonObjectBuilder builder = JsonObject.newBuilder();
        for (final JsonKey featureId : features.asObject().getKeys()) {
            features.asObject().getValue(featureId)
                    .flatMap(DesiredWrite::featureProjection)
                    .ifPresent(feature -> builder.set(featureId, feature));
        }
        final JsonObject projection = builder.build();
        return projection.isEmpty() ? Optional.empty() : Optional.of(projection);
    }

    private static Optional<JsonValue> featureProjection(final JsonValue feature) {
        if (!feature.isObject()) {
            return Optional.empty();
        }
        return feature.asObject().getValue(DESIRED_PROPERTIES)
                .map(desired -> JsonObject.newBuilder().set(DESIRED_PROPERTIES, desired).build());
    }

    private static String key(final JsonPointer path, final int level) {
        return path.get(level).map(JsonKey::toString).orElse("");
    }

    public String thingId() {
        return thingId;
    }

    public Operation operation() {
        return operation;
    }

    /** The path the write addresses, relative to the thing ({@code /} for the thing itself). */
    public JsonPointer path() {
        return path;
    }

    /** The written value projected onto the desired locations (see the class comment). */
    public JsonValue desiredValue() {
        return desiredValue;
    }

    /**
     * Every location (absolute within the thing) the write sets: the leaves of the projected value, an empty object
     * or array counting as a leaf.
     */
    public List<JsonPointer> touchedLeaves() {
        final List<JsonPointer> leaves = new ArrayList<>();
        collectLeaves(path, desiredValue, leaves);
        return leaves;
    }

    private static void collectLeaves(final JsonPointer at, final JsonValue value, final List<JsonPointer> into) {
        if (value.isObject() && !value.asObject().isEmpty()) {
            for (final JsonKey key : value.asObject().getKeys()) {
                collectLeaves(at.addLeaf(key), value.asObject().getValue(key).orElseThrow(), into);
            }
        } else {
            into.add(at);
        }
    }

    /** The first feature whose desired properties the write touches (to name it in an error). */
    public String firstFeatureId() {
        for (final JsonPointer leaf : touchedLeaves()) {
            if (leaf.getLevelCount() >= 2 && key(leaf, 0).equals(FEATURES)) {
                return key(leaf, 1);
            }
        }
        return "";
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DesiredWrite other && thingId.equals(other.thingId) && operation == other.operation
                && path.equals(other.path) && desiredValue.equals(other.desiredValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(thingId, operation, path, desiredValue);
    }

    @Override
    public String toString() {
        return operation.wireName() + " " + thingId + path + " " + desiredValue;
    }
}
