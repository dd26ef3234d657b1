package io.twinloop.ditto.guard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

/**
 * The guard's configuration: who the agents are, whose keys are trusted, what is high impact, what happens to
 * writes by anyone else, and the limits. Read from HOCON ({@link #fromConfig}), the same keys in Ditto's
 * {@code extension-config} and in the embedded twin server; every key and its environment variable is in the
 * module README.
 *
 * @param agentSubjects agent name → the authorization subjects it writes as ({@code pre:optimizer}); a write by
 * any of them must be signed by a key of that agent
 * @param maxValidity how far ahead a {@code twinloop-not-after} may lie; {@link Duration#ZERO} for no limit
 * @param maxValueBytes largest desired value (canonical JSON bytes) the guard verifies
 */
public record GuardConfig(boolean enabled, Map<String, Set<String>> agentSubjects, TrustedKeys agentKeys,
                          TrustedKeys approverKeys, OtherSubjects otherSubjects, ImpactRule impactRule,
                          boolean requireNotAfter, Duration maxValidity, int maxValueBytes) {

    public static final int DEFAULT_MAX_VALUE_BYTES = 65_536;
    /** Where this jar's {@code things-extension.conf} keeps the guard's settings. */
    public static final String CONFIG_PATH = "twinloop.guard";
    static final String THINGS_EXTENSION_CONF = "things-extension.conf";

    /** What happens to desired writes by subjects that are no configured agent. */
    public enum OtherSubjects {
        /** Left to Ditto's policy (e.g. an operator correcting a desired value by hand). */
        ALLOW,
        /** Refused: only signed agent writes may set desired properties. */
        REFUSE
    }

    public GuardConfig {
        Objects.requireNonNull(agentKeys, "agentKeys");
        Objects.requireNonNull(approverKeys, "approverKeys");
        Objects.requireNonNull(otherSubjects, "otherSubjects");
        Objects.requireNonNull(impactRule, "impactRule");
        Objects.requireNonNull(maxValidity, "maxValidity");
        final Map<String, Set<String>> copy = new LinkedHashMap<>();
        agentSubjects.forEach((agent, subjects) -> copy.put(agent, Set.copyOf(subjects)));
        agentSubjects = Map.copyOf(copy);
        if (maxValueBytes <= 0) {
            throw new GuardConfigException("max-value-bytes must be positive: " + maxValueBytes);
        }
        if (maxValidity.isNegative()) {
            throw new GuardConfigException("max-validity must not be negative: " + maxValidity);
        }
    }

    /** The agent (by configured subjects) among the writer's authorization subjects. */
    public Optional<String> agentOf(final List<String> subjects) {
        for (final Map.Entry<String, Set<String>> agent : agentSubjects.entrySet()) {
            if (subjects.stream().anyMatch(agent.getValue()::contains)) {
                return Optional.of(agent.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the keys below (all optional, defaults in the README): {@code enabled}, {@code agent-subjects},
     * {@code agent-keys-directory}, {@code agent-keys}, {@code approver-keys-directory}, {@code approver-keys},
     * {@code other-subjects}, {@code high-impact-paths}, {@code require-not-after}, {@code max-validity},
     * {@code max-value-bytes}.
     *
     * @throws GuardConfigException naming the key that is wrong
     */
    public static GuardConfig fromConfig(final Config config) {
        try {
            return new GuardConfig(
                    !config.hasPath("enabled") || config.getBoolean("enabled"),
                    agentSubjects(config),
                    keys(config, "agent-keys-directory", "agent-keys"),
                    keys(config, "approver-keys-directory", "approver-keys"),
                    otherSubjects(config),
                    new ImpactRule(strings(config, "high-impact-paths").stream().map(PathPattern::parse).toList()),
                    config.hasPath("require-not-after") && config.getBoolean("require-not-after"),
                    config.hasPath("max-validity") ? config.getDuration("max-validity") : Duration.ZERO,
                    config.hasPath("max-value-bytes") ? config.getInt("max-value-bytes") : DEFAULT_MAX_VALUE_BYTES);
        } catch (final ConfigException e) {
            throw new GuardConfigException("TwinLoop guard configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The configuration Ditto's things service gets from this jar: block {@code twinloop.guard} of the
     * {@code things-extension.conf} on the class path, with its environment variable overrides. This is how the
     * embedded twin server applies the same settings as Ditto.
     */
    public static GuardConfig fromClassPath() {
        final Config extensionConf = ConfigFactory.parseResources(GuardConfig.class.getClassLoader(),
                THINGS_EXTENSION_CONF);
        if (!extensionConf.hasPath(CONFIG_PATH)) {
            throw new GuardConfigException(THINGS_EXTENSION_CONF + " on the class path has no '" + CONFIG_PATH
                    + "' block");
        }
        // only this block is resolved: the rest of the file appends to lists that only Ditto's things.conf defines
        return fromConfig(extensionConf.getConfig(CONFIG_PATH).resolve());
    }

    /** {@code optimizer=pre:optimizer|integration:opt, maintenance=pre:maintenance} or a HOCON object of lists. */
    private static Map<String, Set<String>> agentSubjects(final Config config) {
        final Map<String, Set<String>> result = new LinkedHashMap<>();
        if (!config.hasPath("agent-subjects")) {
            return result;
        }
        final ConfigValue value = config.getValue("agent-subjects");
        if (value.valueType() == ConfigValueType.OBJECT) {
            final Config agents = config.getConfig("agent-subjects");
            for (final String agent : agents.root().keySet()) {
                result.put(agent, new LinkedHashSet<>(agents.getStringList(agent)));
            }
            return result;
        }
        for (final String entry : config.getString("agent-subjects").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            final int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new GuardConfigException("agent-subjects entry '" + entry.trim()
                        + "' is not <agent>=<subject>[|<subject>...]");
            }
            final Set<String> subjects = new LinkedHashSet<>();
            for (final String subject : entry.substring(equals + 1).split("\\|")) {
                if (!subject.isBlank()) {
                    subjects.add(subject.trim());
                }
            }
            if (subjects.isEmpty()) {
                throw new GuardConfigException("agent-subjects entry '" + entry.trim() + "' names no subject");
            }
            result.put(entry.substring(0, equals).trim(), subjects);
        }
        return result;
    }

    private static TrustedKeys keys(final Config config, final String directoryKey, final String inlineKey) {
        TrustedKeys keys = TrustedKeys.none();
        if (config.hasPath(directoryKey) && !config.getString(directoryKey).isBlank()) {
            keys = keys.and(TrustedKeys.fromDirectory(Path.of(config.getString(directoryKey).trim())));
        }
        if (config.hasPath(inlineKey)) {
            final Config inline = config.getConfig(inlineKey);
            final Map<String, String> base64 = new LinkedHashMap<>();
            for (final String name : inline.root().keySet()) {
                base64.put(name, inline.getString(name));
            }
            keys = keys.and(TrustedKeys.fromBase64(base64, inlineKey));
        }
        return keys;
    }

    private static OtherSubjects otherSubjects(final Config config) {
        if (!config.hasPath("other-subjects")) {
            return OtherSubjects.ALLOW;
        }
        final String value = config.getString("other-subjects").trim();
        try {
            return OtherSubjects.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new GuardConfigException("other-subjects must be 'allow' or 'refuse', not '" + value + "'");
        }
    }

    /** A HOCON list, or one comma-separated string (what an environment variable can hold). */
    private static List<String> strings(final Config config, final String key) {
        final List<String> result = new ArrayList<>();
        if (!config.hasPath(key)) {
            return result;
        }
        final List<String> raw = config.getValue(key).valueType() == ConfigValueType.LIST
                ? config.getStringList(key) : List.of(config.getString(key).split(","));
        for (final String value : raw) {
            if (!value.isBlank()) {
                result.add(value.trim());
            }
        }
        return result;
    }
}
