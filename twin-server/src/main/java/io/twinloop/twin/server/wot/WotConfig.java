package io.twinloop.twin.server.wot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

/**
 * WoT Thing Model validation of feature properties and desired properties, as Ditto 3.8's things service does it
 * (its configuration block {@code ditto.things.wot.tm-model-validation}; the names below are Ditto's), and the
 * folder of Thing Models this server serves at {@code /wot/models/}.
 *
 * @param enabled {@code tm-model-validation.enabled} (Ditto's default {@code true}); off: no model is fetched
 * @param enforceAttributes {@code thing.enforce.attributes}: attribute values must follow the thing's model
 * @param forbidNonModeledAttributes {@code thing.forbid.non-modeled-attributes}
 * @param enforcePresenceOfModeledFeatures {@code feature.enforce.presence-of-modeled-features}: a write of the whole
 *        thing (or of all features) must keep every feature the thing's model names as {@code tm:submodel}
 * @param forbidNonModeledFeatures {@code feature.forbid.non-modeled-features}: and no other; TwinLoop's connectors
 *        keep their reports in a feature of their own ({@code Reconciliation}), so a TwinLoop setup turns this off
 *        (in Ditto: {@code THINGS_WOT_TM_MODEL_VALIDATION_FEATURE_FORBID_NON_MODELED_FEATURES=false})
 * @param enforceProperties {@code feature.enforce.properties}: property values must follow the model
 * @param enforceDesiredProperties {@code feature.enforce.desired-properties}: desired values too
 * @param forbidNonModeledProperties {@code feature.forbid.non-modeled-properties}
 * @param forbidNonModeledDesiredProperties {@code feature.forbid.non-modeled-desired-properties}
 * @param forbidFeatureDescriptionDeletion {@code feature.forbid.feature-description-deletion}: a feature's URL
 *        definition may not be deleted (it would switch the validation off)
 * @param modelsDirectory files served read-only and without authentication at {@code /wot/models/<file>} (a real
 *        Ditto fetches models without credentials), e.g. what {@code twinloop models export} wrote; empty: none
 * @param fetchTimeout how long fetching one model may take (Ditto: 10 s)
 */
public record WotConfig(boolean enabled, boolean enforceAttributes, boolean forbidNonModeledAttributes,
        boolean enforcePresenceOfModeledFeatures, boolean forbidNonModeledFeatures, boolean enforceProperties, boolean enforceDesiredProperties,
        boolean forbidNonModeledProperties, boolean forbidNonModeledDesiredProperties,
        boolean forbidFeatureDescriptionDeletion, Optional<Path> modelsDirectory,
        Duration fetchTimeout) {

    public WotConfig {
        Objects.requireNonNull(modelsDirectory, "modelsDirectory");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("fetchTimeout must be positive: " + fetchTimeout);
        }
    }

    /** The file on the class path with the Ditto keys and environment variables (see {@link #fromClassPath()}). */
    public static final String CONF_RESOURCE = "twinloop-wot.conf";
    private static final String VALIDATION = "ditto.things.wot.tm-model-validation";

    /**
     * The settings of {@value #CONF_RESOURCE} on the class path, with Ditto's environment variables
     * ({@code THINGS_WOT_TM_MODEL_VALIDATION_*}) and {@code TWINLOOP_WOT_MODELS_DIR}/{@code TWINLOOP_WOT_FETCH_TIMEOUT}
     * applied: the same keys and variables as Ditto's things service, with TwinLoop's one change of a default
     * ({@code feature.forbid.non-modeled-features = false}, see {@link #forbidNonModeledFeatures}).
     *
     * @throws IllegalArgumentException a value of the wrong type, naming the key (and so the variable)
     */
    public static WotConfig fromClassPath() {
        return fromConfig(ConfigFactory.parseResources(WotConfig.class.getClassLoader(), CONF_RESOURCE).resolve());
    }

    /** Reads the blocks {@code ditto.things.wot.tm-model-validation} and {@code twinloop.wot} of {@code config}. */
    public static WotConfig fromConfig(final Config config) {
        try {
            final Config v = config.getConfig(VALIDATION);
            final Optional<Path> folder = config.hasPath("twinloop.wot.models-directory")
                    ? Optional.of(Path.of(config.getString("twinloop.wot.models-directory"))) : Optional.empty();
            final Duration timeout = config.hasPath("twinloop.wot.fetch-timeout")
                    ? config.getDuration("twinloop.wot.fetch-timeout") : Duration.ofSeconds(10);
            return new WotConfig(v.getBoolean("enabled"), v.getBoolean("thing.enforce.attributes"),
                    v.getBoolean("thing.forbid.non-modeled-attributes"),
                    v.getBoolean("feature.enforce.presence-of-modeled-features"),
                    v.getBoolean("feature.forbid.non-modeled-features"), v.getBoolean("feature.enforce.properties"),
                    v.getBoolean("feature.enforce.desired-properties"),
                    v.getBoolean("feature.forbid.non-modeled-properties"),
                    v.getBoolean("feature.forbid.non-modeled-desired-properties"),
                    v.getBoolean("feature.forbid.feature-description-deletion"), folder, timeout);
        } catch (final ConfigException e) {
            throw new IllegalArgumentException("WoT validation configuration: " + e.getMessage(), e);
        }
    }

    /** Ditto 3.8's defaults: everything enforced; no models served. */
    public static WotConfig defaults() {
        return new WotConfig(true, true, true, true, true, true, true, true, true, true, Optional.empty(),
                Duration.ofSeconds(10));
    }

    public WotConfig withEnabled(final boolean on) {
        return new WotConfig(on, enforceAttributes, forbidNonModeledAttributes, enforcePresenceOfModeledFeatures,
                forbidNonModeledFeatures, enforceProperties, enforceDesiredProperties, forbidNonModeledProperties,
                forbidNonModeledDesiredProperties, forbidFeatureDescriptionDeletion, modelsDirectory, fetchTimeout);
    }

    public WotConfig withModelsDirectory(final Path folder) {
        return new WotConfig(enabled, enforceAttributes, forbidNonModeledAttributes, enforcePresenceOfModeledFeatures,
                forbidNonModeledFeatures, enforceProperties, enforceDesiredProperties, forbidNonModeledProperties,
                forbidNonModeledDesiredProperties, forbidFeatureDescriptionDeletion, Optional.of(folder), fetchTimeout);
    }

    /** {@code feature.forbid.non-modeled-features} (see {@link #forbidNonModeledFeatures}). */
    public WotConfig withNonModeledFeaturesForbidden(final boolean forbidden) {
        return new WotConfig(enabled, enforceAttributes, forbidNonModeledAttributes, enforcePresenceOfModeledFeatures,
                forbidden, enforceProperties, enforceDesiredProperties, forbidNonModeledProperties,
                forbidNonModeledDesiredProperties, forbidFeatureDescriptionDeletion, modelsDirectory, fetchTimeout);
    }
}
