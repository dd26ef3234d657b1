package io.twinloop.connectors;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * Everything the OPC UA connector is told from outside the twins; the endpoints, nodes and mappings come from the
 * twins' AID and AIMC. Immutable; {@link #builder()} starts from the defaults (documented in the module README).
 *
 * @param things the twins to connect
 * @param batchWindow how long value changes of one twin are collected before they go out as one merge
 * @param samplingInterval the monitored items' requested sampling interval
 * @param publishingInterval the subscription's requested publishing interval
 * @param user user name for endpoints whose AID asks for {@code username} authentication (empty: anonymous)
 * @param password its password
 * @param pkiDirectory the connector's key, certificate and server trust list
 * @param applicationUri the connector's OPC UA application URI (it is in the certificate)
 * @param trustedServerCertificates server certificates to trust besides those in {@code pkiDirectory}
 * @param reportFeatureId the feature the reconciliation reports are written to
 * @param requestTimeout the longest wait for an OPC UA or twin request
 */
public record OpcUaConnectorConfig(List<ThingId> things, Duration batchWindow, Duration samplingInterval,
        Duration publishingInterval, String user, String password, Path pkiDirectory, String applicationUri,
        List<X509Certificate> trustedServerCertificates, String reportFeatureId, Duration requestTimeout) {

    public OpcUaConnectorConfig {
        things = List.copyOf(things);
        trustedServerCertificates = List.copyOf(trustedServerCertificates);
        requirePositive("batchWindow", batchWindow);
        requirePositive("samplingInterval", samplingInterval);
        requirePositive("publishingInterval", publishingInterval);
        requirePositive("requestTimeout", requestTimeout);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pkiDirectory, "pkiDirectory");
        Objects.requireNonNull(applicationUri, "applicationUri");
        if (things.isEmpty()) {
            throw new IllegalArgumentException("OPC UA connector configuration: no things to connect");
        }
        if (reportFeatureId == null || reportFeatureId.isBlank() || reportFeatureId.contains("/")) {
            throw new IllegalArgumentException("OPC UA connector configuration: reportFeatureId must be a feature id, "
                    + "was '" + reportFeatureId + "'");
        }
    }

    private static void requirePositive(final String name, final Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("OPC UA connector configuration: " + name + " must be positive, was "
                    + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<ThingId> things = new ArrayList<>();
        private Duration batchWindow = Duration.ofMillis(50);
        private Duration samplingInterval = Duration.ofMillis(100);
        private Duration publishingInterval = Duration.ofMillis(100);
        private String user = "";
        private String password = "";
        private Path pkiDirectory = Path.of("twinloop-connector-pki");
        private String applicationUri = "urn:twinloop:connector";
        private final List<X509Certificate> trustedServerCertificates = new ArrayList<>();
        private String reportFeatureId = "Reconciliation";
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder thing(final ThingId thingId) {
            things.add(Objects.requireNonNull(thingId, "thingId"));
            return this;
        }

        public Builder batchWindow(final Duration window) {
            this.batchWindow = window;
            return this;
        }

        public Builder samplingInterval(final Duration interval) {
            this.samplingInterval = interval;
            return this;
        }

        public Builder publishingInterval(final Duration interval) {
            this.publishingInterval = interval;
            return this;
        }

        public Builder user(final String name, final String password) {
            this.user = Objects.requireNonNull(name, "name");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder pkiDirectory(final Path directory) {
            this.pkiDirectory = directory;
            return this;
        }

        public Builder applicationUri(final String uri) {
            this.applicationUri = uri;
            return this;
        }

        public Builder trustServer(final X509Certificate certificate) {
            trustedServerCertificates.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        public Builder reportFeatureId(final String featureId) {
            this.reportFeatureId = featureId;
            return this;
        }

        public Builder requestTimeout(final Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public OpcUaConnectorConfig build() {
            return new OpcUaConnectorConfig(things, batchWindow, samplingInterval, publishingInterval, user, password,
                    pkiDirectory, applicationUri, trustedServerCertificates, reportFeatureId, requestTimeout);
        }
    }
}
