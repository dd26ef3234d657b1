package io.twinloop.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.audit.Verification;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.approval.Proposal;
import io.twinloop.optimizer.maintenance.MaintenanceAgent;
import io.twinloop.optimizer.maintenance.MaintenanceRiskModel;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer closes the maintenance work orders it opened: once the twin shows the requested maintenance taken
 * up, it withdraws its desired {@code MaintenanceRequest} (signed, with the approval of the operator who approved
 * the request, as the guard wants for that high-impact path), records the withdrawal in its log, and plans the
 * machine again afterwards. Against the embedded twin server with the desired-write guard, over real sockets.
 */
class MaintenanceWorkOrderTest {

    private static final ThingId CNC = TwinLine.CNC;
    private static final String OPERATOR = "alice";

    @TempDir
    Path tmp;

    private TwinLine line;
    private OptimizerService service;

    @Test
    void theRequestIsWithdrawnOnceTheTwinShowsTheMaintenanceAndTheMachineIsPlannedAgain() throws Exception {
        final OptimizerConfig config = TwinLine.optimizerConfig(tmp.resolve("optimizer"), Duration.ofHours(24));
        line = TwinLine.startGuarded(tmp.resolve("twins"), config.keyDirectory(), List.of(OPERATOR),
                "/features/*/desiredProperties/MaintenanceRequest");
        final DittoClient owner = line.owner();
        service = OptimizerService.start(config, line.optimizer(), goal -> {
            final MaintenanceAgent agent = new MaintenanceAgent(MaintenanceAgent.Settings.defaults());
            return new AgentLineup(List.of(agent), new MaintenanceRiskModel(new SurrogateModel(
                    SurrogateModel.Settings.defaults(), hour -> 0.25), agent, SurrogateModel.Settings.defaults()));
        }).get(60, TimeUnit.SECONDS);

        // the CNC fails: its repair is proposed, a person approves it, the request is written
        operational(owner, "{\"State\":\"FAILED\",\"PowerDraw\":0.0}");
        final Proposal first = awaitRepairProposal();
        assertThat(service.approve(first.id(), OPERATOR).get(60, TimeUnit.SECONDS).status())
                .isEqualTo(Proposal.Status.DISPATCHED);
        TwinLine.await("the maintenance request is desired", () -> desiredRequest(owner).equals(Optional.of(true)));

        // the connector shows the plant taking it up: the optimizer withdraws its request
        operational(owner, "{\"State\":\"MAINTENANCE\",\"MaintenanceRequest\":true}");
        TwinLine.await("the optimizer withdraws the maintenance request", () -> desiredRequest(owner).isEmpty());
        TwinLine.await("nothing under way", service::settled);
        assertThat(service.statistics().proposalsOpen()).isZero();

        // the repair is over and the CNC fails again: it is planned again (before, the request stayed desired and
        // the agent left the machine alone for good)
        operational(owner, "{\"State\":\"RUNNING\",\"MaintenanceRequest\":false,\"PowerDraw\":10.0}");
        operational(owner, "{\"State\":\"FAILED\",\"PowerDraw\":0.0}");
        final Proposal second = awaitRepairProposal();
        assertThat(second.id()).isNotEqualTo(first.id());

        service.close();
        service = null;
        final Verification log = new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory()))
                .verify(config.decisionLog());
        assertThat(log.findings()).isEmpty();
        // the withdrawal is recorded under the repair's decision, written with the approver's approval
        assertThat(Files.readAllLines(config.decisionLog())).filteredOn(l -> l.contains("\"withdrawal\""))
                .singleElement().satisfies(l -> assertThat(l).contains(first.id(), "in maintenance (state "
                        + "MAINTENANCE)", "\"status\":\"WRITTEN\"", "approved by " + OPERATOR + ":"));
    }

    private Proposal awaitRepairProposal() throws InterruptedException {
        TwinLine.await("the repair of the CNC is proposed", () -> service.proposalStore().all().stream()
                .anyMatch(p -> p.status() == Proposal.Status.OPEN));
        return service.proposalStore().all().stream().filter(p -> p.status() == Proposal.Status.OPEN).findFirst()
                .filter(p -> p.decision().chosen().candidate().summary().equals("repair " + CNC + " (failed)"))
                .orElseThrow(() -> new AssertionError("not the CNC's repair: " + service.proposalStore().all()));
    }

    private static void operational(final DittoClient owner, final String properties) {
        owner.merge(TwinPath.thing(CNC), JsonObject.of("{\"features\":{\"OperationalData\":{\"properties\":"
                + properties + "}}}"), RequestOptions.none()).join();
    }

    private static Optional<Boolean> desiredRequest(final DittoClient owner) {
        return TwinLine.desiredOperationalValue(owner, CNC, "MaintenanceRequest").filter(JsonValue::isBoolean)
                .map(JsonValue::asBoolean);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (line != null) {
            line.close();
        }
    }
}
