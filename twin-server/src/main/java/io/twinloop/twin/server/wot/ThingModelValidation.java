package io.twinloop.twin.server.wot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Checks writes of feature properties and desired properties against the WoT Thing Models their features' (or
 * thing's) {@code definition} links to, with Ditto 3.8's rules (its {@code DefaultWotThingModelValidator} and
 * {@code InternalFeatureValidation}) and error shape ({@link WotPayloadValidationException}):
 *
 * <ul>
 *   <li>Writes of a feature's properties, desired properties, one (desired) property, or of a whole feature, are
 *       checked against the feature's definition (the first identifier, if it is a URL).</li>
 *   <li>Writes of the whole thing or of all features (PUT or merge) are checked only when the thing has a URL
 *       definition (the new one, else the current one), as Ditto validates those commands against the thing's
 *       model; TwinLoop's generated thing model names the same feature models as its submodels.</li>
 *   <li>A new feature definition (PUT {@code /features/X/definition}) is checked against the feature's current
 *       properties.</li>
 *   <li>Every property value must follow its data schema (type, bounds, enum, ...); properties the model does not
 *       define are refused ({@code forbid.non-modeled-(desired-)properties}); a whole properties object must have
 *       the properties not listed in {@code tm:optional} (not so for desired properties, nor for merges).</li>
 * </ul>
 *
 * A definition that cannot be fetched fails the write with Ditto's {@code wot:tm.notfound}. Deletions are not
 * checked (Ditto refuses deleting non-optional properties and definitions; TwinLoop does not yet).
 */
public final class ThingModelValidation {

    private static final String PROPERTIES = "properties";
    private static final String DESIRED = "desiredProperties";

    /** What a write puts into one feature, in terms the checks need. */
    public enum Scope { WHOLE_THING, ALL_FEATURES, FEATURE, PROPERTIES, PROPERTY, FEATURE_DEFINITION }

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
     * @param merge a merge patch ({@code null}s delete and are not checked) rather than a replacement
     * @param featureId the feature the resource is in (for the feature scopes)
     * @param desired whether the resource is in {@code desiredProperties} (for the property scopes)
     * @param pointer the property's pointer inside (desired) properties (for {@link Scope#PROPERTY})
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
        final List<Check> checks = new ArrayList<>();
        switch (scope) {
            case WHOLE_THING -> {
                if (body.isObject() && hasUrlDefinition(body.asObject(), current, merge)) {
                    body.asObject().getValue("features").filter(JsonValue::isObject)
                            .ifPresent(fs -> features(fs.asObject(), merge, current, checks));
                }
            }
            case ALL_FEATURES -> {
                if (body.isObject() && current.get().flatMap(Thing::getDefinition).map(d -> isUrl(d.toString()))
                        .orElse(false)) {
                    features(body.asObject(), merge, current, checks);
                }
            }
            case FEATURE -> {
                if (body.isObject()) {
                    feature(featureId, body.asObject(), merge, current, checks);
                }
            }
            case PROPERTIES, PROPERTY -> currentDefinition(current, featureId).ifPresent(url -> checks.add(
                    new Check(featureId, url, desired, scope == Scope.PROPERTY ? pointer : JsonPointer.empty(),
                            merge ? withoutNulls(body) : body, !merge && scope == Scope.PROPERTIES)));
            case FEATURE_DEFINITION -> firstUrl(body).ifPresent(url -> current.get()
                    .flatMap(t -> t.getFeatures().flatMap(fs -> fs.getFeature(featureId))).ifPresent(f -> {
                        f.getProperties().ifPresent(p -> checks.add(new Check(featureId, url, false,
                                JsonPointer.empty(), p, true)));
                        f.getDesiredProperties().ifPresent(p -> checks.add(new Check(featureId, url, true,
                                JsonPointer.empty(), p, true)));
                    }));
        }
        if (checks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        final Set<String> urls = checks.stream().map(Check::url).collect(Collectors.toCollection(LinkedHashSet::new));
        final Map<String, CompletableFuture<ModelSchemas>> models = urls.stream()
                .collect(Collectors.toMap(Function.identity(), url -> resolver.resolve(url, headers)));
        return CompletableFuture.allOf(models.values().toArray(CompletableFuture[]::new)).thenRun(() -> {
            for (final Check check : checks) {
                validate(check, models.get(check.url()).join(), headers);
            }
        });
    }

    private record Check(String featureId, String url, boolean desired, JsonPointer pointer, JsonValue value,
            boolean wholeContainer) {
    }

    private void features(final JsonObject features, final boolean merge, final Lazy current,
            final List<Check> checks) {
        features.forEach(f -> {
            if (f.getValue().isObject()) {
                feature(f.getKeyName(), f.getValue().asObject(), merge, current, checks);
            }
        });
    }

    /** A feature written whole (PUT: its own definition counts) or merged (the patch's definition, else the current). */
    private void feature(final String featureId, final JsonObject feature, final boolean merge,
            final Lazy current, final List<Check> checks) {
        final Optional<String> url = feature.getValue("definition").flatMap(ThingModelValidation::firstUrl)
                .or(() -> merge && !feature.contains("definition") ? currentDefinition(current, featureId)
                        : Optional.empty());
        if (url.isEmpty()) {
            return;
        }
        for (final String container : List.of(PROPERTIES, DESIRED)) {
            feature.getValue(container).filter(v -> !v.isNull()).ifPresent(value -> checks.add(new Check(featureId,
                    url.get(), container.equals(DESIRED), JsonPointer.empty(), merge ? withoutNulls(value) : value,
                    !merge)));
        }
    }

    private void validate(final Check check, final ModelSchemas model, final DittoHeaders headers) {
        if (!model.hasProperties()) {
            return;
        }
        if (check.desired() ? !config.enforceDesiredProperties() : !config.enforceProperties()) {
            return;
        }
        final String prefix = "Feature <" + check.featureId() + ">'s " + (check.desired() ? "desired " : "");
        final JsonPointer containerPath = JsonPointer.of("/features/" + check.featureId() + "/"
                + (check.desired() ? DESIRED : PROPERTIES));
        final boolean forbidNonModeled = check.desired() ? config.forbidNonModeledDesiredProperties()
                : config.forbidNonModeledProperties();
        if (!check.pointer().isEmpty()) {
            final String name = check.pointer().getRoot().orElseThrow().toString();
            if (forbidNonModeled && !model.propertyNames().contains(name)) {
                throw WotPayloadValidationException.newBuilder("The " + prefix + "properties contained JSON fields "
                        + "which were not defined in the model: [" + name + "]").dittoHeaders(headers).build();
            }
            // a deeper pointer: the value as the part of the property it is (Ditto does the same)
            final JsonValue value = check.pointer().getLevelCount() == 1 ? check.value()
                    : JsonObject.newBuilder().set(check.pointer().getSubPointer(1).orElseThrow(), check.value())
                            .build();
            final List<String> errors = model.errors(name, value,
                    !check.desired() && check.pointer().getLevelCount() == 1);
            if (!errors.isEmpty()) {
                throw WotPayloadValidationException.newBuilder("The " + prefix + "property <" + check.pointer()
                        + "> contained validation errors, check the validation details.")
                        .addValidationDetail(containerPath.append(check.pointer()), errors)
                        .dittoHeaders(headers).build();
            }
            return;
        }
        if (!check.value().isObject()) {
            return; // Ditto's model refuses non-object (desired) properties itself
        }
        final JsonObject container = check.value().asObject();
        if (check.wholeContainer() && !check.desired()) {
            final List<String> missing = model.requiredNames().stream().filter(n -> !container.contains(n)).toList();
            if (!missing.isEmpty()) {
                final WotPayloadValidationException.Builder error = WotPayloadValidationException.newBuilder(
                        "Required JSON fields were missing from the " + prefix + "properties");
                missing.forEach(n -> error.addValidationDetail(containerPath.addLeaf(
                        org.eclipse.ditto.json.JsonKey.of(n)),
                        List.of(prefix + "property <" + n + "> is non optional and must be provided")));
                throw error.dittoHeaders(headers).build();
            }
        }
        if (forbidNonModeled) {
            final Set<String> extra = new LinkedHashSet<>();
            container.getKeys().forEach(k -> extra.add(k.toString()));
            extra.removeAll(model.propertyNames());
            if (!extra.isEmpty()) {
                throw WotPayloadValidationException.newBuilder("The " + prefix + "properties contained JSON fields "
                        + "which were not defined in the model: " + extra).dittoHeaders(headers).build();
            }
        }
        final WotPayloadValidationException.Builder error = WotPayloadValidationException.newBuilder("The " + prefix
                + "properties contained validation errors, check the validation details.");
        container.forEach(field -> {
            final List<String> errors = model.errors(field.getKeyName(), field.getValue(),
                    check.wholeContainer() && !check.desired());
            if (!errors.isEmpty()) {
                error.addValidationDetail(containerPath.addLeaf(field.getKey()), errors);
            }
        });
        if (error.hasDetails()) {
            throw error.dittoHeaders(headers).build();
        }
    }

    private static boolean hasUrlDefinition(final JsonObject thing, final Lazy current,
            final boolean merge) {
        final Optional<JsonValue> definition = thing.getValue("definition");
        if (definition.isPresent()) {
            return definition.get().isString() && isUrl(definition.get().asString());
        }
        return merge && current.get().flatMap(Thing::getDefinition).map(d -> isUrl(d.toString())).orElse(false);
    }

    private static Optional<String> currentDefinition(final Lazy current, final String featureId) {
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
