package io.twinloop.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;
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
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * A data point's own sampling interval from the AID ({@code forms/twinloop_samplingInterval}): the demo AAS samples
 * the plant's clock, which changes on every 10 ms tick, once a second, while the machine's other points keep the
 * connector's fast default. Real plant server ticking in real time, real twin server; the test counts the twin's
 * merge events over a few seconds with generous bounds, it does not time anything.
 */
class SamplingIntervalTest {

    private static final ThingId CNC = ThingId.of("demo:CNC01");
    private static final Duration OBSERVED = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    @Test
    void thePlantClockIsSampledOncePerSecondWhileTheOtherPointsKeepTheFastDefault() throws Exception {
        final AtomicBoolean counting = new AtomicBoolean();
        final AtomicInteger clockMerges = new AtomicInteger();
        final AtomicInteger otherMerges = new AtomicInteger();
        try (PlantRuntime runtime = PlantRuntime.of(Plant.builder().seed(42).build())) {
            final PlantOpcUaServer plant = PlantOpcUaServer.start(PlantServerConfig.builder().port(freePort())
                    .pkiDirectory(tmp.resolve("plant-pki")).user("operator", "plant-secret").build(), runtime)
                    .get(60, TimeUnit.SECONDS);
            try (TwinServer twins = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins"))
                    .withUser("ditto", "ditto")).get(60, TimeUnit.SECONDS);
                 DittoClient ditto = DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build()) {
                for (final MappedThing thing : ThingMapper.of(MappingOptions.of("demo"))
                        .map(List.of(EnvironmentReader.newInstance().read(Path.of("../examples/demo-plant.aas.json"))))
                        .things()) {
                    if (thing.thing().getEntityId().orElseThrow().equals(CNC)) {
                        ditto.putThing(thing.thing(), RequestOptions.none()).join();
                    }
                }
                // The AID says opc.tcp://localhost:4840; this plant listens on a free port.
                ditto.merge(TwinPath.thing(CNC).features(), JsonObject.of("{\"AssetInterfacesDescription\":"
                        + "{\"properties\":{\"InterfaceOPCUA\":{\"EndpointMetadata\":{\"base\":\""
                        + plant.endpointUrl() + "\"}}}}}"), RequestOptions.none()).join();
                final Path pki = tmp.resolve("connector-pki");
                try (ClientPki own = ClientPki.open(pki, "urn:twinloop:connector", List.of())) {
                    plant.trust(own.certificate());
                }
                try (TwinEvents events = ditto.subscribe(EventSubscription.all().namespaces("demo"),
                        (ThingEvent<?> event) -> {
                            if (!counting.get() || !event.getEntityId().equals(CNC)
                                    || !(event instanceof ThingMerged)) {
                                return;
                            }
                            final String json = event.toJsonString();
                            (json.contains("\"SimulationTime\"") ? clockMerges : otherMerges).incrementAndGet();
                        }).get(60, TimeUnit.SECONDS);
                     OpcUaConnector connector = OpcUaConnector.start(OpcUaConnectorConfig.builder().thing(CNC)
                             .user("operator", "plant-secret").pkiDirectory(pki).trustServer(plant.certificate())
                             .build(), ditto).get(60, TimeUnit.SECONDS)) {
                    runtime.startTicking(Duration.ofMillis(10));
                    Await.until("the connector monitors the CNC's points",
                            () -> connector.statistics().monitoredItems() > 0);
                    Thread.sleep(1000); // past the first values every new monitored item reports

                    counting.set(true);
                    Thread.sleep(OBSERVED.toMillis());
                    counting.set(false);
                } finally {
                    plant.stop().get(30, TimeUnit.SECONDS);
                }
            }
        }

        final long seconds = OBSERVED.toSeconds();
        // Sampled at the connector's 100 ms default, the clock would be in nearly every merge (~10 per second).
        assertThat(clockMerges.get()).as("merges carrying SimulationTime in %s s (sampled once a second)", seconds)
                .isBetween(1, (int) (2 * seconds + 2));
        assertThat(otherMerges.get()).as("merges of the other, fast-sampled points in %s s", seconds)
                .isGreaterThan(3 * clockMerges.get());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
