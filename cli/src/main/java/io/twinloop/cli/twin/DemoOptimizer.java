package io.twinloop.cli.twin;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.ApprovalServer;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.maintenance.MaintenanceAgent;
import io.twinloop.optimizer.service.AgentLineup;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;

/**
 * The demo's optimizer: the optimizer service working on the twins as its own least-privilege user (the policies'
 * OPTIMIZER subject: it reads the things and writes desired properties only), with the speed agent and the
 * surrogate model, and its approvals API for the demo's operators.
 *
 * @param service the running optimizer (its projection and statistics feed the status line)
 * @param api the approvals API
 */
record DemoOptimizer(OptimizerService service, ApprovalServer api, DittoClient client) implements AutoCloseable {

    /** The flat price without a price file (--prices). */
    static final double PRICE_EUR_PER_KWH = 0.25;

    /**
     * @param twinServer the twin server's base URI
     * @param optimizerUser the twin server user the optimizer acts as (NAME, PASSWORD)
     */
    static DemoOptimizer start(final OptimizerConfig config, final URI twinServer, final String[] optimizerUser,
            final ApprovalApiConfig approvals, final Optional<PriceSeries> prices) throws Exception {
        final DittoClient client = DittoClient.builder(twinServer).basicAuth(optimizerUser[0], optimizerUser[1])
                .build();
        OptimizerService service = null;
        try {
            service = OptimizerService.start(config, client, goal -> AgentLineup.standard(goal, prices,
                    PRICE_EUR_PER_KWH, SurrogateModel.Settings.defaults(), MaintenanceAgent.Settings.defaults(),
                    config.sequencing(), config.quality()))
                    .get(60, TimeUnit.SECONDS);
            final ApprovalServer api = ApprovalServer.start(approvals, service).get(60, TimeUnit.SECONDS);
            return new DemoOptimizer(service, api, client);
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
