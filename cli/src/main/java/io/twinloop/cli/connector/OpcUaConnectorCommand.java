package io.twinloop.cli.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import io.twinloop.cli.TwinLoop;
import io.twinloop.connectors.ConnectorStatistics;
import io.twinloop.connectors.OpcUaConnectorConfig;
import io.twinloop.connectors.OpcUaConnectorServiceConfig;
import io.twinloop.connectors.northbound.TwinMerges;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twinloop connector opcua}: the OPC UA connector as its own long-running process against any Ditto; the
 * twins' AAS (AID + AIMC) says which servers and nodes. Every option has an environment variable for deployments.
 */
@Command(name = "opcua", mixinStandardHelpOptions = true,
        description = {"Runs the OPC UA connector against a Ditto (or the embedded twin server) until Ctrl-C: reads "
                + "the selected twins, connects each one whose AAS describes an OPC UA interface (AID + AIMC), moves "
                + "the machines' values into the twins and the twins' desired values to the machines, reporting "
                + "each outcome into the twin's Reconciliation feature. Twins that appear later are connected too "
                + "(unless --no-follow).",
                "Every option can also be given by the environment variable named in its description."})
public final class OpcUaConnectorCommand implements Callable<Integer> {

    /** {@code --ditto URL [--user U --password P] (--thing ID | --namespace NS)...} */
    @Mixin
    private ConnectorTwinOptions twins;

    @Option(names = "--no-follow", defaultValue = "${env:TWINLOOP_CONNECTOR_NO_FOLLOW:-false}",
            description = "connect only the twins found at start; without it, twins created (or given an AID) "
                    + "later are connected when their event arrives (env TWINLOOP_CONNECTOR_NO_FOLLOW=true)")
    private boolean noFollow;

    @Option(names = "--opcua-user", paramLabel = "NAME", defaultValue = "${env:TWINLOOP_OPCUA_USER}",
            description = "OPC UA user for endpoints whose AID asks for user name authentication (env "
                    + "TWINLOOP_OPCUA_USER; none: anonymous)")
    private String opcUaUser;

    @Option(names = "--opcua-password", paramLabel = "PASSWORD", defaultValue = "${env:TWINLOOP_OPCUA_PASSWORD}",
            description = "password of --opcua-user (env TWINLOOP_OPCUA_PASSWORD)")
    private String opcUaPassword;

    @Option(names = "--pki", paramLabel = "DIR", defaultValue = "${env:TWINLOOP_CONNECTOR_PKI:-twinloop-connector-pki}",
            description = "the connector's key and certificate (own/connector.pfx, generated at first start: the OPC "
                    + "UA servers must trust it) and the trusted server certificates (trusted/certs) (env "
                    + "TWINLOOP_CONNECTOR_PKI). Default: ${DEFAULT-VALUE}")
    private Path pki;

    @Option(names = "--trust-server", paramLabel = "FILE", split = ",",
            defaultValue = "${env:TWINLOOP_CONNECTOR_TRUST_SERVER}",
            description = "an OPC UA server certificate to trust (X.509, PEM or DER), besides those in "
                    + "<pki>/trusted/certs; repeatable or comma-separated (env TWINLOOP_CONNECTOR_TRUST_SERVER)")
    private List<Path> trustServer = new ArrayList<>();

    @Option(names = "--application-uri", paramLabel = "URI",
            defaultValue = "${env:TWINLOOP_CONNECTOR_APPLICATION_URI:-urn:twinloop:connector}",
            description = "the connector's OPC UA application URI, written into its certificate at first start "
                    + "(env TWINLOOP_CONNECTOR_APPLICATION_URI). Default: ${DEFAULT-VALUE}")
    private String applicationUri;

    @Option(names = "--sampling-ms", paramLabel = "MS", defaultValue = "${env:TWINLOOP_CONNECTOR_SAMPLING_MS:-100}",
            description = "monitored items' sampling interval where the AID sets none (env "
                    + "TWINLOOP_CONNECTOR_SAMPLING_MS). Default: ${DEFAULT-VALUE}")
    private long samplingMillis;

    @Option(names = "--publishing-ms", paramLabel = "MS",
            defaultValue = "${env:TWINLOOP_CONNECTOR_PUBLISHING_MS:-100}",
            description = "subscriptions' publishing interval (env TWINLOOP_CONNECTOR_PUBLISHING_MS). "
                    + "Default: ${DEFAULT-VALUE}")
    private long publishingMillis;

    @CommandLine.Mixin
    private ConnectorWriteOptions writes;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final OpcUaConnectorServiceConfig config;
        try {
            config = config();
        } catch (final CertificateProblem e) {
            err.println("twinloop connector opcua: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        out.printf("OPC UA connector: %s%s%n", twins.describe(),
                config.followNewTwins() ? "; twins added later are connected too" : "");
        out.flush();
        try (UntilStopped until = UntilStopped.register("connector-opcua")) {
            final RunningOpcUaConnector running;
            try {
                running = RunningOpcUaConnector.start(twins.ditto(), twins.user(), twins.password(), config,
                        connected -> {
                            out.println("connected: " + connected);
                            out.flush();
                        }, Duration.ofDays(365));
            } catch (final ExecutionException e) {
                err.println("twinloop connector opcua: " + (e.getCause() == null ? e : e.getCause().getMessage()));
                return TwinLoop.EXIT_REFUSED;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return TwinLoop.EXIT_OK;
            }
            try (running) {
                out.println("running; Ctrl-C stops it");
                out.flush();
                until.await(writes.statusInterval(), () -> {
                    out.println(status(running.service().statistics(), running.service().connectedTwins().size()));
                    out.flush();
                });
            }
            out.println("stopped: " + status(running.service().statistics(),
                    running.service().connectedTwins().size()));
            out.flush();
            return TwinLoop.EXIT_OK;
        }
    }

    private static String status(final ConnectorStatistics statistics, final int twins) {
        return String.format(Locale.ROOT, "%d twins, %d monitored items: %d values received, %d written (%d "
                + "buffered, %d dropped, %d bad); desired values %d applied, %d rejected", twins,
                statistics.monitoredItems(), statistics.valuesReceived(), statistics.valuesWritten(),
                statistics.valuesBuffered(), statistics.valuesDropped(),
                statistics.badData().values().stream().mapToLong(Long::longValue).sum(), statistics.desiredApplied(),
                statistics.desiredRejected());
    }

    /** The options as the connector's typed configuration; usage errors name the option. */
    OpcUaConnectorServiceConfig config() {
        twins.ditto();
        final List<String> namespaces = twins.namespaces();
        if (opcUaUser != null && (opcUaPassword == null || opcUaPassword.isEmpty())) {
            throw usage("--opcua-user needs --opcua-password (or TWINLOOP_OPCUA_PASSWORD)");
        }
        final TwinMerges.Transport transport = writes.transport(this::usage);
        final OpcUaConnectorConfig.Builder connector = OpcUaConnectorConfig.builder().pkiDirectory(pki)
                .applicationUri(applicationUri).samplingInterval(Duration.ofMillis(samplingMillis))
                .publishingInterval(Duration.ofMillis(publishingMillis))
                .batchWindow(writes.batchWindow()).twinWrites(transport)
                .reportFeatureId(writes.reportFeature());
        if (opcUaUser != null) {
            connector.user(opcUaUser, opcUaPassword);
        }
        twins.things().forEach(connector::thing);
        for (final Path file : trustServer) {
            connector.trustServer(certificate(file));
        }
        try {
            return new OpcUaConnectorServiceConfig(connector.build(), namespaces, !noFollow);
        } catch (final IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static X509Certificate certificate(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (final IOException e) {
            throw new CertificateProblem("--trust-server " + file + ": cannot read it: " + e);
        } catch (final CertificateException | ClassCastException e) {
            throw new CertificateProblem("--trust-server " + file + ": not an X.509 certificate (PEM or DER): "
                    + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(final String message) {
        return twins.usage(message);
    }

    /** A --trust-server file that is no certificate: refused input (exit 1), naming the file. */
    private static final class CertificateProblem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CertificateProblem(final String message) {
            super(message);
        }
    }
}
