package io.twinloop.cli.twin;

import static io.twinloop.cli.twin.DemoCncTwin.CNC;
import static io.twinloop.cli.twin.DemoCncTwin.awaitValue;
import static io.twinloop.cli.twin.DemoCncTwin.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;
import io.twinloop.ditto.policy.PolicyTemplate;

/**
 * The demo's shop floor end to end, over real sockets: the simulated plant's OPC UA server, the OPC UA connector
 * working as its least-privilege twin user, and the embedded twin server. A desired speed reaches the machine and
 * comes back applied; one outside the AAS's bounds comes back rejected.
 */
class LivePlantTest {

    @TempDir
    Path data;

    @Test
    void desiredValuesReachTheMachineAndTheOutcomeComesBack() throws Exception {
        final String[] connector = {"connector", "c0nnect"};
        try (TwinServer server = TwinServer.start(TwinServerConfig.of(data.resolve("twins")).withUser("owner", "pw")
                .withUser(connector[0], connector[1])).get();
             DittoClient owner = DittoClient.builder(server.httpUri()).basicAuth("owner", "pw").build()) {
            new ThingPublisher(owner, new PolicyTemplate("nginx:owner", PolicyTemplate.DEFAULT_OPTIMIZER,
                    "nginx:" + connector[0]), new java.io.PrintWriter(java.io.Writer.nullWriter()), false)
                    .publish(DemoPlant.things());
            try (LivePlant plant = LivePlant.start(data, LivePlant.Settings.demo(0, 60), owner,
                    server.httpUri(), connector)) {
                // values flow in: the machine's state reaches the twin
                awaitValue(() -> read(owner, "features/OperationalData/properties/State"), JsonValue.of("RUNNING"));

                owner.putFeatureDesiredProperty(CNC, "OperationalData", JsonPointer.of("Speed"), JsonValue.of(110),
                        RequestOptions.none()).join();
                awaitValue(() -> read(owner, "features/Reconciliation/properties/OperationalData/Speed/status"),
                        JsonValue.of("applied"));
                awaitValue(() -> read(owner, "features/OperationalData/properties/Speed").map(v -> JsonValue.of(
                        v.asDouble())), JsonValue.of(110.0));

                owner.putFeatureDesiredProperty(CNC, "OperationalData", JsonPointer.of("Speed"), JsonValue.of(500),
                        RequestOptions.none()).join();
                awaitValue(() -> read(owner, "features/Reconciliation/properties/OperationalData/Speed/status"),
                        JsonValue.of("rejected"));
                assertThat(read(owner, "features/Reconciliation/properties/OperationalData/Speed/reason")
                        .map(JsonValue::asString).orElse("")).contains("130");
                assertThat(plant.endpoint()).startsWith("opc.tcp://");
            }
        }
    }

}
