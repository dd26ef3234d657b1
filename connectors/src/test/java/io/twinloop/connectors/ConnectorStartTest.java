package io.twinloop.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.connectors.opcua.ClientPki;
import io.twinloop.plant.Plant;
import io.twinloop.plant.opcua.PlantOpcUaServer;
import io.twinloop.plant.opcua.PlantServerConfig;
import io.twinloop.plant.runtime.PlantRuntime;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * Start-up order should not matter to an operator: a connector started before the twin server and the plant's OPC
 * UA server waits for them (with backoff) and connects when they come; what waiting cannot fix (a refused login)
 * fails the start at once. Real peers over real sockets, as in {@link OpcUaConnectorTest}.
 */
class ConnectorStartTest {

    private static final ThingId CNC = ThingId.of("demo:CNC01");
    private static final String OPERATOR = "operator";
    private static final String PASSWORD = "plant-secret";

    @TempDir
    Path tmp;

    private PlantRuntime runtime;
    private PlantOpcUaServer plant;
    private TwinServer twins;
    private DittoClient ditto;
    private CompletableFuture<OpcUaConnector> starting;

    @Test
    void aConnectorStartedBeforeItsPeersConnectsWhenTheyCome() throws Exception {
        final PlantServerConfig plantConfig = plantConfig(freePort());
        final TwinServerConfig twinConfig = TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto")
                .withPort(freePort());
        final OpcUaConnectorConfig connectorConfig = prepare(plantConfig, twinConfig, PASSWORD);
        // Both peers are down now: the twin server holds the twins on disk, the plant's server trusts the connector.

        starting = OpcUaConnector.start(connectorConfig, ditto);
        twins = TwinServer.start(twinConfig).get(60, TimeUnit.SECONDS);
        // Where the plant's server will be, for now a socket that resets every connection, counting them.
        try (RefusingPeer peer = RefusingPeer.listen(plantConfig.port())) {
            Await.until("the connector tried the OPC UA endpoint again after a failure", () -> peer.accepted() >= 2);
            assertThat(starting).as("no OPC UA server yet").isNotDone();
        }

        plant = PlantOpcUaServer.start(plantConfig, runtime).get(60, TimeUnit.SECONDS);
        final OpcUaConnector connector = starting.get(60, TimeUnit.SECONDS);

        runtime.advance(Duration.ofHours(1)).get(30, TimeUnit.SECONDS);
        final long parts = runtime.latest().machine("cnc-1").orElseThrow().partsProduced();
        assertThat(parts).isPositive();
        Await.until("CNC01 PartsProduced = plant's " + parts, () -> ditto.retrieveThing(CNC).join().getFeatures()
                .flatMap(f -> f.getFeature("OperationalData"))
                .flatMap(f -> f.getProperty(JsonPointer.of("PartsProduced")))
                .equals(java.util.Optional.of(JsonValue.of(parts))));
        assertThat(connector.statistics().monitoredItems()).isPositive();
    }

    @Test
    void aRefusedLoginFailsTheStartInsteadOfWaitingForever() throws Exception {
        final PlantServerConfig plantConfig = plantConfig(freePort());
        final TwinServerConfig twinConfig = TwinServerConfig.of(tmp.resolve("twins")).withUser("ditto", "ditto")
                .withPort(freePort());
        final OpcUaConnectorConfig connectorConfig = prepare(plantConfig, twinConfig, "not-the-password");
        twins = TwinServer.start(twinConfig).get(60, TimeUnit.SECONDS);
        plant = PlantOpcUaServer.start(plantConfig, runtime).get(60, TimeUnit.SECONDS);

        starting = OpcUaConnector.start(connectorConfig, ditto);

        assertThatThrownBy(() -> starting.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining(plantConfig.endpointUrl())
                .hasMessageContaining("Bad_UserAccessDenied");
    }

    /**
     * Imports the demo twins (the AID pointing at this plant's port), lets the plant's server trust the connector,
     * then stops both servers; returns the connector's configuration.
     */
    private OpcUaConnectorConfig prepare(final PlantServerConfig plantConfig, final TwinServerConfig twinConfig,
            final String password) throws Exception {
        runtime = PlantRuntime.of(Plant.builder().seed(7).build());
        final PlantOpcUaServer firstPlant = PlantOpcUaServer.start(plantConfig, runtime).get(60, TimeUnit.SECONDS);
        final Path pki = tmp.resolve("connector-pki");
        try (ClientPki own = ClientPki.open(pki, "urn:twinloop:connector", List.of())) {
            firstPlant.trust(own.certificate());
        }
        final OpcUaConnectorConfig config = OpcUaConnectorConfig.builder().thing(CNC).user(OPERATOR, password)
                .pkiDirectory(pki).trustServer(firstPlant.certificate()).build();
        firstPlant.stop().get(30, TimeUnit.SECONDS);

        final TwinServer firstTwins = TwinServer.start(twinConfig).get(60, TimeUnit.SECONDS);
        ditto = DittoClient.builder(firstTwins.httpUri()).basicAuth("ditto", "ditto").build();
        for (final MappedThing thing : ThingMapper.of(MappingOptions.of("demo"))
                .map(List.of(EnvironmentReader.newInstance().read(Path.of("../examples/demo-plant.aas.json"))))
                .things()) {
            ditto.putThing(thing.thing(), RequestOptions.none()).join();
        }
        ditto.merge(TwinPath.thing(CNC).features(), JsonObject.of("{\"AssetInterfacesDescription\":{\"properties\":"
                + "{\"InterfaceOPCUA\":{\"EndpointMetadata\":{\"base\":\"" + plantConfig.endpointUrl() + "\"}}}}}"),
                RequestOptions.none()).join();
        firstTwins.close();
        return config;
    }

    private PlantServerConfig plantConfig(final int port) {
        return PlantServerConfig.builder().port(port).pkiDirectory(tmp.resolve("plant-pki")).user(OPERATOR, PASSWORD)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (starting != null) {
            starting.cancel(true);
            if (starting.isDone() && !starting.isCompletedExceptionally()) {
                starting.join().close();
            }
        }
        if (ditto != null) {
            ditto.close();
        }
        if (twins != null) {
            twins.close();
        }
        if (plant != null) {
            plant.stop().get(30, TimeUnit.SECONDS);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A listening socket that resets every connection at once: a server that is there but not serving. */
    private static final class RefusingPeer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        private RefusingPeer(final ServerSocket socket) {
            this.socket = socket;
            this.acceptor = new Thread(this::hangUpOnEveryone, "refusing-peer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static RefusingPeer listen(final int port) throws IOException {
            final ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return new RefusingPeer(socket);
        }

        private void hangUpOnEveryone() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    accepted.incrementAndGet();
                    // Reset rather than close: no half-closed socket is left holding the port for the plant.
                    connection.setSoLinger(true, 0);
                } catch (final IOException e) {
                    return; // closed
                }
            }
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            // The JDK releases the port only when the thread blocked in accept() has left it.
            try {
                acceptor.join(TimeUnit.SECONDS.toMillis(10));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
