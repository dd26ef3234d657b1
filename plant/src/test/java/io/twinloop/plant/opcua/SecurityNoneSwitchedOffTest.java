package io.twinloop.plant.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinloop.plant.Plant;
import io.twinloop.plant.runtime.PlantRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityNoneSwitchedOffTest {

    @TempDir
    Path tmp;

    @Test
    void withoutSecurityNoneOnlySecuredSessionsAreAccepted() throws Exception {
        try (PlantRuntime runtime = PlantRuntime.of(Plant.builder().build());
                TestClient testClient = TestClient.create(tmp.resolve("client-pki"))) {
            final PlantOpcUaServer server = PlantOpcUaServer.start(PlantServerConfig.builder()
                    .port(ServedPlant.freePort())
                    .pkiDirectory(tmp.resolve("server-pki"))
                    .securityNone(false)
                    .user("operator", "pw")
                    .build(), runtime).get(30, TimeUnit.SECONDS);
            try {
                testClient.trustServer(server.certificate());
                server.trust(testClient.certificate());

                final List<EndpointDescription> endpoints = TestClient.endpoints(server.endpointUrl());
                assertThat(endpoints).filteredOn(e -> !e.getEndpointUrl().endsWith("/discovery"))
                        .extracting(EndpointDescription::getSecurityPolicyUri)
                        .containsOnly(SecurityPolicy.Basic256Sha256.getUri());

                // A client that insists on None anyway, with valid credentials, gets no session.
                final EndpointDescription secured = endpoints.stream()
                        .filter(e -> e.getSecurityMode() == MessageSecurityMode.SignAndEncrypt).findFirst()
                        .orElseThrow();
                final EndpointDescription none = new EndpointDescription(secured.getEndpointUrl(),
                        secured.getServer(), ByteString.NULL_VALUE, MessageSecurityMode.None,
                        SecurityPolicy.None.getUri(), secured.getUserIdentityTokens(),
                        secured.getTransportProfileUri(), Unsigned.ubyte(0));
                assertThatThrownBy(() -> testClient.connect(none, "operator", "pw"))
                        .isInstanceOf(UaException.class)
                        .satisfies(e -> assertThat(((UaException) e).getStatusCode().value())
                                .isEqualTo(StatusCodes.Bad_SecurityPolicyRejected));

                final OpcUaClient client = testClient.connect(server.endpointUrl(), SecurityPolicy.Basic256Sha256,
                        MessageSecurityMode.SignAndEncrypt, "operator", "pw");
                assertThat(client.readValue(0, TimestampsToReturn.Both, TestClient.node(client, "cnc-1/State"))
                        .statusCode().isGood()).isTrue();
                client.disconnect();
            } finally {
                server.stop().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
