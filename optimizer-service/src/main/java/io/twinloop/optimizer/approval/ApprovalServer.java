package io.twinloop.optimizer.approval;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.typesafe.config.ConfigFactory;

import io.twinloop.optimizer.service.OptimizerService;

/**
 * Serves the approvals API ({@link ApprovalRoutes}) of one optimizer service on Pekko HTTP, in an actor system of
 * its own, so that the API's lifetime and the decision stream's are independent.
 */
public final class ApprovalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalServer.class);

    private final ActorSystem system;
    private final ServerBinding binding;
    private final URI uri;

    private ApprovalServer(final ActorSystem system, final ServerBinding binding, final String host) {
        this.system = system;
        this.binding = binding;
        final InetSocketAddress address = binding.localAddress();
        this.uri = URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + address.getPort());
    }

    /** Binds the port; completes exceptionally (naming host and port) if it cannot. */
    public static CompletableFuture<ApprovalServer> start(final ApprovalApiConfig config,
            final OptimizerService optimizer) {
        final ActorSystem system = ActorSystem.create("twinloop-approvals", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.stdout-loglevel = OFF\n"
                + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off").withFallback(ConfigFactory.load()));
        return Http.get(system).newServerAt(config.host(), config.port())
                .bind(new ApprovalRoutes(config, optimizer).route())
                .toCompletableFuture()
                .handle((binding, failure) -> {
                    if (failure != null) {
                        system.terminate();
                        throw new IllegalStateException("approvals API cannot listen on " + config.host() + ":"
                                + config.port() + ": " + failure.getMessage(), failure);
                    }
                    final ApprovalServer server = new ApprovalServer(system, binding, config.host());
                    LOG.info("approvals API listening on {}/api/optimizer for operators {}", server.uri,
                            config.operators().keySet());
                    return server;
                });
    }

    /** e.g. {@code http://127.0.0.1:8081}; the API is under {@code /api/optimizer}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        try {
            binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            LOG.warn("approvals API did not stop cleanly: {}", e.toString());
        }
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            LOG.warn("approvals API actor system did not terminate: {}", e.toString());
        }
    }
}
