package io.twinloop.twin.server.http;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonKeyInvalidException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * One addressable part of a thing, parsed from the path after {@code /api/2/things/}.
 *
 * @param thingId the thing
 * @param kind which part
 * @param featureId the feature for the feature kinds, else empty
 * @param subPointer the path inside attributes or (desired) properties for the single-value kinds, else empty
 */
public record Resource(ThingId thingId, Kind kind, String featureId, JsonPointer subPointer) {

    public enum Kind {
        THING, DEFINITION, ATTRIBUTES, ATTRIBUTE, FEATURES, FEATURE, FEATURE_DEFINITION,
        FEATURE_PROPERTIES, FEATURE_PROPERTY, FEATURE_DESIRED_PROPERTIES, FEATURE_DESIRED_PROPERTY;

        boolean isFeaturePart() {
            return compareTo(FEATURE_DEFINITION) >= 0;
        }
    }

    private static final String KEY_RULE = "Neither slashes nor any control characters are allowed.";
    private static final JsonKey DEFINITION = JsonKey.of("definition");
    private static final JsonKey PROPERTIES = JsonKey.of("properties");
    private static final JsonKey DESIRED_PROPERTIES = JsonKey.of("desiredProperties");
    private static final JsonPointer DEFINITION_POINTER = JsonPointer.empty().addLeaf(DEFINITION);
    private static final JsonPointer ATTRIBUTES_POINTER = JsonPointer.empty().addLeaf(JsonKey.of("attributes"));
    private static final JsonPointer FEATURES_POINTER = JsonPointer.empty().addLeaf(JsonKey.of("features"));

    /**
     * @param segments URL-decoded path segments after {@code /api/2/things/}, the thing id first
     * @return empty if the path names no resource of the things API
     * @throws DittoRuntimeException for an invalid thing id or key
     */
    public static Optional<Resource> parse(final List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        return parse(ThingId.of(segments.get(0)), segments.subList(1, segments.size()));
    }

    /**
     * @param thingId a thing id already read (e.g. from a Ditto command), not parsed again
     * @param rest URL-decoded path segments after the thing id
     * @return empty if the path names no resource of the things API
     * @throws DittoRuntimeException for an invalid key
     */
    public static Optional<Resource> parse(final ThingId thingId, final List<String> rest) {
        if (rest.isEmpty()) {
            return Optional.of(of(thingId, Kind.THING));
        }
        return switch (rest.get(0)) {
            case "definition" -> rest.size() == 1 ? Optional.of(of(thingId, Kind.DEFINITION)) : Optional.empty();
            case "attributes" -> Optional.of(rest.size() == 1 ? of(thingId, Kind.ATTRIBUTES)
                    : new Resource(thingId, Kind.ATTRIBUTE, "", pointer(rest.subList(1, rest.size()))));
            case "features" -> parseFeatures(thingId, rest.subList(1, rest.size()));
            default -> Optional.empty();
        };
    }

    private static Optional<Resource> parseFeatures(final ThingId thingId, final List<String> rest) {
        if (rest.isEmpty()) {
            return Optional.of(of(thingId, Kind.FEATURES));
        }
        final String featureId = validKey(rest.get(0));
        if (rest.size() == 1) {
            return Optional.of(new Resource(thingId, Kind.FEATURE, featureId, JsonPointer.empty()));
        }
        final List<String> inner = rest.subList(2, rest.size());
        final Kind whole;
        final Kind single;
        switch (rest.get(1)) {
            case "definition" -> {
                return inner.isEmpty()
                        ? Optional.of(new Resource(thingId, Kind.FEATURE_DEFINITION, featureId, JsonPointer.empty()))
                        : Optional.empty();
            }
            case "properties" -> {
                whole = Kind.FEATURE_PROPERTIES;
                single = Kind.FEATURE_PROPERTY;
            }
            case "desiredProperties" -> {
                whole = Kind.FEATURE_DESIRED_PROPERTIES;
                single = Kind.FEATURE_DESIRED_PROPERTY;
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(inner.isEmpty() ? new Resource(thingId, whole, featureId, JsonPointer.empty())
                : new Resource(thingId, single, featureId, pointer(inner)));
    }

    private static Resource of(final ThingId thingId, final Kind kind) {
        return new Resource(thingId, kind, "", JsonPointer.empty());
    }

    private static JsonPointer pointer(final List<String> keys) {
        JsonPointer pointer = JsonPointer.empty();
        for (final String key : keys) {
            pointer = pointer.addLeaf(JsonKey.of(validKey(key)));
        }
        return pointer;
    }

    /** Ditto's key rule: JsonPointer.of accepts control characters, Ditto's things model does not. */
    private static String validKey(final String key) {
        final boolean invalid = key.isEmpty() || key.chars().anyMatch(c -> c == '/' || Character.isISOControl(c));
        if (invalid) {
            throw new DittoJsonException(JsonKeyInvalidException.newBuilderWithDescription(key, KEY_RULE).build());
        }
        return key;
    }

    /** Where this resource lives in the thing's JSON. */
    public JsonPointer pointerInThing() {
        return switch (kind) {
            case THING -> JsonPointer.empty();
            case DEFINITION -> DEFINITION_POINTER;
            case ATTRIBUTES -> ATTRIBUTES_POINTER;
            case ATTRIBUTE -> ATTRIBUTES_POINTER.append(subPointer);
            case FEATURES -> FEATURES_POINTER;
            case FEATURE -> feature();
            case FEATURE_DEFINITION -> feature().addLeaf(DEFINITION);
            case FEATURE_PROPERTIES -> feature().addLeaf(PROPERTIES);
            case FEATURE_PROPERTY -> feature().addLeaf(PROPERTIES).append(subPointer);
            case FEATURE_DESIRED_PROPERTIES -> feature().addLeaf(DESIRED_PROPERTIES);
            case FEATURE_DESIRED_PROPERTY -> feature().addLeaf(DESIRED_PROPERTIES).append(subPointer);
        };
    }

    /** Built key by key: written on every request, so no pointer string is formatted and parsed again. */
    private JsonPointer feature() {
        return FEATURES_POINTER.addLeaf(JsonKey.of(featureId));
    }

    /**
     * The resource's value as a Ditto model object (Thing, Attributes, Feature, JsonValue, ...), which is also what
     * Ditto computes the entity tag from: the revision for the thing and its definition, a hash for everything else.
     */
    public Optional<Object> entity(final Thing thing) {
        final Optional<Feature> feature = thing.getFeatures().flatMap(f -> f.getFeature(featureId));
        return switch (kind) {
            case THING -> Optional.of(thing);
            case DEFINITION -> thing.getDefinition().map(d -> d);
            case ATTRIBUTES -> thing.getAttributes().map(a -> a);
            case ATTRIBUTE -> thing.getAttributes().flatMap(a -> a.getValue(subPointer)).map(v -> v);
            case FEATURES -> thing.getFeatures().map(f -> f);
            case FEATURE -> feature.map(f -> f);
            case FEATURE_DEFINITION -> feature.flatMap(Feature::getDefinition).map(d -> d);
            case FEATURE_PROPERTIES -> feature.flatMap(Feature::getProperties).map(p -> p);
            case FEATURE_PROPERTY -> feature.flatMap(Feature::getProperties).flatMap(p -> p.getValue(subPointer))
                    .map(v -> v);
            case FEATURE_DESIRED_PROPERTIES -> feature.flatMap(Feature::getDesiredProperties).map(p -> p);
            case FEATURE_DESIRED_PROPERTY -> feature.flatMap(Feature::getDesiredProperties)
                    .flatMap(p -> p.getValue(subPointer)).map(v -> v);
        };
    }

    /** Ditto's entity tag: {@code "rev:N"} for the thing and its definition, a hash of the value otherwise. */
    public Optional<EntityTag> eTag(final Thing thing) {
        return entity(thing).flatMap(e -> EntityTag.fromEntity(kind == Kind.DEFINITION ? thing : e));
    }

    public boolean featureExists(final Thing thing) {
        return thing.getFeatures().flatMap(f -> f.getFeature(featureId)).isPresent();
    }

    /** True for the kinds whose parent feature must exist before they can be written (as in Ditto). */
    public boolean needsFeature() {
        return kind.isFeaturePart();
    }
}
