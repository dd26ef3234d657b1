package io.twinloop.optimizer.consumergroup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka client properties of SASL authentication as Ditto's Kafka connections and Hono use it:
 * {@code security.protocol=SASL_PLAINTEXT} with the mechanism ({@code PLAIN}, {@code SCRAM-SHA-256},
 * {@code SCRAM-SHA-512}) and its JAAS login line. Shared by every TwinLoop Kafka consumer (the optimizer's consumer
 * group, the Hono connector), so both speak to one broker alike.
 */
public final class KafkaSasl {

    private KafkaSasl() {}

    /**
     * @param mechanism case-insensitive
     * @throws IllegalArgumentException naming the mechanism, or the user or password that is missing
     */
    public static Map<String, String> properties(final String mechanism, final String user, final String password) {
        final String upper = mechanism == null ? "" : mechanism.trim().toUpperCase(Locale.ROOT);
        final String login = switch (upper) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default -> throw new IllegalArgumentException("SASL mechanism '" + mechanism
                    + "' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
        };
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("SASL user is missing");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("SASL password of user '" + user + "' is missing");
        }
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", upper);
        properties.put("sasl.jaas.config", login + " required username=\"" + jaasQuoted(user) + "\" password=\""
                + jaasQuoted(password) + "\";");
        return properties;
    }

    private static String jaasQuoted(final String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
