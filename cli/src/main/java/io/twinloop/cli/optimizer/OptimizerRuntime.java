package io.twinloop.cli.optimizer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.ApprovalServer;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.maintenance.MaintenanceAgent;
import io.twinloop.optimizer.projection.TwinFeed;
import io.twinloop.optimizer.service.AgentLineup;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;

/**
 * The optimizer as {@code twinloop demo} and {@code twinloop optimizer} run it: the service with the standard agents
 * (module optimizer-service, {@link AgentLineup#standard}) working on the twins as the client's user, and its
 * approvals API. One wiring for both commands, so the service against a real Ditto decides as the demo does.
 *
 * @param service the running optimizer (its projection and statistics feed status lines)
 * @param api the approvals API
 * @param client the twin connection the service works through (closed with it)
 */
public record OptimizerRuntime(OptimizerService service, ApprovalServer api, DittoClient client)
        implements AutoCloseable {

    /** The flat price without a price file (--prices). */
    public static final double PRICE_EUR_PER_KWH = 0.25;

    /**
     * The decisions' defaults ({@link OptimizerConfig#defaults}: the demo plant's line and estimates), with the
     * Speed bound narrowed to what all three demo machines accept (their AIDs: Press01 60-120, CNC01 50-130,
     * Robot01 50-140), so that it never asks for a speed a machine rejects.
     *
     * @param data the optimizer's folder: decision log and keys
     */
    public static OptimizerConfig config(final Path data, final boolean recommendOnly) {
        final OptimizerConfig defaults = OptimizerConfig.defaults(data);
        final GoalLayer goal = defaults.goal();
        return defaults.withGoal(new GoalLayer(goal.weights(), goal.throughputFloorPerHour(),
                Map.of("Speed", new Bound(60, 120)), goal.horizon())).withRecommendOnly(recommendOnly);
    }

    /**
     * Starts the service on {@code feed} and then its API; on any failure everything started is closed again
     * (the client included).
     *
     * @param client the twin connection, owned from here on
     * @param timeout how long the start may take (the projection built, the API bound)
     */
    public static OptimizerRuntime start(final OptimizerConfig config, final DittoClient client,
            final ApprovalApiConfig approvals, final Optional<PriceSeries> prices, final TwinFeed feed,
            final Duration timeout) throws Exception {
        final CompletableFuture<OptimizerService> starting;
        try {
            starting = OptimizerService.start(config, client, goal -> AgentLineup.standard(goal, prices,
                    PRICE_EUR_PER_KWH, SurrogateModel.Settings.defaults(), MaintenanceAgent.Settings.defaults(),
                    config.sequencing(), config.quality()), java.time.Clock.systemUTC(), feed);
        } catch (final RuntimeException e) {
            client.close();
            throw e;
        }
        OptimizerService service = null;
        try {
            service = starting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final ApprovalServer api = ApprovalServer.start(approvals, service).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return new OptimizerRuntime(service, api, client);
        } catch (final TimeoutException e) {
            // a start still under way must not leave a consumer or subscription behind
            starting.thenAccept(OptimizerService::close);
            if (service != null) {
                service.close();
            }
            client.close();
            throw new TimeoutException("the optimizer did not start within " + timeout.toSeconds() + " s "
                    + (service == null ? "(the twins were not read: is Ditto reachable, and for --events kafka the "
                    + "Kafka broker?)" : "(the approvals API did not bind)"));
        } catch (final Exception e) {
            if (service != null) {
                service.close();
            }
            client.close();
            throw e;
        }
    }

    /** The API first (no verdicts while stopping), then the service, then its twin connection. */
    @Override
    public void close() {
        api.close();
        service.close();
        client.close();
    }
}
