package io.twinloop.twin.server;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.twin.server.http.ApiRouter;
import io.twinloop.twin.server.http.Authenticator;
import io.twinloop.twin.server.http.DesiredWriteCheck;
import io.twinloop.twin.server.wot.ModelFiles;
import io.twinloop.twin.server.wot.ThingModelValidation;
import io.twinloop.twin.server.http.ThingAccess;
import io.twinloop.twin.server.http.ThingsApi;
import io.twinloop.twin.server.http.ThingsEndpoint;
import io.twinloop.twin.server.policy.PoliciesEndpoint;
import io.twinloop.twin.server.policy.PolicyStore;
import io.twinloop.twin.server.search.SearchEndpoint;
import io.twinloop.twin.server.search.ThingSearch;
import io.twinloop.twin.server.store.ThingStore;
import io.twinloop.twin.server.ws.EventPublisher;
import io.twinloop.twin.server.ws.WebSocketEndpoint;

/**
 * The embedded twin server: a development and single-machine stand-in for Eclipse Ditto that serves the things part
 * of Ditto's HTTP API v2 from a durable local store. Each instance owns its ActorSystem and data directory.
 */
public final class TwinServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final ActorSystem system;
    private final ServerBinding binding;
    private final ThingStore store;
    private final PolicyStore policies;
    private final EventPublisher events;
    private final URI httpUri;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private TwinServer(final ActorSystem system, final ServerBinding binding, final ThingStore store,
            final PolicyStore policies, final EventPublisher events) {
        this.system = system;
        this.binding = binding;
        this.store = store;
        this.policies = policies;
        this.events = events;
        final var address = binding.localAddress();
        this.httpUri = URI.create("http://" + hostForUri(address.getAddress().getHostAddress()) + ":"
                + address.getPort());
    }

    /**
     * Opens the data directory (loading snapshot and journal) and binds the HTTP port. Completes exceptionally if
     * the data directory is corrupt (the message names file and line) or the port cannot be bound.
     */
    public static CompletableFuture<TwinServer> start(final TwinServerConfig config) {
        final long startNanos = System.nanoTime();
        final DesiredWriteCheck desiredWrites;
        try {
            // first: a broken key file or value names itself before anything starts (as it stops Ditto's things service)
            desiredWrites = DesiredWriteCheck.of(config.guard().orElseGet(GuardConfig::fromClassPath));
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // the actor system's start is mostly class loading and the data's mostly parsing: on two cores they overlap
        final CompletableFuture<ActorSystem> systemStarted = new CompletableFuture<>();
        final Thread systemStarter = new Thread(() -> {
            try {
                final ClassLoader classes = TwinServer.class.getClassLoader();
                systemStarted.complete(ActorSystem.create("twin-server-" + INSTANCES.incrementAndGet(), pekkoConfig(),
                        PekkoClassLoader.of(classes)));
            } catch (final RuntimeException | Error e) {
                systemStarted.completeExceptionally(e);
            }
        }, "twin-server-start");
        systemStarter.setDaemon(true);
        systemStarter.start();
        // the port is bound as soon as the actor system is up, while the data may still be loading: requests wait
        // for the router, which needs the data (binding is a good part of a start, it need not wait for the data)
        final CompletableFuture<ApiRouter> routerReady = new CompletableFuture<>();
        final CompletableFuture<ServerBinding> bound = systemStarted.thenCompose(system -> Http.get(system)
                .newServerAt(config.host(), config.port())
                .bind((org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>>)
                        request -> routerReady.thenCompose(router -> router.apply(request)))
                .toCompletableFuture());
        final DataDirectory data;
        try {
            data = DataDirectory.open(config.dataDirectory(), config.heldThingsMemory());
        } catch (final IOException | RuntimeException e) {
            routerReady.completeExceptionally(e);
            bound.whenComplete((binding, failure) -> systemStarted.thenAccept(system -> stopAfterFailedStart(system,
                    binding)));
            return CompletableFuture.failedFuture(e);
        }
        return systemStarted.thenCompose(system -> {
            final Wiring wiring = wire(config, system, data.store(), data.policies(), desiredWrites);
            routerReady.complete(wiring.router());
            return bound.thenApply(binding -> new TwinServer(system, binding, data.store(), data.policies(),
                            wiring.events()))
                    .whenComplete((server, failure) -> {
                        if (failure != null) {
                            stopAfterFailedStart(system, null);
                        }
                    });
        }).whenComplete((server, failure) -> {
            if (failure != null) {
                routerReady.completeExceptionally(failure);
                data.close();
            } else {
                LOG.info("Twin server listening on {} with data in {} ({} things, {} policies), started in {} ms "
                        + "(data loaded in {} ms)", server.httpUri, config.dataDirectory(), data.store().size(),
                        data.policies().size(), (System.nanoTime() - startNanos) / 1_000_000, data.loadMillis());
            }
        });
    }

    private static void stopAfterFailedStart(final ActorSystem system, final ServerBinding binding) {
        if (binding != null) {
            binding.unbind();
        }
        system.terminate();
    }

    /** What serves the API, and the publisher of the store's changes to the WebSocket sessions. */
    private record Wiring(ApiRouter router, EventPublisher events) {}

    private static Wiring wire(final TwinServerConfig config, final ActorSystem system, final ThingStore store,
            final PolicyStore policies, final DesiredWriteCheck desiredWrites) {
        final Materializer materializer = Materializer.createMaterializer(system);
        final ThingAccess access = new ThingAccess(policies);
        final EventPublisher events = new EventPublisher(access::readableThing);
        store.addListener(events);
        final ThingsApi api = new ThingsApi(new ThingsEndpoint(store, access, policies, desiredWrites,
                ThingModelValidation.of(config.wot())));
        return new Wiring(new ApiRouter(
                new Authenticator(config.users(), config.preAuthenticatedHeaderEnabled(), config.jwtIssuers()),
                api,
                new WebSocketEndpoint(events, api, materializer, config.webSocketBufferSize()),
                // in parallel: each thing is inflated and cut independently, and order is restored by the sort
                new SearchEndpoint(new ThingSearch((subject, fields) -> store.scan().parallel()
                        .flatMap(thing -> access.searchCandidate(thing, fields, subject).stream())), materializer),
                new PoliciesEndpoint(policies),
                new ModelFiles(config.wot().modelsDirectory()),
                materializer), events);
    }

    private static Config pekkoConfig() {
        return ConfigFactory.parseResources(TwinServer.class.getClassLoader(), "twinloop-twin-server.conf")
                .withFallback(ConfigFactory.load(TwinServer.class.getClassLoader()));
    }

    private static String hostForUri(final String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Base URI of the HTTP API, e.g. {@code http://127.0.0.1:54321}; the API is under {@code /api/2}. */
    public URI httpUri() {
        return httpUri;
    }

    /**
     * Closes the {@code /ws/2} sessions (normal close), stops accepting connections, lets running requests finish
     * (up to a few seconds), writes a snapshot and terminates the ActorSystem. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (closed) {
            if (closed.isDone()) {
                return;
            }
            // first, so that clients see a normal close rather than a connection cut by the termination
            events.closeAll(java.time.Duration.ofSeconds(2));
            try {
                binding.terminate(DRAIN_TIMEOUT).toCompletableFuture()
                        .get(DRAIN_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            } catch (final Exception e) {
                LOG.warn("Unbinding {} did not finish cleanly", httpUri, e);
            }
            store.close();
            policies.close();
            try {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (final Exception e) {
                LOG.warn("ActorSystem {} did not terminate in time", system.name(), e);
            }
            closed.complete(null);
        }
    }
}
