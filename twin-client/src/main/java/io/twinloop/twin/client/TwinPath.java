package io.twinloop.twin.client;

import java.util.Objects;

import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Immutable address of a resource of one thing in Ditto's HTTP API v2: the thing id plus a JSON pointer inside the
 * thing ({@code /attributes/location}, {@code /features/lamp/desiredProperties/on}, ...).
 * <p>
 * Start with {@link #thing(ThingId)}; the other factories ({@link #attributes()}, {@link #feature(String)}, ...)
 * always address resources of the same thing <em>from its root</em>, whatever path they are called on, so
 * {@code TwinPath.thing(id).property("lamp", JsonPointer.of("on"))} reads naturally and cannot be mis-nested.
 * {@link #toHttpPath()} renders the percent-encoded HTTP path.
 */
public final class TwinPath {

    private static final JsonPointer ATTRIBUTES = JsonPointer.of("attributes");
    private static final JsonPointer FEATURES = JsonPointer.of("features");
    private static final JsonPointer DEFINITION = JsonPointer.of("definition");
    private static final JsonPointer POLICY_ID = JsonPointer.of("policyId");

    private final ThingId thingId;
    private final JsonPointer pointer;

    private TwinPath(final ThingId thingId, final JsonPointer pointer) {
        this.thingId = Objects.requireNonNull(thingId, "thingId");
        this.pointer = Objects.requireNonNull(pointer, "pointer");
    }

    /** The whole thing: {@code /api/2/things/{thingId}}. */
    public static TwinPath thing(final ThingId thingId) {
        return new TwinPath(thingId, JsonPointer.empty());
    }

    /** Any resource of a thing, for paths without a dedicated factory; the pointer is relative to the thing root. */
    public static TwinPath of(final ThingId thingId, final JsonPointer pointer) {
        return new TwinPath(thingId, pointer);
    }

    public TwinPath attributes() {
        return new TwinPath(thingId, ATTRIBUTES);
    }

    public TwinPath attribute(final JsonPointer attributePointer) {
        return new TwinPath(thingId, ATTRIBUTES.append(requireNonEmpty(attributePointer, "attributePointer")));
    }

    public TwinPath features() {
        return new TwinPath(thingId, FEATURES);
    }

    public TwinPath feature(final String featureId) {
        return new TwinPath(thingId, FEATURES.addLeaf(featureKey(featureId)));
    }

    public TwinPath properties(final String featureId) {
        return new TwinPath(thingId, feature(featureId).pointer.addLeaf(JsonKey.of("properties")));
    }

    public TwinPath property(final String featureId, final JsonPointer propertyPointer) {
        return new TwinPath(thingId,
                properties(featureId).pointer.append(requireNonEmpty(propertyPointer, "propertyPointer")));
    }

    public TwinPath desiredProperties(final String featureId) {
        return new TwinPath(thingId, feature(featureId).pointer.addLeaf(JsonKey.of("desiredProperties")));
    }

    public TwinPath desiredProperty(final String featureId, final JsonPointer propertyPointer) {
        return new TwinPath(thingId,
                desiredProperties(featureId).pointer.append(requireNonEmpty(propertyPointer, "propertyPointer")));
    }

    /** The thing's definition ({@code /definition}), e.g. a WoT Thing Model URL. */
    public TwinPath definition() {
        return new TwinPath(thingId, DEFINITION);
    }

    public TwinPath policyId() {
        return new TwinPath(thingId, POLICY_ID);
    }

    public ThingId thingId() {
        return thingId;
    }

    /** The pointer inside the thing; empty for the thing itself. */
    public JsonPointer pointer() {
        return pointer;
    }

    /** Renders {@code /api/2/things/{thingId}/...} with the thing id and every pointer segment percent-encoded. */
    public String toHttpPath() {
        final StringBuilder path = new StringBuilder("/api/2/things/").append(PercentEncoding.pathSegment(thingId));
        for (final JsonKey key : pointer) {
            path.append('/').append(PercentEncoding.pathSegment(key));
        }
        return path.toString();
    }

    private static JsonKey featureKey(final String featureId) {
        Objects.requireNonNull(featureId, "featureId");
        // A '/' would silently turn the feature id into a deeper path.
        if (featureId.isEmpty() || featureId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Invalid feature id '" + featureId + "': must be non-empty and contain no '/'");
        }
        return JsonKey.of(featureId);
    }

    private static JsonPointer requireNonEmpty(final JsonPointer pointer, final String name) {
        Objects.requireNonNull(pointer, name);
        if (pointer.isEmpty()) {
            // An empty pointer would address the parent (all attributes / properties): make that explicit instead.
            throw new IllegalArgumentException(name + " must not be empty; use the plural factory for the whole object");
        }
        return pointer;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TwinPath other && thingId.equals(other.thingId) && pointer.equals(other.pointer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(thingId, pointer);
    }

    @Override
    public String toString() {
        return toHttpPath();
    }
}
