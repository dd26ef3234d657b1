package io.twinloop.plant.opcua;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * A real Milo client application for the tests: its own key and certificate, a trust list holding the server's
 * certificate, and connections over real sockets.
 */
final class TestClient implements AutoCloseable {

    static final String APPLICATION_URI = "urn:twinloop:test-client";

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final FileBasedTrustListManager trustList;

    private TestClient(final KeyPair keyPair, final X509Certificate certificate,
            final FileBasedTrustListManager trustList) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.trustList = trustList;
    }

    static TestClient create(final Path pkiDirectory) throws Exception {
        final KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        final X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("TwinLoop plant test client")
                .setApplicationUri(APPLICATION_URI)
                .addDnsName("localhost")
                .build();
        return new TestClient(keyPair, certificate, FileBasedTrustListManager.createAndInitialize(pkiDirectory));
    }

    /** Stops the trust list's directory watcher. */
    @Override
    public void close() throws java.io.IOException {
        trustList.close();
    }

    X509Certificate certificate() {
        return certificate;
    }

    void trustServer(final X509Certificate serverCertificate) {
        trustList.addTrustedCertificate(serverCertificate);
    }

    /** Discovers the server's endpoints and connects to the one with this policy and mode. */
    OpcUaClient connect(final String endpointUrl, final SecurityPolicy policy, final MessageSecurityMode mode,
            final String user, final String password) throws UaException {
        final OpcUaClient client = OpcUaClient.create(endpointUrl,
                endpoints -> endpoints.stream()
                        .filter(e -> e.getSecurityPolicyUri().equals(policy.getUri()))
                        .filter(e -> e.getSecurityMode() == mode)
                        .filter(e -> !e.getEndpointUrl().endsWith("/discovery"))
                        .findFirst(),
                transport -> {
                },
                config -> configure(config, identity(user, password)));
        return client.connect();
    }

    /** Connects to exactly this endpoint description, even one the server did not offer. */
    OpcUaClient connect(final EndpointDescription endpoint, final String user, final String password)
            throws UaException {
        final var config = OpcUaClientConfig.builder().setEndpoint(endpoint);
        configure(config, identity(user, password));
        return OpcUaClient.create(config.build()).connect();
    }

    static List<EndpointDescription> endpoints(final String endpointUrl) throws Exception {
        return org.eclipse.milo.opcua.sdk.client.DiscoveryClient.getEndpoints(endpointUrl).get();
    }

    private void configure(final org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder config,
            final IdentityProvider identity) {
        config.setApplicationName(LocalizedText.english("TwinLoop plant test client"))
                .setApplicationUri(APPLICATION_URI)
                .setKeyPair(keyPair)
                .setCertificate(certificate)
                .setCertificateChain(new X509Certificate[] {certificate})
                .setCertificateValidator(new DefaultClientCertificateValidator(trustList,
                        new MemoryCertificateQuarantine()))
                .setIdentityProvider(identity);
    }

    private static IdentityProvider identity(final String user, final String password) {
        return user == null ? new AnonymousProvider() : new UsernameProvider(user, password);
    }

    /** The node id of a plant variable, resolved through the server's namespace table. */
    static NodeId node(final OpcUaClient client, final String id) {
        final Optional<Integer> index = Optional.ofNullable(client.getNamespaceTable()
                .getIndex(PlantOpcUaServer.namespaceUri())).map(Number::intValue);
        return new NodeId(index.orElseThrow(() -> new AssertionError("server has no namespace "
                + PlantOpcUaServer.namespaceUri())), id);
    }
}
