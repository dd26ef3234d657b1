package io.twinloop.twin.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link DittoClient}; obtain one with {@link DittoClient#builder(URI)}. The authentication methods
 * are alternatives: the last one called wins.
 */
public final class DittoClientBuilder {

    private final URI baseUri;
    private Authentication authentication = Authentication.none();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Heartbeat heartbeat = Heartbeat.defaults();
    private int maxCommandsInFlight = 100;

    DittoClientBuilder(final URI baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        final String scheme = baseUri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("Ditto base URI must be http(s): " + baseUri);
        }
        this.baseUri = baseUri;
    }

    /** HTTP basic authentication, as Ditto's official Docker setup (nginx in front of the gateway) expects. */
    public DittoClientBuilder basicAuth(final String username, final String password) {
        this.authentication = Authentication.basic(username, password);
        return this;
    }

    /** {@code Authorization: Bearer <token>}, for Ditto configured with an OpenID Connect provider. */
    public DittoClientBuilder bearerToken(final String token) {
        this.authentication = Authentication.bearer(token);
        return this;
    }

    /**
     * Sends {@code x-ditto-pre-authenticated: <subject>} (e.g. {@code nginx:ditto}). Only for a trusted network
     * path to a gateway that has pre-authentication enabled; Ditto ignores or refuses it otherwise.
     */
    public DittoClientBuilder preAuthenticated(final String subject) {
        this.authentication = Authentication.preAuthenticated(subject);
        return this;
    }

    /** Default time to wait for an HTTP answer (default 30 s); longer if a request asks Ditto to wait longer. */
    public DittoClientBuilder requestTimeout(final Duration timeout) {
        this.requestTimeout = requirePositive(timeout, "requestTimeout");
        return this;
    }

    /** Time to establish a TCP connection (default 10 s). */
    public DittoClientBuilder connectTimeout(final Duration timeout) {
        this.connectTimeout = requirePositive(timeout, "connectTimeout");
        return this;
    }

    /** How WebSocket connections (events and commands) are watched; default {@link Heartbeat#defaults()}. */
    public DittoClientBuilder heartbeat(final Heartbeat watch) {
        this.heartbeat = Objects.requireNonNull(watch, "heartbeat");
        return this;
    }

    /**
     * Commands one {@link TwinCommands} connection may have waiting for responses (default 100, as many as Ditto's
     * gateway queues per WebSocket); more fail at once instead of queueing without bound.
     */
    public DittoClientBuilder maxCommandsInFlight(final int commands) {
        if (commands < 1) {
            throw new IllegalArgumentException("maxCommandsInFlight must be positive: " + commands);
        }
        this.maxCommandsInFlight = commands;
        return this;
    }

    public DittoClient build() {
        return new DittoClient(baseUri, authentication, requestTimeout, connectTimeout, heartbeat,
                maxCommandsInFlight);
    }

    private static Duration requirePositive(final Duration d, final String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
