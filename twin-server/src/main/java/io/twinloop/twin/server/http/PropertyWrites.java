package io.twinloop.twin.server.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.common.Validator;
import org.eclipse.ditto.base.model.entity.validation.NoControlCharactersNoSlashesValidator;
import org.eclipse.ditto.base.model.signals.FeatureToggle;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonKeyInvalidException;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.FeatureProperties;
import org.eclipse.ditto.things.model.Thing;
import org.slf4j.LoggerFactory;

/**
 * Sets one property or desired property of an existing feature with the result of Ditto's
 * {@link Thing#setFeatureProperty} / {@link Thing#setFeatureDesiredProperty}, checking only the keys the write adds.
 * <p>
 * Why: Ditto's {@code FeatureProperties} checks every key of the whole properties object again on each change
 * (its only factory validates the object it wraps), so writing one value into an AAS-shaped feature of hundreds of
 * keys checked all of them: about a tenth of a WebSocket write's CPU. The stored keys were checked when they were
 * written; the written pointer and value are checked here with Ditto's own validator and exception, so a bad key
 * is refused exactly as before. The object is wrapped through the model's private constructor (found once, by a
 * private lookup, as the model jars are on the class path); if that is ever unavailable, Ditto's own path is taken.
 */
final class PropertyWrites {

    private static final Wrapper WRAPPER = Wrapper.find();

    private PropertyWrites() {}

    static Thing setProperty(final Thing thing, final String featureId, final JsonPointer pointer,
            final JsonValue value) {
        return set(thing, featureId, pointer, value, false);
    }

    static Thing setDesiredProperty(final Thing thing, final String featureId, final JsonPointer pointer,
            final JsonValue value) {
        return set(thing, featureId, pointer, value, true);
    }

    private static Thing set(final Thing thing, final String featureId, final JsonPointer pointer,
            final JsonValue value, final boolean desired) {
        return setAll(thing, featureId, List.of(new Value(pointer, value)), desired);
    }

    /** A value to write at a pointer into a feature's (desired) properties. */
    record Value(JsonPointer pointer, JsonValue value) {}

    /**
     * Sets several (desired) properties of one feature, with the thing that setting them one after the other
     * gives, but the feature and the thing are rebuilt once rather than once per value (the common merge of a
     * device sets a few values of one feature). The pointers must not be prefixes of one another.
     */
    static Thing setAll(final Thing thing, final String featureId, final List<Value> values,
            final boolean desired) {
        return existing(thing, featureId, desired).map(properties -> {
            final FeatureProperties changed = WRAPPER.set(properties, values);
            if (changed == properties) {
                return thing;
            }
            final Feature feature = feature(thing, featureId);
            return thing.setFeature(desired ? feature.setDesiredProperties(changed) : feature.setProperties(changed));
        }).orElseGet(() -> {
            Thing result = thing;
            for (final Value v : values) {
                result = desired ? result.setFeatureDesiredProperty(featureId, v.pointer(), v.value())
                        : result.setFeatureProperty(featureId, v.pointer(), v.value());
            }
            return result;
        });
    }

    /** The feature's non-empty (desired) properties when the fast path applies; else Ditto's path is taken. */
    private static Optional<FeatureProperties> existing(final Thing thing, final String featureId,
            final boolean desired) {
        if (!WRAPPER.available()) {
            return Optional.empty();
        }
        return thing.getFeatures().flatMap(features -> features.getFeature(featureId))
                .flatMap(desired ? Feature::getDesiredProperties : Feature::getProperties)
                .filter(properties -> !properties.isEmpty());
    }

    private static Feature feature(final Thing thing, final String featureId) {
        return thing.getFeatures().flatMap(features -> features.getFeature(featureId)).orElseThrow();
    }

    /** Checks keys as Ditto's model does ({@code JsonKeyValidator}, which is not public). */
    static void checkKeys(final JsonPointer pointer) {
        if (FeatureToggle.isJsonKeyValidationEnabled()) {
            pointer.forEach(PropertyWrites::checkKey);
        }
    }

    static void checkKeys(final JsonObject object) {
        if (FeatureToggle.isJsonKeyValidationEnabled()) {
            for (final JsonField field : object) {
                checkKey(field.getKey());
                if (field.getValue().isObject()) {
                    checkKeys(field.getValue().asObject());
                }
            }
        }
    }

    private static void checkKey(final JsonKey key) {
        final Validator validator = NoControlCharactersNoSlashesValidator.getInstance(key);
        if (!validator.isValid()) {
            throw JsonKeyInvalidException.newBuilderWithDescription(key, validator.getReason().orElse(null)).build();
        }
    }

    /** Access to the JSON object Ditto's properties wrap, and to wrapping a changed one without re-checking it. */
    private record Wrapper(MethodHandle wrapped, MethodHandle wrap) {

        static Wrapper find() {
            try {
                final Class<?> type = Class.forName("org.eclipse.ditto.things.model.ImmutableFeatureProperties");
                final MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return new Wrapper(lookup.findGetter(type, "wrapped", JsonObject.class),
                        lookup.findConstructor(type, MethodType.methodType(void.class, JsonObject.class)));
            } catch (final ReflectiveOperationException | RuntimeException e) {
                LoggerFactory.getLogger(PropertyWrites.class).info(
                        "Feature property writes check the whole properties object (Ditto's model changed: {})",
                        e.toString());
                return new Wrapper(null, null);
            }
        }

        boolean available() {
            return wrap != null;
        }

        /** The properties with the values set; the same instance if every value was there already. */
        FeatureProperties set(final FeatureProperties properties, final List<Value> values) {
            for (final Value v : values) {
                checkKeys(v.pointer());
                if (v.value().isObject()) {
                    checkKeys(v.value().asObject());
                }
            }
            try {
                if (!properties.getClass().equals(wrapped.type().parameterType(0))) {
                    FeatureProperties result = properties;
                    for (final Value v : values) {
                        result = result.setValue(v.pointer(), v.value());
                    }
                    return result;
                }
                final JsonObject before = (JsonObject) wrapped.invoke(properties);
                JsonObject after = before;
                boolean changed = false;
                for (final Value v : values) {
                    // as Ditto's setter: a value equal to the one there leaves the object as it is
                    if (!before.getValue(v.pointer()).map(v.value()::equals).orElse(false)) {
                        after = after.setValue(v.pointer(), v.value());
                        changed = true;
                    }
                }
                return changed ? (FeatureProperties) wrap.invoke(after) : properties;
            } catch (final RuntimeException | Error e) {
                throw e;
            } catch (final Throwable e) {
                throw new IllegalStateException("Could not wrap feature properties", e);
            }
        }
    }
}
