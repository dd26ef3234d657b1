package io.twinloop.cli.connector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.connectors.OpcUaConnectorService;
import io.twinloop.connectors.OpcUaConnectorServiceConfig;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;

/**
 * The OPC UA connector service with a twin client of its own, as {@code twinloop connector opcua} and
 * {@code twinloop demo} (through {@link io.twinloop.cli.twin.LivePlant}) run it: the client works as the connector's
 * least-privilege user and is closed after the service.
 *
 * @param service the running service (its twins, its statistics)
 */
public record RunningOpcUaConnector(OpcUaConnectorService service, DittoClient client) implements AutoCloseable {

    /**
     * Starts the service against {@code ditto} as {@code user} (none: no authentication).
     *
     * @param onConnected told of each connector's twins as it starts
     * @param timeout how long the start may take (peers not there yet are waited for meanwhile); then the start is
     * cancelled
     */
    public static RunningOpcUaConnector start(final URI ditto, final String user, final String password,
            final OpcUaConnectorServiceConfig config, final Consumer<List<ThingId>> onConnected,
            final Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        final DittoClientBuilder builder = DittoClient.builder(ditto);
        if (user != null) {
            builder.basicAuth(user, password);
        }
        final DittoClient client = builder.build();
        final CompletableFuture<OpcUaConnectorService> starting = OpcUaConnectorService.start(config, client,
                onConnected);
        try {
            return new RunningOpcUaConnector(starting.get(timeout.toMillis(), TimeUnit.MILLISECONDS), client);
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            // given up on: the start stops (the service closes what started), then the client
            starting.cancel(true);
            starting.whenComplete((service, failure) -> client.close());
            throw e;
        }
    }

    /** The service first (its connectors stop writing), then the client. */
    @Override
    public void close() {
        try {
            service.close();
        } finally {
            client.close();
        }
    }
}
