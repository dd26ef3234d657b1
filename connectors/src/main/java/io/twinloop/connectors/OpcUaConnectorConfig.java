package io.twinloop.connectors;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.connectors.northbound.TwinMerges;
import io.twinloop.connectors.retry.Backoff;

/**
 * Everything the OPC UA connector is told from outside the twins; the endpoints, nodes and mappings come from the
 * twins' AID and AIMC. Immutable; {@link #builder()} starts from the defaults (documented in the module README).
 *
 * @param things the twins to connect ({@link OpcUaConnector#start} refuses none; {@link OpcUaConnectorService}
 * adds the twins it finds, see {@link #withThings})
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
 * @param retry the backoff between attempts after a peer failed transiently: merges and reports the twin did not take
 * (unreachable, 408, 429, 5xx), twin re-reads after an event gap, and re-creating an OPC UA subscription the server
 * lost
 * @param maxBufferedValues the hard bound on values held for the twin; latest-value-wins per data point already
 * bounds them by the number of mapped data points, so this only matters for twins with very many
 * @param twinWrites how the merges of values reach the twin: one WebSocket (default) or HTTP requests
 */
public record OpcUaConnectorConfig(List<ThingId> things, Duration batchWindow, Duration samplingInterval,
        Duration publishingInterval, String user, String password, Path pkiDirectory, String applicationUri,
        List<X509Certificate> trustedServerCertificates, String reportFeatureId, Duration requestTimeout,
        Backoff retry, int maxBufferedValues, TwinMerges.Transport twinWrites) {

    public OpcUaConnectorConfig {
        Objects.requireNonNull(twinWrites, "twinWrites");
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
        Objects.requireNonNull(retry, "retry");
        if (maxBufferedValues < 1) {
            throw new IllegalArgumentException("OPC UA connector configuration: maxBufferedValues must be positive, "
                    + "was " + maxBufferedValues);
        }
        if (reportFeatureId == null || reportFeatureId.isBlank() || reportFeatureId.contains("/")) {
            throw new IllegalArgumentException("OPC UA connector configuration: reportFeatureId must be a feature id, "
                    + "was '" + reportFeatureId + "'");
        }
    }

    /** The same settings for other twins (the service starts a connector per set of twins it finds). */
    public OpcUaConnectorConfig withThings(final List<ThingId> otherThings) {
        return new OpcUaConnectorConfig(otherThings, batchWindow, samplingInterval, publishingInterval, user,
                password, pkiDirectory, applicationUri, trustedServerCertificates, reportFeatureId, requestTimeout,
                retry, maxBufferedValues, twinWrites);
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
        private TwinMerges.Transport twinWrites = TwinMerges.Transport.WEBSOCKET;
        private Duration samplingInterval = Duration.ofMillis(100);
        private Duration publishingInterval = Duration.ofMillis(100);
        private String user = "";
        private String password = "";
        private Path pkiDirectory = Path.of("twinloop-connector-pki");
        private String applicationUri = "urn:twinloop:connector";
        private final List<X509Certificate> trustedServerCertificates = new ArrayList<>();
        private String reportFeatureId = "Reconciliation";
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration retryFirst = Duration.ofMillis(100);
        private Duration retryMax = Duration.ofSeconds(5);
        private int maxBufferedValues = 100_000;

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

        /** Backoff after transient failures: {@code first}, doubled per failure, at most {@code max}. */
        public Builder retry(final Duration first, final Duration max) {
            this.retryFirst = first;
            this.retryMax = max;
            return this;
        }

        public Builder maxBufferedValues(final int values) {
            this.maxBufferedValues = values;
            return this;
        }

        public Builder twinWrites(final TwinMerges.Transport transport) {
            this.twinWrites = transport;
            return this;
        }

        public OpcUaConnectorConfig build() {
            requirePositive("retry first", retryFirst);
            requirePositive("retry max", retryMax);
            if (retryMax.compareTo(retryFirst) < 0) {
                throw new IllegalArgumentException("OPC UA connector configuration: retry max must be at least "
                        + "first, was " + retryMax + " < " + retryFirst);
            }
            return new OpcUaConnectorConfig(things, batchWindow, samplingInterval, publishingInterval, user, password,
                    pkiDirectory, applicationUri, trustedServerCertificates, reportFeatureId, requestTimeout,
                    new Backoff(retryFirst, retryMax), maxBufferedValues, twinWrites);
        }
    }
}
