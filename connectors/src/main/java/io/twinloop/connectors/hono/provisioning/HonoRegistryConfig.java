package io.twinloop.connectors.hono.provisioning;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a Hono device registry's HTTP management API. Immutable; {@link #builder(URI)} starts from the
 * defaults documented in the module README.
 *
 * @param baseUri the registry, e.g. {@code http://hono-registry:28080}; the API's {@code /v1} is appended unless the
 * URI already ends with it
 * @param user user for HTTP basic authentication (empty: none, as in Hono's default deployment of the registry)
 * @param password its password
 * @param connectTimeout the longest wait for a connection
 * @param requestTimeout the longest wait for an answer
 */
public record HonoRegistryConfig(URI baseUri, Optional<String> user, String password, Duration connectTimeout,
        Duration requestTimeout) {

    public HonoRegistryConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
            throw new IllegalArgumentException("Hono registry: the URL must be http:// or https://, was " + baseUri);
        }
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
    }

    public static Builder builder(final URI baseUri) {
        return new Builder(baseUri);
    }

    /** The API root, ending with {@code /v1} and no slash. */
    public String apiRoot() {
        String root = baseUri.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root.endsWith("/v1") ? root : root + "/v1";
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "HonoRegistryConfig[" + baseUri + (user.isPresent() ? ", user " + user.get() : "") + "]";
    }

    private static void requirePositive(final String name, final Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Hono registry: " + name + " must be positive, was " + value);
        }
    }

    public static final class Builder {
        private final URI baseUri;
        private String user;
        private String password = "";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder(final URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        public Builder basicAuth(final String user, final String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder connectTimeout(final Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(final Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public HonoRegistryConfig build() {
            return new HonoRegistryConfig(baseUri, Optional.ofNullable(user), password, connectTimeout, requestTimeout);
        }
    }
}
