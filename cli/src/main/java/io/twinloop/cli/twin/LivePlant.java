package io.twinloop.cli.twin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.cli.connector.RunningOpcUaConnector;
import io.twinloop.connectors.OpcUaConnectorConfig;
import io.twinloop.connectors.OpcUaConnectorService;
import io.twinloop.connectors.OpcUaConnectorServiceConfig;
import io.twinloop.connectors.opcua.ClientPki;
import io.twinloop.plant.Plant;
import io.twinloop.plant.opcua.PlantOpcUaServer;
import io.twinloop.plant.opcua.PlantServerConfig;
import io.twinloop.plant.runtime.PlantRuntime;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * The shop floor of the demo: the simulated plant behind its OPC UA server, and the OPC UA connector that the
 * machines' twins configure (AID + AIMC), so that their values move live and desired values reach the machines.
 * The plant and the connector trust each other's certificates (kept in the data folder); the connector works with
 * its own least-privilege twin user.
 *
 * @param endpoint the plant's OPC UA endpoint
 * @param operatorPassword the plant's {@code operator} password (generated)
 * @param runtime the running plant (its published snapshots can be listened to)
 * @param connector the running OPC UA connector service (its statistics)
 */
public record LivePlant(String endpoint, String operatorPassword, PlantRuntime runtime,
        OpcUaConnectorService connector,
        List<AutoCloseable> parts) implements AutoCloseable {

    /**
     * How the shop floor runs.
     *
     * @param opcUaPort the plant's OPC UA port, 0 for any free one
     * @param speedFactor how much faster than real time the plant runs
     * @param tick how often the plant advances and publishes
     * @param sampling the connector's monitored items' sampling interval
     * @param publishing the connector's subscription publishing interval
     * @param batchWindow how long the connector gathers changes of one twin into one merge
     * @param lines the shop floor: the demo's line, or copies of it for load tests (their twins must exist)
     */
    public record Settings(int opcUaPort, double speedFactor, Duration tick, Duration sampling, Duration publishing,
            Duration batchWindow, DemoLines lines) {

        /** The demo's: one line, a 100 ms tick and the connector's defaults. */
        public static Settings demo(final int opcUaPort, final double speedFactor) {
            return new Settings(opcUaPort, speedFactor, Duration.ofMillis(100), Duration.ofMillis(100),
                    Duration.ofMillis(100), Duration.ofMillis(50), DemoLines.demo());
        }
    }
    private static final String OPERATOR = "operator";

    /**
     * @param owner a client of the twins' owner: points the machines' AIDs at the plant's actual endpoint
     * @param connectorUser the twin server user the connector writes as (the policies' CONNECTOR subject)
     */
    public static LivePlant start(final Path data, final Settings settings, final DittoClient owner,
            final URI twinServer, final String[] connectorUser) throws Exception {
        final List<AutoCloseable> parts = new ArrayList<>();
        try {
            final String operatorPassword = TwinServerCommand.Users.randomPassword();
            final PlantRuntime runtime = PlantRuntime.of(Plant.builder().seed(1).speedFactor(settings.speedFactor())
                    .layout(settings.lines().layout()).build());
            parts.add(runtime);
            final PlantOpcUaServer server = PlantOpcUaServer.start(PlantServerConfig.builder()
                    .port(portOrFree(settings.opcUaPort())).pkiDirectory(data.resolve("plant-pki"))
                    .user(OPERATOR, operatorPassword).build(), runtime).get(60, TimeUnit.SECONDS);
            parts.add(() -> server.stop().get(10, TimeUnit.SECONDS));
            final Path pki = data.resolve("connector-pki");
            wire(owner, settings.lines().machines().values(), server, pki);
            final OpcUaConnectorConfig.Builder config = OpcUaConnectorConfig.builder().user(OPERATOR, operatorPassword)
                    .pkiDirectory(pki).trustServer(server.certificate()).samplingInterval(settings.sampling())
                    .publishingInterval(settings.publishing()).batchWindow(settings.batchWindow());
            settings.lines().machines().values().forEach(config::thing);
            // the connector service as `twinloop connector opcua` runs it, on the demo's fixed twins
            final RunningOpcUaConnector connector = RunningOpcUaConnector.start(twinServer, connectorUser[0],
                    connectorUser[1], new OpcUaConnectorServiceConfig(config.build(), List.of(), false),
                    twins -> { }, Duration.ofSeconds(60));
            parts.add(connector);
            runtime.startTicking(settings.tick());
            return new LivePlant(server.endpointUrl(), operatorPassword, runtime, connector.service(), parts);
        } catch (final Exception e) {
            closeAll(parts);
            throw e;
        }
    }

    /** Port 0 picks a free one (Milo binds the port it is given). */
    private static int portOrFree(final int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Connector first, then the OPC UA server, then the plant: the reverse of starting. */
    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(final List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (final Exception e) {
                System.err.println("twinloop demo: " + e);
            }
        }
    }

    /**
     * Points the twins' interface descriptions at the plant's server (with another port than the AAS file's, the
     * twin says so: the twin describes the wiring) and makes the server trust the connector's certificate in
     * {@code pki}.
     */
    static void wire(final DittoClient owner, final java.util.Collection<ThingId> machines,
            final PlantOpcUaServer server, final Path pki) throws Exception {
        for (final ThingId machine : machines) {
            owner.merge(TwinPath.thing(machine), JsonFactory.newObject("{\"features\":{"
                    + "\"AssetInterfacesDescription\":{\"properties\":{\"InterfaceOPCUA\":"
                    + "{\"EndpointMetadata\":{\"base\":\"" + server.endpointUrl() + "\"}}}}}}"),
                    RequestOptions.none()).join();
        }
        try (ClientPki own = ClientPki.open(pki, "urn:twinloop:connector", List.of())) {
            server.trust(own.certificate());
        }
    }
}
