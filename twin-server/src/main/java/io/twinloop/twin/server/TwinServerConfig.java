package io.twinloop.twin.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.twin.server.store.ThingStore;
import io.twinloop.twin.server.wot.WotConfig;

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
 * @param guard the desired-write guard's configuration (module ditto-extension); empty: read at start like Ditto's
 * things service reads it, from {@code things-extension.conf} on the class path with its {@code TWINLOOP_GUARD_*}
 * environment variables ({@link GuardConfig#fromClassPath()}), whose defaults let every write pass
 * @param wot the WoT Thing Model validation and the models this server serves at {@code /wot/models/}
 * ({@link WotConfig#defaults()}: validation on, as in Ditto; no models folder)
 * @param heldThingsMemory bytes of heap the recently written things may take as Ditto objects (estimated from their
 * JSON, see {@link ThingStore#open(Path, int, long)}); more recently written things are held as compressed JSON and
 * parsed again when written. Default {@link ThingStore#DEFAULT_HELD_MEMORY} (128 MB: about 90 demo twins)
 */
public record TwinServerConfig(String host, int port, Path dataDirectory, Map<String, String> users,
        boolean preAuthenticatedHeaderEnabled, int webSocketBufferSize, List<JwtIssuer> jwtIssuers,
        Optional<GuardConfig> guard, WotConfig wot, long heldThingsMemory) {

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
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(wot, "wot");
        if (heldThingsMemory < 0) {
            throw new IllegalArgumentException("heldThingsMemory must not be negative: " + heldThingsMemory);
        }
    }

    /**
     * Defaults: {@code 127.0.0.1}, ephemeral port, no users, pre-authenticated header refused, the guard configured
     * as in Ditto (class path and environment, see {@link #guard}).
     */
    public static TwinServerConfig of(final Path dataDirectory) {
        return new TwinServerConfig(DEFAULT_HOST, 0, dataDirectory, Map.of(), false, DEFAULT_WEB_SOCKET_BUFFER_SIZE,
                List.of(), Optional.empty(), WotConfig.defaults(), ThingStore.DEFAULT_HELD_MEMORY);
    }

    public TwinServerConfig withHost(final String newHost) {
        return new TwinServerConfig(newHost, port, dataDirectory, users, preAuthenticatedHeaderEnabled, webSocketBufferSize,
                jwtIssuers, guard, wot, heldThingsMemory);
    }

    public TwinServerConfig withPort(final int newPort) {
        return new TwinServerConfig(host, newPort, dataDirectory, users, preAuthenticatedHeaderEnabled, webSocketBufferSize,
                jwtIssuers, guard, wot, heldThingsMemory);
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
                jwtIssuers, guard, wot, heldThingsMemory);
    }

    public TwinServerConfig withPreAuthenticatedHeader(final boolean enabled) {
        return new TwinServerConfig(host, port, dataDirectory, users, enabled, webSocketBufferSize, jwtIssuers, guard, wot, heldThingsMemory);
    }

    public TwinServerConfig withWebSocketBufferSize(final int messages) {
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled, messages,
                jwtIssuers, guard, wot, heldThingsMemory);
    }

    /** Accepts bearer tokens of {@code issuer} as well. */
    public TwinServerConfig withJwtIssuer(final JwtIssuer issuer) {
        final List<JwtIssuer> copy = new ArrayList<>(jwtIssuers);
        copy.add(Objects.requireNonNull(issuer, "issuer"));
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled,
                webSocketBufferSize, copy, guard, wot, heldThingsMemory);
    }

    /**
     * The desired-write guard's configuration instead of the class path's, e.g.
     * {@code GuardConfig.fromConfig(ConfigFactory.parseFile(file).getConfig("twinloop.guard").resolve())}.
     */
    public TwinServerConfig withGuard(final GuardConfig newGuard) {
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled,
                webSocketBufferSize, jwtIssuers, Optional.of(Objects.requireNonNull(newGuard, "guard")), wot,
                heldThingsMemory);
    }

    /** The WoT Thing Model validation settings and the folder of models to serve. */
    public TwinServerConfig withWot(final WotConfig newWot) {
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled,
                webSocketBufferSize, jwtIssuers, guard, Objects.requireNonNull(newWot, "wot"),
                heldThingsMemory);
    }

    /** The heap the recently written things may take as Ditto objects (see {@link #heldThingsMemory}). */
    public TwinServerConfig withHeldThingsMemory(final long bytes) {
        return new TwinServerConfig(host, port, dataDirectory, users, preAuthenticatedHeaderEnabled,
                webSocketBufferSize, jwtIssuers, guard, wot, bytes);
    }

    @Override
    public String toString() {
        // never print passwords
        return "TwinServerConfig[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory +
                ", users=" + users.keySet() + ", preAuthenticatedHeaderEnabled=" + preAuthenticatedHeaderEnabled +
                ", webSocketBufferSize=" + webSocketBufferSize + ", jwtIssuers="
                + jwtIssuers.stream().map(JwtIssuer::issuer).toList() + ", guard="
                + guard.map(g -> "enabled=" + g.enabled() + " agents=" + g.agentSubjects().keySet())
                        .orElse("from class path") + ", wot=" + wot + ", heldThingsMemory=" + heldThingsMemory + "]";
    }
}
