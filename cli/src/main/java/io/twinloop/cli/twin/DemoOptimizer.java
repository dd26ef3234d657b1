package io.twinloop.cli.twin;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.twinloop.cli.optimizer.OptimizerRuntime;
import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.projection.TwinFeed;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.twin.client.DittoClient;

/**
 * The demo's optimizer: the shared wiring ({@link OptimizerRuntime}) on the embedded twin server, as its own
 * least-privilege user (the policies' OPTIMIZER subject: it reads the things and writes desired properties only),
 * following every twin over the WebSocket.
 */
final class DemoOptimizer {

    private DemoOptimizer() {
    }

    /**
     * @param twinServer the twin server's base URI
     * @param optimizerUser the twin server user the optimizer acts as (NAME, PASSWORD)
     */
    static OptimizerRuntime start(final OptimizerConfig config, final URI twinServer, final String[] optimizerUser,
            final ApprovalApiConfig approvals, final Optional<PriceSeries> prices) throws Exception {
        return OptimizerRuntime.start(config, DittoClient.builder(twinServer).basicAuth(optimizerUser[0],
                optimizerUser[1]).build(), approvals, prices, TwinFeed.webSocket(), Duration.ofSeconds(60));
    }
}
