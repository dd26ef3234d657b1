package io.twinloop.deploy;

import java.util.Map;

/**
 * The environment variables of Ditto 3.8's services that the deployment files set, each with where Ditto 3.8.12
 * reads it (checked by hand in Ditto's sources at tag 3.8.12; Ditto's service jars are not on this class path).
 * A name not listed here is a typo or an unchecked assumption, and the tests refuse it.
 */
final class DittoEnvironment {

    static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("TZ", "the JVM's time zone (Ditto's own docker-compose sets it)"),
            Map.entry("BIND_HOSTNAME", "ditto-pekko-config.conf / ditto-http.conf: the bind host name"),
            Map.entry("MONGO_DB_HOSTNAME", "ditto-mongo.conf: ditto.mongodb.hostname"),
            Map.entry("JAVA_TOOL_OPTIONS", "the JVM itself (Ditto's docker-compose passes -D settings here)"),
            Map.entry("ENABLE_PRE_AUTHENTICATION", "gateway.conf: authentication.pre-authentication.enabled"),
            Map.entry("DEVOPS_PASSWORD", "gateway.conf: authentication.devops.password"),
            Map.entry("PROMETHEUS_PORT", "ditto-metrics.conf: ditto.metrics.prometheus.port (default 9095)"),
            Map.entry("HONO_CONNECTION_URI", "connectivity.conf: ditto.connectivity.hono.base-uri"),
            Map.entry("HONO_CONNECTION_BOOTSTRAP_SERVERS", "connectivity.conf: ditto.connectivity.hono.bootstrap-servers"),
            Map.entry("HONO_CONNECTION_SASL_MECHANISM", "connectivity.conf: ditto.connectivity.hono.sasl-mechanism"),
            Map.entry("HONO_CONNECTION_HONO_USERNAME", "connectivity.conf: ditto.connectivity.hono.username"),
            Map.entry("HONO_CONNECTION_HONO_PASSWORD", "connectivity.conf: ditto.connectivity.hono.password"),
            Map.entry("THINGS_WOT_TM_MODEL_VALIDATION_FEATURE_FORBID_NON_MODELED_FEATURES",
                    "things.conf: ditto.things.wot.tm-model-validation.feature.forbid.non-modeled-features"));

    /**
     * Values Ditto accepts for a variable, where it accepts only some: the SASL mechanism is read with Typesafe
     * Config's {@code getEnum} on {@code HonoConfig.SaslMechanism}, so it is the constant's name ({@code SCRAM_SHA_512},
     * not Kafka's {@code SCRAM-SHA-512}).
     */
    static final Map<String, java.util.Set<String>> ALLOWED_VALUES = Map.of(
            "HONO_CONNECTION_SASL_MECHANISM", java.util.Set.of("PLAIN", "SCRAM_SHA_256", "SCRAM_SHA_512"),
            "ENABLE_PRE_AUTHENTICATION", java.util.Set.of("true", "false"),
            "THINGS_WOT_TM_MODEL_VALIDATION_FEATURE_FORBID_NON_MODELED_FEATURES", java.util.Set.of("true", "false"));

    /** Ditto's default Prometheus port (ditto-metrics.conf), used where PROMETHEUS_PORT is not set. */
    static final int PROMETHEUS_PORT = 9095;

    /** The Ditto services and their official images' names. */
    static final Map<String, String> SERVICES = Map.of(
            "policies", "eclipse/ditto-policies",
            "things", "eclipse/ditto-things",
            "things-search", "eclipse/ditto-things-search",
            "connectivity", "eclipse/ditto-connectivity",
            "gateway", "eclipse/ditto-gateway");

    private DittoEnvironment() {
    }
}
