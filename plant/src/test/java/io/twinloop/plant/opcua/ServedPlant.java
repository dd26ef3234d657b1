package io.twinloop.plant.opcua;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

import io.twinloop.plant.Plant;
import io.twinloop.plant.runtime.PlantRuntime;

/**
 * A seeded plant that does not tick on its own, behind its real OPC UA server on a free port, and a real Milo client
 * connected to it (security None, a user name; the two certificates trusted both ways). Closing stops all of it.
 */
record ServedPlant(PlantRuntime runtime, PlantOpcUaServer server, TestClient testClient, OpcUaClient client)
        implements AutoCloseable {

    static final String USER = "operator";
    static final String PASSWORD = "s3cret-for-tests";
    static final long WAIT_SECONDS = 30;

    static ServedPlant start(final Path folder, final long seed) throws Exception {
        final PlantRuntime runtime = PlantRuntime.of(Plant.builder().seed(seed).build());
        final PlantOpcUaServer server = PlantOpcUaServer.start(PlantServerConfig.builder()
                .port(freePort())
                .pkiDirectory(folder.resolve("server-pki"))
                .user(USER, PASSWORD)
                .build(), runtime).get(WAIT_SECONDS, TimeUnit.SECONDS);
        final TestClient testClient = TestClient.create(folder.resolve("client-pki"));
        testClient.trustServer(server.certificate());
        server.trust(testClient.certificate());
        final OpcUaClient client = testClient.connect(server.endpointUrl(), SecurityPolicy.None,
                MessageSecurityMode.None, USER, PASSWORD);
        return new ServedPlant(runtime, server, testClient, client);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        server.stop().get(WAIT_SECONDS, TimeUnit.SECONDS);
        runtime.close();
        testClient.close();
    }
}
