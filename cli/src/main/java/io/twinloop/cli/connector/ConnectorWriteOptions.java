package io.twinloop.cli.connector;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import io.twinloop.connectors.northbound.TwinMerges;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How a connector writes into the twins and reports: {@code --batch-window-ms}, {@code --twin-writes},
 * {@code --report-feature}, {@code --status-interval}, each with an environment variable for deployments. Shared by
 * the {@code connector} commands.
 */
public final class ConnectorWriteOptions {

    @Option(names = "--batch-window-ms", paramLabel = "MS",
            defaultValue = "${env:TWINLOOP_CONNECTOR_BATCH_WINDOW_MS:-50}",
            description = "values of one twin within this window go out as one merge (env "
                    + "TWINLOOP_CONNECTOR_BATCH_WINDOW_MS). Default: ${DEFAULT-VALUE}")
    private long batchWindowMillis;

    @Option(names = "--twin-writes", paramLabel = "websocket|http",
            defaultValue = "${env:TWINLOOP_CONNECTOR_TWIN_WRITES:-websocket}",
            description = "how values reach the twins: merge commands over one WebSocket, or HTTP PATCH requests "
                    + "(env TWINLOOP_CONNECTOR_TWIN_WRITES). Default: ${DEFAULT-VALUE}")
    private String twinWrites;

    @Option(names = "--report-feature", paramLabel = "FEATURE",
            defaultValue = "${env:TWINLOOP_CONNECTOR_REPORT_FEATURE:-Reconciliation}",
            description = "the feature the outcomes of desired values are reported to (env "
                    + "TWINLOOP_CONNECTOR_REPORT_FEATURE). Default: ${DEFAULT-VALUE}")
    private String reportFeature;

    @Option(names = "--status-interval", paramLabel = "SECONDS",
            defaultValue = "${env:TWINLOOP_CONNECTOR_STATUS_INTERVAL:-60}",
            description = "seconds between status lines (values in and written, desired values applied and "
                    + "rejected; 0 = none) (env TWINLOOP_CONNECTOR_STATUS_INTERVAL). Default: ${DEFAULT-VALUE}")
    private int statusInterval;

    Duration batchWindow() {
        return Duration.ofMillis(batchWindowMillis);
    }

    /** The {@code --twin-writes} transport; anything else is a usage error naming the option. */
    TwinMerges.Transport transport(final Function<String, CommandLine.ParameterException> usage) {
        try {
            return TwinMerges.Transport.valueOf(twinWrites.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw usage.apply("--twin-writes must be websocket or http, was '" + twinWrites + "'");
        }
    }

    String reportFeature() {
        return reportFeature;
    }

    int statusInterval() {
        return statusInterval;
    }
}
