package io.twinloop.connectors.opcua;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Executor;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.EndpointSecurity;

/**
 * One OPC UA session per endpoint and security, shared by every twin whose AID names them (the plant's machines
 * are all behind one server). Endpoints are discovered and the one matching the AID's policy and mode is chosen;
 * an endpoint that does not offer it is an error naming both.
 */
public final class EndpointSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointSessions.class);
    private static final String POLICY_URI_PREFIX = "http://opcfoundation.org/UA/SecurityPolicy#";

    /** What a session is for: the same endpoint with other security is another session. */
    private record Key(String endpoint, EndpointSecurity security) {
    }

    private final ClientPki pki;
    private final String applicationUri;
    private final String user;
    private final String password;
    private final long requestTimeoutMillis;
    private final Executor executor;
    private final Map<Key, CompletableFuture<OpcUaClient>> sessions = new ConcurrentHashMap<>();
    /** Set when the connector stops: the sessions going inactive then are our own disconnects. */
    private volatile boolean closing;

    public EndpointSessions(final ClientPki pki, final String applicationUri, final String user,
            final String password, final long requestTimeoutMillis, final Executor executor) {
        this.pki = pki;
        this.applicationUri = applicationUri;
        this.user = user;
        this.password = password;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.executor = executor;
    }

    /**
     * The connected client for this endpoint and security, connecting on first use. A failed attempt is forgotten,
     * so the next call tries again (the server may be up by then).
     */
    public CompletableFuture<OpcUaClient> session(final String endpoint, final EndpointSecurity security) {
        final Key key = new Key(endpoint, security);
        final CompletableFuture<OpcUaClient> session =
                sessions.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> connect(k), executor));
        session.whenComplete((client, failure) -> {
            if (failure != null) {
                sessions.remove(key, session);
            }
        });
        return session;
    }

    private OpcUaClient connect(final Key key) {
        final String policyUri = "None".equals(key.security().securityPolicy()) ? SecurityPolicy.None.getUri()
                : POLICY_URI_PREFIX + key.security().securityPolicy();
        final MessageSecurityMode mode = mode(key.security().securityMode());
        try {
            final OpcUaClient client = OpcUaClient.create(key.endpoint(),
                    endpoints -> endpoints.stream()
                            .filter(e -> policyUri.equals(e.getSecurityPolicyUri()))
                            .filter(e -> e.getSecurityMode() == mode)
                            .filter(e -> !e.getEndpointUrl().endsWith("/discovery"))
                            .findFirst(),
                    transport -> {
                    },
                    config -> configure(config, key.security()));
            client.addSessionActivityListener(new SessionLog(key, () -> closing));
            client.connect();
            LOG.info("OPC UA session open: endpoint={} security={} user={}", key.endpoint(), key.security(),
                    identityName(key.security()));
            return client;
        } catch (final UaException e) {
            throw new OpcUaSessionException("cannot open an OPC UA session to " + key.endpoint() + " with "
                    + key.security() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Says when a session goes and comes back. Milo reconnects by itself (re-activating the session, or creating a
     * new one and transferring the subscriptions); {@link PointSubscription} re-creates what cannot be transferred.
     */
    private record SessionLog(Key key, BooleanSupplier closing) implements SessionActivityListener {

        @Override
        public void onSessionInactive(final UaSession session) {
            if (closing.getAsBoolean()) {
                // our own disconnect at stop, not a lost session
                LOG.debug("OPC UA session closed: endpoint={}", key.endpoint());
                return;
            }
            LOG.warn("OPC UA session lost, Milo reconnects: endpoint={} security={}", key.endpoint(), key.security());
        }

        @Override
        public void onSessionActive(final UaSession session) {
            LOG.info("OPC UA session active: endpoint={} security={} sessionId={}", key.endpoint(), key.security(),
                    session.getSessionId());
        }
    }

    private void configure(final OpcUaClientConfigBuilder config, final EndpointSecurity security) {
        config.setApplicationName(LocalizedText.english("TwinLoop OPC UA connector"))
                .setApplicationUri(applicationUri)
                .setKeyPair(pki.keyPair())
                .setCertificate(pki.certificate())
                .setCertificateChain(new X509Certificate[] {pki.certificate()})
                .setCertificateValidator(new DefaultClientCertificateValidator(pki.trustList(),
                        pki.rejected()))
                .setIdentityProvider(identity(security))
                .setRequestTimeout(UInteger.valueOf(requestTimeoutMillis));
    }

    private IdentityProvider identity(final EndpointSecurity security) {
        return "username".equalsIgnoreCase(security.userIdentityToken()) && !user.isEmpty()
                ? new UsernameProvider(user, password) : new AnonymousProvider();
    }

    private String identityName(final EndpointSecurity security) {
        return identity(security) instanceof UsernameProvider ? user : "(anonymous)";
    }

    private static MessageSecurityMode mode(final String name) {
        for (final MessageSecurityMode mode : MessageSecurityMode.values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new OpcUaSessionException("unknown OPC UA security mode '" + name + "' (None, Sign, SignAndEncrypt)",
                null);
    }

    @Override
    public void close() {
        closing = true;
        for (final CompletableFuture<OpcUaClient> session : sessions.values()) {
            session.thenAccept(client -> {
                try {
                    client.disconnect();
                } catch (final UaException e) {
                    LOG.debug("OPC UA disconnect failed: {}", e.toString());
                }
            });
        }
        sessions.clear();
    }
}
