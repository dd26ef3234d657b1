package io.twinloop.cli.connector;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.cli.TwinLoop;
import io.twinloop.optimizer.consumergroup.KafkaSasl;
import io.twinloop.connectors.TwinDiscovery;
import io.twinloop.connectors.hono.HonoConnector;
import io.twinloop.connectors.hono.HonoConnectorConfig;
import io.twinloop.connectors.hono.HonoConnectorStatistics;
import io.twinloop.connectors.northbound.TwinMerges;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twinloop connector hono}: TwinLoop's Hono connector (Hono's Kafka messaging API) as its own long-running
 * process against any Ditto, for setups where TwinLoop maps the device messages rather than Ditto's own
 * {@code hono} connection. The twins are found at start only: one connector is one Kafka consumer group member
 * that must know every device of its partitions, so twins added later need a restart.
 */
@Command(name = "hono", mixinStandardHelpOptions = true,
        description = {"Runs the Hono connector against a Ditto (or the embedded twin server) until Ctrl-C: finds the "
                + "selected twins whose AAS declares a Hono device (specificAssetIds HonoTenantId/HonoDeviceId with "
                + "AID + AIMC data points), consumes their tenants' telemetry and events from Hono's Kafka into the "
                + "twins and sends their desired values as Hono commands, reporting each outcome into the twin's "
                + "Reconciliation feature. Twins added later need a restart.",
                "Every option can also be given by the environment variable named in its description."})
public final class HonoConnectorCommand implements Callable<Integer> {

    /** {@code --ditto URL [--user U --password P] (--thing ID | --namespace NS)...} */
    @Mixin
    private ConnectorTwinOptions twins;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:HONO_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Hono's Kafka cluster (env HONO_KAFKA_BOOTSTRAP_SERVERS)")
    private String bootstrapServers;

    @Option(names = "--kafka-user", paramLabel = "USER", defaultValue = "${env:HONO_KAFKA_USER}",
            description = "SASL user for Hono's Kafka: security.protocol SASL_PLAINTEXT (unless --kafka-property "
                    + "sets it) with --kafka-sasl-mechanism (env HONO_KAFKA_USER; none: no SASL)")
    private String kafkaUser;

    @Option(names = "--kafka-password", paramLabel = "PASSWORD", defaultValue = "${env:HONO_KAFKA_PASSWORD}",
            description = "password of --kafka-user (env HONO_KAFKA_PASSWORD)")
    private String kafkaPassword;

    @Option(names = "--kafka-sasl-mechanism", paramLabel = "PLAIN|SCRAM-SHA-256|SCRAM-SHA-512",
            defaultValue = "${env:HONO_KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}",
            description = "SASL mechanism of --kafka-user (env HONO_KAFKA_SASL_MECHANISM). Default: ${DEFAULT-VALUE}")
    private String kafkaSaslMechanism;

    @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
            description = "any Kafka client property for all clients (TLS, timeouts), applied last; repeatable")
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--consumer-group", paramLabel = "ID",
            defaultValue = "${env:TWINLOOP_CONNECTOR_CONSUMER_GROUP:-twinloop-hono-connector}",
            description = "Kafka consumer group; offsets are committed per group once the twin took the values "
                    + "(env TWINLOOP_CONNECTOR_CONSUMER_GROUP). Default: ${DEFAULT-VALUE}")
    private String consumerGroup;

    @Option(names = "--auto-offset-reset", paramLabel = "earliest|latest",
            defaultValue = "${env:TWINLOOP_CONNECTOR_AUTO_OFFSET_RESET:-earliest}",
            description = "where a group without committed offsets starts (env TWINLOOP_CONNECTOR_AUTO_OFFSET_RESET)."
                    + " Default: ${DEFAULT-VALUE}")
    private String autoOffsetReset;

    @CommandLine.Mixin
    private ConnectorWriteOptions writes;

    /** How long the connector may take to get its twins, its event subscription and its Kafka partitions. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final HonoConnectorConfig.Builder config = config();
        out.printf("Hono connector: %s; Kafka %s, consumer group %s%n", twins.describe(), bootstrapServers,
                consumerGroup);
        out.flush();
        final DittoClientBuilder builder = DittoClient.builder(twins.ditto());
        if (twins.user() != null) {
            builder.basicAuth(twins.user(), twins.password());
        }
        try (DittoClient client = builder.build(); UntilStopped until = UntilStopped.register("connector-hono")) {
            final TwinDiscovery.Found found;
            try {
                found = new TwinDiscovery(client, interfaces -> !interfaces.honoInterfaces().isEmpty(),
                        "Hono device").find(twins.things(), twins.namespaces(), TwinDiscovery.Calls.ONCE);
            } catch (final RuntimeException e) {
                err.println("twinloop connector hono: reading the twins from " + twins.ditto() + " failed: "
                        + (e.getCause() == null ? e : e.getCause()));
                return TwinLoop.EXIT_REFUSED;
            }
            if (!found.missing().isEmpty()) {
                err.println("twinloop connector hono: the twin(s) " + found.missing() + " do not exist (404), or the "
                        + "connector's user may not read them");
                return TwinLoop.EXIT_REFUSED;
            }
            if (found.accepted().isEmpty()) {
                err.println("twinloop connector hono: no twin declares a Hono device (specificAssetIds HonoTenantId "
                        + "and HonoDeviceId, AID + AIMC data points) among " + twins.describe());
                return TwinLoop.EXIT_REFUSED;
            }
            found.accepted().forEach(config::thing);
            final HonoConnector connector;
            try {
                connector = HonoConnector.start(config.build(), client).get(START_TIMEOUT.toSeconds(),
                        TimeUnit.SECONDS);
            } catch (final ExecutionException | TimeoutException e) {
                err.println("twinloop connector hono: " + (e.getCause() == null ? e : e.getCause().getMessage()));
                return TwinLoop.EXIT_REFUSED;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return TwinLoop.EXIT_OK;
            }
            try (connector) {
                out.println("connected: " + found.accepted());
                out.println("running; Ctrl-C stops it");
                out.flush();
                until.await(writes.statusInterval(), () -> {
                    out.println(status(connector.statistics(), found.accepted().size()));
                    out.flush();
                });
            }
            out.println("stopped: " + status(connector.statistics(), found.accepted().size()));
            out.flush();
            return TwinLoop.EXIT_OK;
        }
    }

    private static String status(final HonoConnectorStatistics statistics, final int twins) {
        return String.format(Locale.ROOT, "%d twins, %d devices: %d messages received, %d values written (%d "
                + "buffered, %d dropped, %d bad); desired values %d applied, %d rejected, %d not completed", twins,
                statistics.devices(), statistics.messagesReceived(), statistics.valuesWritten(),
                statistics.valuesBuffered(), statistics.valuesDropped(),
                statistics.badData().values().stream().mapToLong(Long::longValue).sum(), statistics.desiredApplied(),
                statistics.desiredRejected(), statistics.desiredNotCompleted());
    }

    /** The options as the connector's typed configuration, without its twins; usage errors name the option. */
    HonoConnectorConfig.Builder config() {
        twins.ditto();
        twins.namespaces();
        twins.things();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw twins.usage("--bootstrap-servers (or HONO_KAFKA_BOOTSTRAP_SERVERS) is required");
        }
        final TwinMerges.Transport transport = writes.transport(twins::usage);
        try {
            // checked now with a placeholder twin, so a bad value is a usage error before anything is read
            builder(transport).thing(ThingId.of("check:check")).build();
        } catch (final IllegalArgumentException e) {
            throw twins.usage(e.getMessage());
        }
        return builder(transport);
    }

    private HonoConnectorConfig.Builder builder(final TwinMerges.Transport transport) {
        final HonoConnectorConfig.Builder config = HonoConnectorConfig.builder().bootstrapServers(bootstrapServers)
                .consumerGroupId(consumerGroup).autoOffsetReset(autoOffsetReset.toLowerCase(Locale.ROOT))
                .batchWindow(writes.batchWindow()).twinWrites(transport)
                .reportFeatureId(writes.reportFeature());
        sasl().forEach(config::kafkaProperty);
        kafkaProperties.forEach(config::kafkaProperty);
        return config;
    }

    /** The Kafka client properties of {@code --kafka-user}: SASL over plain TCP unless a property says otherwise. */
    Map<String, String> sasl() {
        if (kafkaUser == null) {
            return Map.of();
        }
        if (kafkaPassword == null || kafkaPassword.isEmpty()) {
            throw twins.usage("--kafka-user needs --kafka-password (or HONO_KAFKA_PASSWORD)");
        }
        try {
            return KafkaSasl.properties(kafkaSaslMechanism, kafkaUser, kafkaPassword);
        } catch (final IllegalArgumentException e) {
            throw twins.usage("--kafka-sasl-mechanism: " + e.getMessage());
        }
    }

}
