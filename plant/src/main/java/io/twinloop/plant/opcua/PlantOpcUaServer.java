package io.twinloop.plant.opcua;

import io.twinloop.plant.runtime.PlantRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated plant behind an Eclipse Milo OPC UA server: the only way the rest of TwinLoop reaches the running
 * plant. Endpoints: Basic256Sha256 with Sign and with SignAndEncrypt, and None unless switched off; users log in
 * with user name and password (the password travels encrypted with the server's certificate even on None).
 * Client certificates for the secured endpoints must be in the PKI directory's trust list.
 */
public final class PlantOpcUaServer {

    private static final Logger LOG = LoggerFactory.getLogger(PlantOpcUaServer.class);

    private final PlantServerConfig config;
    private final OpcUaServer server;
    private final PlantNamespace namespace;
    private final ServerPki pki;

    private PlantOpcUaServer(final PlantServerConfig config, final OpcUaServer server,
            final PlantNamespace namespace, final ServerPki pki) {
        this.config = config;
        this.server = server;
        this.namespace = namespace;
        this.pki = pki;
    }

    /**
     * Opens (or creates) the PKI directory, builds the address space for {@code runtime}'s plant and starts
     * listening. The future fails with a message naming the cause when the port cannot be bound.
     */
    public static CompletableFuture<PlantOpcUaServer> start(final PlantServerConfig config,
            final PlantRuntime runtime) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runtime, "runtime");
        final ServerPki pki;
        final OpcUaServer server;
        try {
            requirePortFree(config);
            pki = ServerPki.open(config);
            server = new OpcUaServer(serverConfig(config, pki), profile -> new OpcTcpServerTransport(
                    OpcTcpServerTransportConfig.newBuilder().build()));
        } catch (final IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        } catch (final Exception e) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot set up the OPC UA server's"
                    + " security in " + config.pkiDirectory().toAbsolutePath() + ": " + e, e));
        }
        final PlantNamespace namespace = new PlantNamespace(server, runtime, config.writeTimeout());
        namespace.startup();
        return server.startup().handle((started, failure) -> {
            if (failure != null) {
                namespace.shutdown();
                server.shutdown();
                closeQuietly(pki);
                throw new CompletionException(new IllegalStateException("OPC UA server cannot listen on "
                        + config.bindAddress() + ":" + config.port() + " (is the port in use?): "
                        + failure.getMessage(), failure));
            }
            LOG.info("OPC UA server started: endpoint={} securityPolicies={} users={} anonymous={} pki={}",
                    config.endpointUrl(), config.securityNone() ? "None,Basic256Sha256" : "Basic256Sha256",
                    config.users().keySet(), config.anonymous(), config.pkiDirectory().toAbsolutePath());
            return new PlantOpcUaServer(config, server, namespace, pki);
        });
    }

    private static void closeQuietly(final ServerPki pki) {
        try {
            pki.close();
        } catch (final IOException e) {
            LOG.warn("OPC UA trust list watcher did not stop cleanly: {}", e.toString());
        }
    }

    /**
     * Fails early, with the address in the message, when the port is taken: Milo would only log a warning with a
     * stack trace per endpoint and then fail with "No endpoints bound".
     */
    private static void requirePortFree(final PlantServerConfig config) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.bindAddress(), config.port()));
        } catch (final IOException e) {
            throw new IllegalStateException("OPC UA server cannot listen on " + config.bindAddress() + ":"
                    + config.port() + " (is the port in use?): " + e.getMessage(), e);
        }
    }

    private static OpcUaServerConfig serverConfig(final PlantServerConfig config, final ServerPki pki) {
        return OpcUaServerConfig.builder()
                .setApplicationUri(config.applicationUri())
                .setApplicationName(LocalizedText.english("TwinLoop simulated plant"))
                .setProductUri("urn:twinloop:plant")
                .setBuildInfo(new BuildInfo("urn:twinloop:plant", "TwinLoop", "TwinLoop simulated plant",
                        OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setEndpoints(endpoints(config, pki.certificate()))
                .setCertificateManager(pki.certificateManager())
                .setIdentityValidator(identityValidator(config))
                .build();
    }

    private static Set<EndpointConfig> endpoints(final PlantServerConfig config, final X509Certificate certificate) {
        final List<UserTokenPolicy> tokens = new ArrayList<>();
        if (!config.users().isEmpty()) {
            tokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        }
        if (config.anonymous()) {
            tokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        }
        final EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(config.bindAddress())
                .setBindPort(config.port())
                .setHostname(config.hostname())
                .setPath(config.path())
                .setCertificate(certificate)
                .addTokenPolicies(tokens.toArray(UserTokenPolicy[]::new));
        final Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.Sign).build());
        if (config.securityNone()) {
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None).build());
        } else {
            // Clients still need an unsecured way to ask for the endpoints (OPC UA Part 6, "/discovery"); the
            // server refuses sessions on it.
            endpoints.add(base.copy().setPath(config.path() + "/discovery").setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None).build());
        }
        return endpoints;
    }

    private static IdentityValidator identityValidator(final PlantServerConfig config) {
        final UsernameIdentityValidator users = new UsernameIdentityValidator(challenge -> {
            final String expected = config.users().get(challenge.getUsername());
            // MessageDigest.isEqual takes the same time however much of the password was right.
            final boolean valid = expected != null && MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8),
                    challenge.getPassword().getBytes(StandardCharsets.UTF_8));
            if (!valid) {
                LOG.warn("OPC UA login refused: user={} reason={}", challenge.getUsername(),
                        expected == null ? "unknown user" : "wrong password");
            }
            return valid;
        });
        return config.anonymous() ? new CompositeValidator(AnonymousIdentityValidator.INSTANCE, users) : users;
    }

    public PlantServerConfig config() {
        return config;
    }

    /** The URL clients connect to, e.g. {@code opc.tcp://localhost:4840/twinloop/plant}. */
    public String endpointUrl() {
        return config.endpointUrl();
    }

    /** The namespace URI of the plant's nodes. */
    public static String namespaceUri() {
        return PlantNamespace.URI;
    }

    /** The server's certificate, for clients that pin it. */
    public X509Certificate certificate() {
        return pki.certificate();
    }

    /** Adds a client certificate to the trust list (written to the PKI directory, so it survives a restart). */
    public void trust(final X509Certificate clientCertificate) {
        pki.trustList().addTrustedCertificate(clientCertificate);
        LOG.info("OPC UA client certificate trusted: subject=\"{}\"",
                clientCertificate.getSubjectX500Principal().getName());
    }

    /** Client certificates that were refused because they are not trusted; move one to the trust list with trust. */
    public List<X509Certificate> rejectedCertificates() {
        return server.getConfig().getCertificateManager().getCertificateQuarantine().getRejectedCertificates();
    }

    public CompletableFuture<Void> stop() {
        namespace.shutdown();
        return server.shutdown().thenRun(() -> {
            closeQuietly(pki);
            LOG.info("OPC UA server stopped: endpoint={}", config.endpointUrl());
        });
    }
}
