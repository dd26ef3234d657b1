package io.twinloop.twin.server.wot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Checks writes of attributes, features, feature properties and desired properties against the WoT Thing Models
 * the thing's and features' {@code definition}s link to, with Ditto 3.8's rules (its
 * {@code DefaultWotThingModelValidator}, {@code InternalValidation}, {@code InternalFeatureValidation}), messages and
 * error shape ({@link WotPayloadValidationException}):
 *
 * <ul>
 *   <li>Writes of a feature's properties, desired properties, one (desired) property, or a whole feature are checked
 *       against the feature's definition (its first identifier, if that is a URL).</li>
 *   <li>Writes of the whole thing, of all features, of the attributes or of one attribute are checked only when the
 *       thing has a URL definition (the new one, else the current one), against that thing model: attributes
 *       against its properties; features against its {@code tm:submodel}s (instance name = feature id), which must
 *       all be there ({@code enforce.presence-of-modeled-features}) and be the only ones
 *       ({@code forbid.non-modeled-features}); for a merge only the features it touches.</li>
 *   <li>A new feature definition ({@code PUT /features/X/definition}) is checked against the feature's values.</li>
 *   <li>Every value must follow its data schema (type, bounds, enum, ...); fields the model does not define are
 *       refused ({@code forbid.non-modeled-*}); a whole properties or attributes object must have what
 *       {@code tm:optional} does not exempt (not so for desired properties, nor for merges).</li>
 * </ul>
 *
 * Deletions: {@link #checkDeletion}. A model that cannot be fetched fails the write with Ditto's
 * {@code wot:tm.notfound}. Not checked (Ditto does): the whole thing against a changed thing definition, deletions
 * of parts of object-typed properties, messages.
 */
public final class ThingModelValidation {

    private static final String PROPERTIES = "properties";
    private static final String DESIRED = "desiredProperties";
    private static final String ATTRIBUTES = "attributes";
    private static final String FEATURES = "features";

    /** What a write addresses. */
    public enum Scope {
        WHOLE_THING, ALL_FEATURES, FEATURE, PROPERTIES, PROPERTY, FEATURE_DEFINITION, ATTRIBUTES, ATTRIBUTE
    }

    private final WotConfig config;
    private final ModelResolver resolver;

    private ThingModelValidation(final WotConfig config) {
        this.config = config;
        this.resolver = new ModelResolver(config.fetchTimeout());
    }

    public static ThingModelValidation of(final WotConfig config) {
        return new ThingModelValidation(config);
    }

    public WotConfig config() {
        return config;
    }

    /**
     * @param scope what the write addresses
     * @param merge a merge patch ({@code null}s delete and are not checked as values) rather than a replacement
     * @param featureId the feature the resource is in (for the feature scopes)
     * @param desired whether the resource is in {@code desiredProperties} (for the property scopes)
     * @param pointer the property's (attribute's) pointer inside its container (for PROPERTY, ATTRIBUTE)
     * @param body the written value
     * @param currentThing the thing as it is now, if it exists (asked only when needed)
     * @return completes when the write may go on; fails with a Ditto exception otherwise
     */
    public CompletableFuture<Void> check(final Scope scope, final boolean merge, final ThingId thingId,
            final String featureId, final boolean desired, final JsonPointer pointer, final JsonValue body,
            final Supplier<Optional<Thing>> currentThing, final DittoHeaders headers) {
        if (!config.enabled() || body == null) {
            return CompletableFuture.completedFuture(null);
        }
        final Lazy current = new Lazy(currentThing);
        final List<ContainerCheck> checks = new ArrayList<>();
        switch (scope) {
            case WHOLE_THING -> {
                final Optional<String> thingModel = body.isObject() ? thingDefinition(body.asObject(), current, merge)
                        : Optional.empty();
                if (thingModel.isPresent()) {
                    return resolver.resolve(thingModel.get(), headers).thenCompose(model -> {
                        final JsonObject thing = body.asObject();
                        thing.getValue(ATTRIBUTES).filter(v -> !v.isNull()).ifPresent(attributes -> checks.add(
                                attributesCheck(model.url(), JsonPointer.empty(), attributes, merge)));
                        final JsonValue features = thing.getValue(FEATURES).orElse(merge ? null : JsonObject.empty());
                        if (features != null && features.isObject()) {
                            modeledFeatures(model, features.asObject(), merge, checks, headers);
                        }
                        return run(checks, headers);
                    });
                }
            }
            case ALL_FEATURES -> {
                final Optional<String> thingModel = currentThingDefinition(current);
                if (thingModel.isPresent() && body.isObject()) {
                    return resolver.resolve(thingModel.get(), headers).thenCompose(model -> {
                        modeledFeatures(model, body.asObject(), merge, checks, headers);
                        return run(checks, headers);
                    });
                }
            }
            case ATTRIBUTES, ATTRIBUTE -> currentThingDefinition(current).ifPresent(url -> checks.add(
                    attributesCheck(url, scope == Scope.ATTRIBUTE ? pointer : JsonPointer.empty(), body, merge)));
            case FEATURE -> {
                if (body.isObject()) {
                    final JsonObject feature = body.asObject();
                    final Optional<String> url = feature.getValue("definition").flatMap(ThingModelValidation::firstUrl)
                            .or(() -> merge && !feature.contains("definition")
                                    ? currentFeatureDefinition(current, featureId) : Optional.empty());
                    url.ifPresent(u -> featureChecks(featureId, u, feature, merge, checks));
                }
            }
            case PROPERTIES, PROPERTY -> currentFeatureDefinition(current, featureId).ifPresent(url -> checks.add(
                    propertiesCheck(featureId, url, desired, scope == Scope.PROPERTY ? pointer : JsonPointer.empty(),
                            merge ? withoutNulls(body) : body, !merge && scope == Scope.PROPERTIES)));
            case FEATURE_DEFINITION -> firstUrl(body).ifPresent(url -> current.get()
                    .flatMap(t -> t.getFeatures().flatMap(fs -> fs.getFeature(featureId))).ifPresent(f -> {
                        f.getProperties().ifPresent(p -> checks.add(propertiesCheck(featureId, url, false,
                                JsonPointer.empty(), p, true)));
                        f.getDesiredProperties().ifPresent(p -> checks.add(propertiesCheck(featureId, url, true,
                                JsonPointer.empty(), p, true)));
                    }));
        }
        return run(checks, headers);
    }

    /**
     * A deletion, checked as Ditto 3.8 checks it: a feature's URL definition may not be deleted
     * ({@code feature.forbid.feature-description-deletion}); with URL definitions on both the thing and the feature,
     * a feature its thing model names ({@code enforce.presence-of-modeled-features}), all of a feature's properties
     * when some are not optional, or one non-optional property ({@code enforce.properties}) may not be deleted.
     * Desired properties and attributes may be deleted (Ditto: all optional; no attribute deletion check). Deleting
     * the thing's definition passes, as in Ditto 3.8, whose check for it looks at the feature definition only.
     *
     * @param scope FEATURE, PROPERTIES, PROPERTY or FEATURE_DEFINITION (others pass)
     */
    public CompletableFuture<Void> checkDeletion(final Scope scope, final String featureId, final boolean desired,
            final JsonPointer pointer, final Supplier<Optional<Thing>> currentThing, final DittoHeaders headers) {
        if (!config.enabled() || desired) {
            return CompletableFuture.completedFuture(null);
        }
        final Lazy current = new Lazy(currentThing);
        if (scope == Scope.FEATURE_DEFINITION) {
            if (config.forbidFeatureDescriptionDeletion() && currentFeatureDefinition(current, featureId).isPresent()) {
                return CompletableFuture.failedFuture(WotPayloadValidationException.newBuilder("Deleting the Feature <"
                        + featureId + ">'s <definition> is not allowed").dittoHeaders(headers).build());
            }
            return CompletableFuture.completedFuture(null);
        }
        if (scope != Scope.FEATURE && scope != Scope.PROPERTIES && scope != Scope.PROPERTY) {
            return CompletableFuture.completedFuture(null);
        }
        final Optional<String> thingUrl = currentThingDefinition(current);
        final Optional<String> featureUrl = currentFeatureDefinition(current, featureId);
        if (thingUrl.isEmpty() || featureUrl.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return resolver.resolve(thingUrl.get(), headers).thenCombine(resolver.resolve(featureUrl.get(), headers),
                (thingModel, featureModel) -> {
                    if (scope == Scope.FEATURE) {
                        if (config.enforcePresenceOfModeledFeatures()
                                && thingModel.submodels().containsKey(featureId)) {
                            throw WotPayloadValidationException.newBuilder("Could not delete Feature <" + featureId
                                    + ">, as it is defined as submodel in the Thing's model").dittoHeaders(headers)
                                    .build();
                        }
                    } else if (config.enforceProperties() && scope == Scope.PROPERTIES) {
                        if (!featureModel.requiredNames().isEmpty()) {
                            throw WotPayloadValidationException.newBuilder("Could not delete all Feature <" + featureId
                                    + "> properties, as there are some defined as non-optional in the model")
                                    .dittoHeaders(headers).build();
                        }
                    } else if (config.enforceProperties() && pointer.getLevelCount() == 1
                            && featureModel.requiredNames().contains(pointer.getRoot().orElseThrow().toString())) {
                        throw WotPayloadValidationException.newBuilder("Could not delete Feature <" + featureId
                                + "> property <" + pointer + "> as it is defined as non-optional in the model")
                                .dittoHeaders(headers).build();
                    }
                    return null;
                });
    }


    private ContainerCheck attributesCheck(final String url, final JsonPointer pointer, final JsonValue value,
            final boolean merge) {
        return new ContainerCheck(url, "Thing's ", "attribute", "attributes", JsonPointer.of("/" + ATTRIBUTES), pointer,
                merge ? withoutNulls(value) : value, !merge && pointer.isEmpty(), !merge, config.enforceAttributes(),
                config.forbidNonModeledAttributes());
    }

    private ContainerCheck propertiesCheck(final String featureId, final String url, final boolean desired,
            final JsonPointer pointer, final JsonValue value, final boolean whole) {
        return new ContainerCheck(url, "Feature <" + featureId + ">'s " + (desired ? "desired " : ""), "property",
                "properties", JsonPointer.of("/" + FEATURES + "/" + featureId + "/" + (desired ? DESIRED : PROPERTIES)),
                pointer, value, whole && !desired, whole && !desired,
                desired ? config.enforceDesiredProperties() : config.enforceProperties(),
                desired ? config.forbidNonModeledDesiredProperties() : config.forbidNonModeledProperties());
    }

    private void featureChecks(final String featureId, final String url, final JsonObject feature,
            final boolean merge, final List<ContainerCheck> checks) {
        for (final String container : List.of(PROPERTIES, DESIRED)) {
            feature.getValue(container).filter(v -> !v.isNull()).ifPresent(value -> checks.add(propertiesCheck(
                    featureId, url, container.equals(DESIRED), JsonPointer.empty(), merge ? withoutNulls(value) : value,
                    !merge)));
        }
    }

    /** Features written through the thing or all features: the thing model's submodels decide. */
    private void modeledFeatures(final ModelSchemas thingModel, final JsonObject features, final boolean merge,
            final List<ContainerCheck> checks, final DittoHeaders headers) {
        final Map<String, String> submodels = thingModel.submodels();
        final Set<String> written = new LinkedHashSet<>();
        final Set<String> removed = new LinkedHashSet<>();
        features.forEach(f -> (f.getValue().isNull() ? removed : written).add(f.getKeyName()));
        if (config.enforcePresenceOfModeledFeatures()) {
            final Set<String> missing = new LinkedHashSet<>(submodels.keySet());
            if (merge) {
                missing.retainAll(removed); // a merge removes only what it sets to null
            } else {
                missing.removeAll(written);
            }
            if (!missing.isEmpty()) {
                throw WotPayloadValidationException.newBuilder("Attempting to update the Thing with missing in the "
                        + "model defined features: " + missing).dittoHeaders(headers).build();
            }
        }
        if (config.forbidNonModeledFeatures()) {
            final Set<String> extra = new LinkedHashSet<>(written);
            extra.removeAll(submodels.keySet());
            if (!extra.isEmpty()) {
                throw WotPayloadValidationException.newBuilder("Attempting to update the Thing with feature(s) which "
                        + "were not defined in the model: " + extra).dittoHeaders(headers).build();
            }
        }
        features.forEach(f -> {
            final String url = submodels.get(f.getKeyName());
            if (url != null && f.getValue().isObject()) {
                featureChecks(f.getKeyName(), url, f.getValue().asObject(), merge, checks);
            }
        });
    }

    private CompletableFuture<Void> run(final List<ContainerCheck> checks, final DittoHeaders headers) {
        if (checks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        final Map<String, CompletableFuture<ModelSchemas>> models = new LinkedHashMap<>();
        checks.forEach(c -> models.computeIfAbsent(c.url(), url -> resolver.resolve(url, headers)));
        return CompletableFuture.allOf(models.values().toArray(CompletableFuture[]::new)).thenRun(() -> {
            for (final ContainerCheck check : checks) {
                check.validate(models.get(check.url()).join(), headers);
            }
        });
    }


    /** The thing's model after the write: the body's definition, else (merges) the current one. */
    private static Optional<String> thingDefinition(final JsonObject thing, final Lazy current, final boolean merge) {
        final Optional<JsonValue> definition = thing.getValue("definition");
        if (definition.isPresent()) {
            return definition.filter(JsonValue::isString).map(JsonValue::asString)
                    .filter(ThingModelValidation::isUrl);
        }
        return merge ? currentThingDefinition(current) : Optional.empty();
    }

    private static Optional<String> currentThingDefinition(final Lazy current) {
        return current.get().flatMap(Thing::getDefinition).map(Object::toString).filter(ThingModelValidation::isUrl);
    }

    private static Optional<String> currentFeatureDefinition(final Lazy current, final String featureId) {
        return current.get().flatMap(t -> t.getFeatures().flatMap(fs -> fs.getFeature(featureId)))
                .flatMap(Feature::getDefinition).map(d -> d.getFirstIdentifier().toString())
                .filter(ThingModelValidation::isUrl);
    }

    /** A feature definition is an array of identifiers; a thing's a string. The first, if it is a URL. */
    private static Optional<String> firstUrl(final JsonValue definition) {
        final JsonValue first = definition.isArray() ? definition.asArray().get(0).orElse(JsonValue.nullLiteral())
                : definition;
        return first.isString() && isUrl(first.asString()) ? Optional.of(first.asString()) : Optional.empty();
    }

    static boolean isUrl(final String identifier) {
        return identifier.startsWith("http://") || identifier.startsWith("https://");
    }

    /** The current thing, read once and only if a check needs it (reading it may inflate a stored thing). */
    private static final class Lazy {
        private final Supplier<Optional<Thing>> source;
        private Optional<Thing> value;

        Lazy(final Supplier<Optional<Thing>> source) {
            this.source = source;
        }

        Optional<Thing> get() {
            if (value == null) {
                value = source.get();
            }
            return value;
        }
    }

    private static JsonValue withoutNulls(final JsonValue value) {
        if (!value.isObject()) {
            return value;
        }
        final var builder = JsonObject.newBuilder();
        value.asObject().forEach(field -> {
            if (!field.getValue().isNull()) {
                builder.set(field.getKey(), withoutNulls(field.getValue()));
            }
        });
        return builder.build();
    }
}
