package io.twinloop.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.connectors.northbound.BadDataKind;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * {@link OpcUaConnectorService}'s choice of twins against the embedded twin server (real HTTP, Ditto's search),
 * without an OPC UA server: what it refuses to start with. The connecting itself, at start and for twins created
 * later, is run end to end by the cli's {@code ConnectorOpcUaCommandTest} (plant, twin server, command).
 */
class OpcUaConnectorServiceTest {

    @TempDir
    Path tmp;

    private OpcUaConnectorConfig.Builder connector() {
        return OpcUaConnectorConfig.builder().pkiDirectory(tmp.resolve("pki"));
    }

    @Test
    void aNamespaceWithoutOpcUaTwinsIsRefusedUnlessNewTwinsAreFollowed() throws Exception {
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("c", "c")).get();
             DittoClient ditto = DittoClient.builder(server.httpUri()).basicAuth("c", "c").build()) {
            // the Hono example's twins describe Hono interfaces only
            for (final MappedThing thing : ThingMapper.of(MappingOptions.of("meters")).map(List.of(
                    EnvironmentReader.newInstance().read(Path.of("../examples/hono-devices.aas.json")))).things()) {
                ditto.putThing(thing.thing(), RequestOptions.none()).join();
            }

            assertThatThrownBy(() -> OpcUaConnectorService.start(new OpcUaConnectorServiceConfig(connector().build(),
                    List.of("meters"), false), ditto).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("no twin with an OPC UA interface (AID + AIMC) among namespaces [meters]");

            // following, it runs with no connector yet and waits for twins
            try (OpcUaConnectorService waiting = OpcUaConnectorService.start(new OpcUaConnectorServiceConfig(
                    connector().build(), List.of("meters"), true), ditto).get(60, TimeUnit.SECONDS)) {
                assertThat(waiting.connectedTwins()).isEmpty();
                assertThat(waiting.statistics()).isEqualTo(ConnectorStatistics.none());
            }
        }
    }

    @Test
    void aNamedTwinThatDoesNotExistIsRefusedUnlessNewTwinsAreFollowed() throws Exception {
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(tmp.resolve("twins")).withUser("c", "c")).get();
             DittoClient ditto = DittoClient.builder(server.httpUri()).basicAuth("c", "c").build()) {
            assertThatThrownBy(() -> OpcUaConnectorService.start(new OpcUaConnectorServiceConfig(connector()
                    .thing(ThingId.of("demo:Missing")).build(), List.of(), false), ditto).get(60, TimeUnit.SECONDS))
                    .hasMessageContaining("the twin demo:Missing does not exist (404)");
            try (OpcUaConnectorService waiting = OpcUaConnectorService.start(new OpcUaConnectorServiceConfig(
                    connector().thing(ThingId.of("demo:Missing")).build(), List.of(), true), ditto)
                    .get(60, TimeUnit.SECONDS)) {
                assertThat(waiting.connectedTwins()).isEmpty();
            }
        }
    }

    @Test
    void aSelectionIsNeededAndNamespacesAreDittos() {
        assertThatThrownBy(() -> new OpcUaConnectorServiceConfig(connector().build(), List.of(), true))
                .hasMessageContaining("no twins selected");
        assertThatThrownBy(() -> new OpcUaConnectorServiceConfig(connector().build(), List.of("not a namespace"),
                true)).hasMessageContaining("'not a namespace' is not a Ditto namespace");
        final OpcUaConnectorServiceConfig config = new OpcUaConnectorServiceConfig(connector()
                .thing(ThingId.of("a:x")).build(), List.of("b"), true);
        assertThat(config.selects(ThingId.of("a:x"))).isTrue();
        assertThat(config.selects(ThingId.of("a:y"))).isFalse();
        assertThat(config.selects(ThingId.of("b:anything"))).isTrue();
        // a connector without twins is refused at its start, naming it
        assertThatThrownBy(() -> OpcUaConnector.start(connector().build(), null).join())
                .hasMessageContaining("no things to connect");
    }

    @Test
    void statisticsOfSeveralConnectorsAddUp() {
        final ConnectorStatistics one = new ConnectorStatistics(3, 1, 10, 1, 9, 4, 0, 1, 1, 0,
                Map.of(BadDataKind.WRONG_TYPE, 2L), 1, 0, 7);
        final ConnectorStatistics two = new ConnectorStatistics(2, 0, 5, 2, 5, 2, 1, 0, 0, 2,
                Map.of(BadDataKind.WRONG_TYPE, 1L, BadDataKind.NOT_A_NUMBER, 1L), 0, 3, 2);
        assertThat(one.plus(two)).isEqualTo(new ConnectorStatistics(5, 1, 15, 3, 14, 6, 1, 1, 1, 2,
                Map.of(BadDataKind.WRONG_TYPE, 3L, BadDataKind.NOT_A_NUMBER, 1L), 1, 3, 9));
        assertThat(one.plus(ConnectorStatistics.none())).isEqualTo(one);
    }
}
