package io.twinloop.plant.opcua;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the plant's OPC UA server is reached and secured. {@code PlantServerConfig.builder().build()} is the embedded
 * default: {@code opc.tcp://localhost:4840/twinloop/plant} on the loopback interface, security policies None and
 * Basic256Sha256 (Sign, SignAndEncrypt), one user {@code operator} with a random password (see {@link #users()}),
 * PKI in {@code ./twinloop-plant-pki}.
 *
 * @param bindAddress the interface to listen on
 * @param hostname the host name put into endpoint URLs and the server certificate
 * @param port TCP port; 0 is not allowed because the endpoint URLs must name the port
 * @param path endpoint path, starting with '/'
 * @param pkiDirectory where the server certificate is generated at first start and the trust list lives
 * @param applicationUri the server's application URI, also written into its certificate
 * @param securityNone whether the unsecured endpoint is offered (switch off outside a development machine)
 * @param anonymous whether sessions without a user are accepted (they may write setpoints too)
 * @param users user name to password
 * @param writeTimeout how long a setpoint write waits for the plant to apply it before failing with Bad_Timeout
 */
public record PlantServerConfig(String bindAddress, String hostname, int port, String path, Path pkiDirectory,
        String applicationUri, boolean securityNone, boolean anonymous, Map<String, String> users,
        Duration writeTimeout) {

    public PlantServerConfig {
        require(bindAddress != null && !bindAddress.isBlank(), "bindAddress must not be blank");
        require(hostname != null && !hostname.isBlank(), "hostname must not be blank");
        require(port > 0 && port <= 65535, "port must be 1..65535, was " + port);
        require(path != null && path.startsWith("/") && !path.endsWith("/discovery"),
                "path must start with '/' and not end with '/discovery', was '" + path + "'");
        Objects.requireNonNull(pkiDirectory, "pkiDirectory");
        require(applicationUri != null && isUri(applicationUri), "applicationUri must be a URI, was '"
                + applicationUri + "'");
        users = Map.copyOf(users);
        users.forEach((name, password) -> {
            require(!name.isBlank() && !name.contains(":"), "user name '" + name
                    + "' must not be blank or contain ':'");
            require(password != null && !password.isEmpty(), "user '" + name + "' needs a password");
        });
        require(anonymous || !users.isEmpty(), "no user can log in: give at least one user or allow anonymous");
        require(writeTimeout != null && !writeTimeout.isNegative() && !writeTimeout.isZero(),
                "writeTimeout must be positive, was " + writeTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL of the server's endpoints, e.g. {@code opc.tcp://localhost:4840/twinloop/plant}. */
    public String endpointUrl() {
        return "opc.tcp://" + hostname + ":" + port + path;
    }

    @Override
    public String toString() {
        // Never log passwords.
        return "PlantServerConfig[endpoint=" + endpointUrl() + ", bindAddress=" + bindAddress + ", pkiDirectory="
                + pkiDirectory + ", applicationUri=" + applicationUri + ", securityNone=" + securityNone
                + ", anonymous=" + anonymous + ", users=" + users.keySet() + ", writeTimeout=" + writeTimeout + "]";
    }

    private static boolean isUri(final String text) {
        try {
            return new URI(text).getScheme() != null;
        } catch (final URISyntaxException e) {
            return false;
        }
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException("OPC UA server configuration: " + message);
        }
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private String hostname = "localhost";
        private int port = 4840;
        private String path = "/twinloop/plant";
        private Path pkiDirectory = Path.of("twinloop-plant-pki");
        private String applicationUri = "urn:twinloop:plant";
        private boolean securityNone = true;
        private boolean anonymous;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Duration writeTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder bindAddress(final String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder hostname(final String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder port(final int port) {
            this.port = port;
            return this;
        }

        public Builder path(final String path) {
            this.path = path;
            return this;
        }

        public Builder pkiDirectory(final Path pkiDirectory) {
            this.pkiDirectory = pkiDirectory;
            return this;
        }

        public Builder applicationUri(final String applicationUri) {
            this.applicationUri = applicationUri;
            return this;
        }

        public Builder securityNone(final boolean offered) {
            this.securityNone = offered;
            return this;
        }

        public Builder anonymous(final boolean allowed) {
            this.anonymous = allowed;
            return this;
        }

        public Builder user(final String name, final String password) {
            users.put(Objects.requireNonNull(name, "user name"), password);
            return this;
        }

        public Builder writeTimeout(final Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        /** Without users and without anonymous access, adds {@code operator} with a random password. */
        public PlantServerConfig build() {
            final Map<String, String> effectiveUsers = new LinkedHashMap<>(users);
            if (effectiveUsers.isEmpty() && !anonymous) {
                effectiveUsers.put("operator", randomPassword());
            }
            return new PlantServerConfig(bindAddress, hostname, port, path, pkiDirectory, applicationUri,
                    securityNone, anonymous, effectiveUsers, writeTimeout);
        }

        private static String randomPassword() {
            final byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
