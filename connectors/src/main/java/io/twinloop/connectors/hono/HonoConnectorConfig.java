package io.twinloop.connectors.hono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.connectors.northbound.TwinMerges;
import io.twinloop.connectors.retry.Backoff;

/**
 * Configuration of the {@link HonoConnector}: which twins, how to reach Hono's Kafka cluster, and how values are
 * batched, retried and bounded. Immutable; {@link #builder()} starts from the defaults (documented in the module
 * README). Which Hono device a twin is, and what its data points are, come from the twins' AAS, not from here.
 *
 * @param things the twins whose devices are behind Hono
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param consumerGroupId the Kafka consumer group of the telemetry/event consumer (offsets are kept per group)
 * @param autoOffsetReset where a group without committed offsets starts: {@code earliest} or {@code latest}
 * @param kafkaProperties further Kafka client properties for every client (security, timeouts), applied last
 * @param batchWindow values of one twin within this window go out as one merge
 * @param retry backoff after transient twin failures, and Kafka's reconnect backoff
 * @param maxBufferedValues hard bound on values held for the twins
 * @param maxRecordsInProcessing Kafka records handed to the twin and not yet accepted there before fetching pauses
 * @param commitInterval how often offsets of records whose values the twin accepted are committed
 * @param commandTimeout how long a command waits for the device's response
 * @param reportFeatureId the feature reconciliation reports go to
 * @param twinWrites how the merges of values reach the twin: one WebSocket (default) or HTTP requests
 */
public record HonoConnectorConfig(List<ThingId> things, String bootstrapServers, String consumerGroupId,
        String autoOffsetReset, Map<String, String> kafkaProperties, Duration batchWindow, Backoff retry,
        int maxBufferedValues, int maxRecordsInProcessing, Duration commitInterval, Duration commandTimeout,
        String reportFeatureId, TwinMerges.Transport twinWrites) {

    private static final String WHERE = "Hono connector configuration: ";

    public HonoConnectorConfig {
        things = List.copyOf(things);
        if (things.isEmpty()) {
            throw new IllegalArgumentException(WHERE + "at least one thing is needed");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(WHERE + "bootstrapServers must be set (host:port of Hono's Kafka)");
        }
        if (consumerGroupId == null || consumerGroupId.isBlank()) {
            throw new IllegalArgumentException(WHERE + "consumerGroupId must not be empty");
        }
        if (!Set.of("earliest", "latest").contains(autoOffsetReset)) {
            throw new IllegalArgumentException(WHERE + "autoOffsetReset must be earliest or latest, was "
                    + autoOffsetReset);
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
        requirePositive("batchWindow", batchWindow);
        requirePositive("commitInterval", commitInterval);
        requirePositive("commandTimeout", commandTimeout);
        Objects.requireNonNull(retry, "retry");
        if (maxBufferedValues < 1) {
            throw new IllegalArgumentException(WHERE + "maxBufferedValues must be positive, was " + maxBufferedValues);
        }
        if (maxRecordsInProcessing < 2) {
            throw new IllegalArgumentException(WHERE + "maxRecordsInProcessing must be at least 2, was "
                    + maxRecordsInProcessing);
        }
        if (reportFeatureId == null || reportFeatureId.isBlank()) {
            throw new IllegalArgumentException(WHERE + "reportFeatureId must not be empty");
        }
        Objects.requireNonNull(twinWrites, "twinWrites");
    }

    private static void requirePositive(final String name, final Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(WHERE + name + " must be positive, was " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private final List<ThingId> things = new ArrayList<>();
        private String bootstrapServers;
        private String consumerGroupId = "twinloop-hono-connector";
        private String autoOffsetReset = "earliest";
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
        private Duration batchWindow = Duration.ofMillis(50);
        private Duration retryFirst = Duration.ofMillis(100);
        private Duration retryMax = Duration.ofSeconds(5);
        private int maxBufferedValues = 100_000;
        private int maxRecordsInProcessing = 1000;
        private Duration commitInterval = Duration.ofSeconds(1);
        private Duration commandTimeout = Duration.ofSeconds(10);
        private String reportFeatureId = "Reconciliation";
        private TwinMerges.Transport twinWrites = TwinMerges.Transport.WEBSOCKET;

        private Builder() {
        }

        public Builder thing(final ThingId thingId) {
            things.add(Objects.requireNonNull(thingId, "thingId"));
            return this;
        }

        public Builder bootstrapServers(final String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        public Builder consumerGroupId(final String groupId) {
            this.consumerGroupId = groupId;
            return this;
        }

        public Builder autoOffsetReset(final String reset) {
            this.autoOffsetReset = reset;
            return this;
        }

        /** A Kafka client property for every client of the connector (e.g. {@code security.protocol}). */
        public Builder kafkaProperty(final String name, final String value) {
            kafkaProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder batchWindow(final Duration window) {
            this.batchWindow = window;
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

        public Builder maxRecordsInProcessing(final int records) {
            this.maxRecordsInProcessing = records;
            return this;
        }

        public Builder commitInterval(final Duration interval) {
            this.commitInterval = interval;
            return this;
        }

        public Builder commandTimeout(final Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        public Builder reportFeatureId(final String featureId) {
            this.reportFeatureId = featureId;
            return this;
        }

        public Builder twinWrites(final TwinMerges.Transport transport) {
            this.twinWrites = transport;
            return this;
        }

        public HonoConnectorConfig build() {
            requirePositive("retry first", retryFirst);
            requirePositive("retry max", retryMax);
            if (retryMax.compareTo(retryFirst) < 0) {
                throw new IllegalArgumentException(WHERE + "retry max must be at least first, was " + retryMax
                        + " < " + retryFirst);
            }
            return new HonoConnectorConfig(things, bootstrapServers, consumerGroupId, autoOffsetReset,
                    kafkaProperties, batchWindow, new Backoff(retryFirst, retryMax), maxBufferedValues,
                    maxRecordsInProcessing, commitInterval, commandTimeout, reportFeatureId, twinWrites);
        }
    }
}
