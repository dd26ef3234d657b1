package io.twinloop.optimizer.consumergroup;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How an optimizer instance joins the consumer group over the twin events Ditto's connectivity publishes to Kafka
 * (deploy/compose/ditto/twinloop-twin-events.connection.json: one topic, records keyed by thing id).
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code kafka:9092}
 * @param topic the topic the connection publishes to (default {@value #DEFAULT_TOPIC})
 * @param groupId the consumer group all instances share (default {@value #DEFAULT_GROUP})
 * @param clientId this instance's name in the group (Kafka's {@code client.id}); empty: Kafka's own
 * @param properties further consumer settings (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*});
 *        they may not change what this class sets for correctness (see {@link #consumerProperties()})
 */
public record ConsumerGroupConfig(String bootstrapServers, String topic, String groupId, Optional<String> clientId,
        Map<String, String> properties) {

    public static final String DEFAULT_TOPIC = "twinloop.twin-events";
    public static final String DEFAULT_GROUP = "twinloop-optimizer";

    /** Kafka's rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /**
     * Set here and nowhere else: records are strings (Ditto Protocol JSON keyed by thing id); offsets are never
     * committed and a partition starts at its end, because the projection is rebuilt from Ditto on every
     * assignment (the topic is a change feed, Ditto the truth).
     */
    private static final Map<String, String> FIXED = Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");

    public ConsumerGroupConfig {
        bootstrapServers = required("bootstrapServers", bootstrapServers);
        for (final String server : bootstrapServers.split(",")) {
            final String s = server.trim();
            final int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("consumer group: bootstrap server '" + s
                        + "' is not HOST:PORT (in '" + bootstrapServers + "')");
            }
        }
        topic = required("topic", topic);
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("consumer group: topic '" + topic
                    + "' is not a Kafka topic name (letters, digits, '.', '_', '-', at most 249)");
        }
        groupId = required("groupId", groupId);
        clientId = Objects.requireNonNull(clientId, "clientId").filter(c -> !c.isBlank());
        properties = Map.copyOf(new TreeMap<>(Objects.requireNonNull(properties, "properties")));
        for (final String key : properties.keySet()) {
            if (FIXED.containsKey(key) || key.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    || key.equals(ConsumerConfig.GROUP_ID_CONFIG) || key.equals(ConsumerConfig.CLIENT_ID_CONFIG)) {
                throw new IllegalArgumentException("consumer group: property '" + key + "' is set by the optimizer"
                        + " itself (bootstrap servers, group and client id have their own options; deserializers,"
                        + " offset commits and reset are fixed)");
            }
        }
    }

    /** Default topic and group, no client id, no further properties. */
    public static ConsumerGroupConfig of(final String bootstrapServers) {
        return new ConsumerGroupConfig(bootstrapServers, DEFAULT_TOPIC, DEFAULT_GROUP, Optional.empty(), Map.of());
    }

    public ConsumerGroupConfig withTopic(final String value) {
        return new ConsumerGroupConfig(bootstrapServers, value, groupId, clientId, properties);
    }

    public ConsumerGroupConfig withGroupId(final String value) {
        return new ConsumerGroupConfig(bootstrapServers, topic, value, clientId, properties);
    }

    public ConsumerGroupConfig withClientId(final String value) {
        return new ConsumerGroupConfig(bootstrapServers, topic, groupId, Optional.ofNullable(value), properties);
    }

    public ConsumerGroupConfig withProperty(final String key, final String value) {
        final Map<String, String> more = new TreeMap<>(properties);
        more.put(key, value);
        return new ConsumerGroupConfig(bootstrapServers, topic, groupId, clientId, more);
    }

    /**
     * SASL authentication as Ditto's Kafka connections and Hono use it: {@code SASL_PLAINTEXT} (or
     * {@code SASL_SSL} when {@code security.protocol} says so already) with the given mechanism ({@code PLAIN},
     * {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}).
     */
    public ConsumerGroupConfig withSasl(final String mechanism, final String user, final String password) {
        required("SASL password", password); // checked, but taken as given: a password may start with a space
        final Map<String, String> sasl;
        try {
            sasl = KafkaSasl.properties(required("SASL mechanism", mechanism), required("SASL user", user), password);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("consumer group: " + e.getMessage(), e);
        }
        final Map<String, String> more = new TreeMap<>(properties);
        more.putIfAbsent("security.protocol", sasl.remove("security.protocol"));
        more.putAll(sasl);
        return new ConsumerGroupConfig(bootstrapServers, topic, groupId, clientId, more);
    }

    /** Everything the Kafka consumer is given. */
    public Properties consumerProperties() {
        final Properties all = new Properties();
        all.putAll(properties);
        all.putAll(FIXED);
        all.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        all.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        clientId.ifPresent(id -> all.put(ConsumerConfig.CLIENT_ID_CONFIG, id));
        return all;
    }

    @Override
    public String toString() {
        // never the JAAS line: it holds the password
        return "bootstrap=" + bootstrapServers + " topic=" + topic + " group=" + groupId
                + clientId.map(c -> " client=" + c).orElse("")
                + (properties.isEmpty() ? "" : " properties=" + properties.keySet());
    }


    private static String required(final String name, final String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("consumer group: " + name + " must not be empty");
        }
        return value.trim();
    }
}
