package io.twinloop.ditto.hono;

import java.util.Objects;
import java.util.regex.Pattern;

import io.twinloop.ditto.policy.PolicyTemplate;

/**
 * The choices an operator makes for TwinLoop's Ditto Hono connections (one per tenant); every option has a default
 * (README, "Hono through Ditto's connectivity").
 *
 * @param connectionIdPrefix the connection id is this prefix + the tenant id
 * @param authorizationSubject the subject the connection acts as, in sources (merges of device values) and targets
 *         (reading desired values); the things' policies must grant it that
 * @param consumerCount Kafka consumers per source
 * @param qos 1: a Hono message is committed only after the twin persisted its merge (at least once); 0: at most once
 * @param maxScriptBytes the connectivity service's {@code maxScriptSizeBytes}: a script with its device table above
 *         this is refused here rather than by Ditto
 * @param open whether the connection is created open ({@code connectionStatus})
 */
public record HonoConnectionSettings(String connectionIdPrefix, String authorizationSubject, int consumerCount,
        int qos, int maxScriptBytes, boolean open) {

    /** Ditto's default {@code ditto.connectivity.mapping.javascript.maxScriptSizeBytes}. */
    public static final int DITTO_MAX_SCRIPT_BYTES = 50_000;
    /** The id of the payload mapping definition in the connection. */
    public static final String MAPPING_ID = "twinloopHono";

    /** Ditto's connection id rule (no slashes, no blanks). */
    private static final Pattern CONNECTION_ID = Pattern.compile("[a-zA-Z0-9_:.\\-]*");

    public HonoConnectionSettings {
        Objects.requireNonNull(connectionIdPrefix, "connectionIdPrefix");
        Objects.requireNonNull(authorizationSubject, "authorizationSubject");
        if (!CONNECTION_ID.matcher(connectionIdPrefix).matches()) {
            throw new IllegalArgumentException("Hono connection settings: connectionIdPrefix may hold only letters, "
                    + "digits and _:.- , was '" + connectionIdPrefix + "'");
        }
        if (authorizationSubject.isBlank() || !authorizationSubject.contains(":")) {
            throw new IllegalArgumentException("Hono connection settings: authorizationSubject must be "
                    + "<issuer>:<subject>, was '" + authorizationSubject + "'");
        }
        if (consumerCount < 1) {
            throw new IllegalArgumentException("Hono connection settings: consumerCount must be positive, was "
                    + consumerCount);
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("Hono connection settings: qos must be 0 or 1, was " + qos);
        }
        if (maxScriptBytes < 1) {
            throw new IllegalArgumentException("Hono connection settings: maxScriptBytes must be positive, was "
                    + maxScriptBytes);
        }
    }

    public static HonoConnectionSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private String connectionIdPrefix = "twinloop-hono-";
        private String authorizationSubject = PolicyTemplate.DEFAULT_CONNECTOR;
        private int consumerCount = 1;
        private int qos = 1;
        private int maxScriptBytes = DITTO_MAX_SCRIPT_BYTES;
        private boolean open = true;

        private Builder() {
        }

        public Builder connectionIdPrefix(final String prefix) {
            this.connectionIdPrefix = prefix;
            return this;
        }

        public Builder authorizationSubject(final String subject) {
            this.authorizationSubject = subject;
            return this;
        }

        public Builder consumerCount(final int count) {
            this.consumerCount = count;
            return this;
        }

        public Builder qos(final int qos) {
            this.qos = qos;
            return this;
        }

        public Builder maxScriptBytes(final int bytes) {
            this.maxScriptBytes = bytes;
            return this;
        }

        public Builder open(final boolean open) {
            this.open = open;
            return this;
        }

        public HonoConnectionSettings build() {
            return new HonoConnectionSettings(connectionIdPrefix, authorizationSubject, consumerCount, qos,
                    maxScriptBytes, open);
        }
    }
}
