package io.twinloop.twin.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of an embedded twin server.
 *
 * @param host interface to bind, default {@code 127.0.0.1}: a development stand-in should not be reachable from the
 * network unless asked for
 * @param port TCP port, {@code 0} picks an ephemeral port (see {@link TwinServer#httpUri()})
 * @param dataDirectory where the journal and snapshot live; created if missing
 * @param users HTTP basic-auth users, name to password; user NAME acts as subject {@code nginx:NAME}
 * @param preAuthenticatedHeaderEnabled whether {@code x-ditto-pre-authenticated} is trusted (only behind a proxy
 * that sets it)
 * @param webSocketBufferSize outbound messages a {@code /ws/2} session may have waiting; a client that lets more
 * pile up is disconnected (bounded memory, and the store's writer never waits for a slow client)
 * @param jwtIssuers OpenID Connect issuers whose tokens are accepted as {@code Authorization: Bearer}
 */
public record TwinServerConfig(String host, int port, Path dataDirectory, Map<String, String> users,
        boolean preAuthenticatedHeaderEnabled, int webSocketBufferSize, List<JwtIssuer> jwtIssuers) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_WEB_SOCKET_BUFFER_SIZE = 4096;

    public TwinServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (webSocketBufferSize < 1) {
            throw new IllegalArgumentException("webSocketBufferSize must be positive: " + webSocketBufferSize);
        }
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        jwtIssuers = List.copyOf(Objects.requireNonNull(jwtIssuers, "jwtIssuers"));
    }

    /** Defaults: {@code 127.0.0.1}, ephemeral port, no users, pre-authenticated header refused. */
    public static TwinServerConfig of(final Path dataDirectory) {
        return new TwinServerConfig(DEFAULT_HOST, 0, dataDirectory, Map.of(), false, DEFAULT_WEB_SOCKET_BUFFER_SIZE,
                List.of());
    }

    public TwinServerConfig withHost(final String newHost) {
        return new TwinServerConfig(newHost, port, dataDirectory, users, preAuthenticatedHeaderEnabled, webSocketBufferSize,
                jwtIssuers);
    }

    public TwinServerConfig withPort(final int newPort) {
        return new TwinServerConfig(host, newPort, dataDirectory, users, preAuthenticatedHeaderEnabled, webSocketBufferSize,
                jwtIssuers);
    }

    public TwinServerConfig withUser(final String name, final String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty() || name.indexOf(':') >= 0) {
            // basic auth separates name and password by the first colon
            throw new IllegalArgumentException("user name must be non-empty and contain no ':': " + name);
        }
        final Map<String, String> copy = new LinkedHashMap<>(users);
        copy.put(name, password);
        return new TwinServerConfig(host, port, dataDirectory, copy, preAuthenticatedHeaderEnabled, webSocketBufferSize,
                jwtIssuers);
    }

    public TwinServerConfig withPreAuthenticatedHeader(final boolean enabled) {
        return new TwinServerConfig(host, port, dataDirectory, users, enabled, webSocketBufferSize, jwtIssuers);
    }

    public TwinServerConfig withWebSocketBufferSize(final int messages) {
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled, messages,
                jwtIssuers);
    }

    /** Accepts bearer tokens of {@code issuer} as well. */
    public TwinServerConfig withJwtIssuer(final JwtIssuer issuer) {
        final List<JwtIssuer> copy = new ArrayList<>(jwtIssuers);
        copy.add(Objects.requireNonNull(issuer, "issuer"));
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled,
                webSocketBufferSize, copy);
    }

    @Override
    public String toString() {
        // never print passwords
        return "TwinServerConfig[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory +
                ", users=" + users.keySet() + ", preAuthenticatedHeaderEnabled=" + preAuthenticatedHeaderEnabled +
                ", webSocketBufferSize=" + webSocketBufferSize + ", jwtIssuers="
                + jwtIssuers.stream().map(JwtIssuer::issuer).toList() + "]";
    }
}
