package io.twinloop.optimizer.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.ApprovalServer;
import io.twinloop.optimizer.approval.Operator;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.projection.DesiredOrigin;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * A person's desired value holds against the agents, as the demo runs it: the embedded twin server with the
 * desired-write guard, the optimizer service as its least-privilege user {@code optimizer} (subject
 * {@code nginx:optimizer}), its approvals API, and a person (user {@code ditto}, subject {@code nginx:ditto}) setting
 * a desired speed with an HTTP PUT as an operator would with curl. Energy is all that counts, so the agent wants both
 * machines at 70 %; speed steps are routine (no approval needed) unless they override a person.
 */
class ManualHoldTest {

    private static final ThingId PRESS = TwinLine.PRESS;
    private static final ThingId CNC = TwinLine.CNC;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEED_PATH = "features/OperationalData/desiredProperties/Speed";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private TwinLine line;
    private OptimizerConfig config;
    private OptimizerService service;
    private ApprovalServer api;

    @Test
    void aPersonsSpeedIsNotOverwrittenAndOnlyAnApprovedOverrideIsWrittenAndLogged() throws Exception {
        start(HoldSettings.defaults());
        assertThat(service.manualHolds()).as("the agent's own writes start no hold").isEmpty();
        assertThat(origin(PRESS).writer()).contains("nginx:optimizer");

        personSets(PRESS, "110");
        nudge(6);
        assertThat(line.desiredSpeed(PRESS)).as("the person's setting holds through six decisions").contains(110.0);

        final JsonNode holds = JSON.readTree(send("GET", api.uri() + "/api/optimizer/holds", "alice:s3cret", null)
                .body());
        assertThat(holds.path("holdTime").asText()).isEqualTo("PT8H");
        assertThat(holds.path("holds")).singleElement().satisfies(h -> {
            assertThat(h.path("thingId").asText()).isEqualTo(PRESS.toString());
            assertThat(h.path("value").asDouble()).isEqualTo(110.0);
            assertThat(h.path("heldBy").asText()).isEqualTo("nginx:ditto");
        });

        final JsonNode open = openProposals();
        assertThat(open.path("open").asInt()).as("one question for one held setting").isEqualTo(1);
        final JsonNode proposal = open.path("proposals").get(0);
        final JsonNode held = proposal.path("held").get(0);
        assertThat(held.path("thingId").asText()).isEqualTo(PRESS.toString());
        assertThat(held.path("path").asText()).isEqualTo(SPEED_PATH);
        assertThat(held.path("heldBy").asText()).isEqualTo("nginx:ditto");
        assertThat(held.path("personValue").isNumber()).as("a number stays a number").isTrue();
        assertThat(held.path("personValue").asDouble()).isEqualTo(110.0);
        assertThat(held.path("agentValue").asDouble()).isEqualTo(70.0);
        assertThat(held.path("agent").asText()).isEqualTo("energy");
        assertThat(Instant.parse(held.path("until").asText()))
                .isEqualTo(Instant.parse(held.path("since").asText()).plus(Duration.ofHours(8)));
        assertThat(proposal.path("impact").path("class").asText()).isEqualTo("HIGH");
        assertThat(proposal.path("impact").path("reasons").toString()).contains("overrides a person's setting")
                .contains("nginx:ditto").contains("energy asks for 70.0");
        assertThat(proposal.path("predictedChange").path("energyKwh").asDouble()).as("the expected effect")
                .isNegative();
        final String id = proposal.path("id").asText();

        final HttpResponse<String> approved = send("POST", api.uri() + "/api/optimizer/proposals/" + id + "/approve",
                "alice:s3cret", "");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).path("status").asText()).isEqualTo("DISPATCHED");
        assertThat(line.desiredSpeed(PRESS)).contains(70.0);
        TwinLine.await("the approved override is the optimizer's value: the hold has ended",
                () -> service.manualHolds().isEmpty());

        final List<JsonNode> entries = entries(id);
        assertThat(entries.stream().map(e -> e.path("kind").asText()).toList())
                .containsExactly("decision", "approval", "dispatch");
        final JsonNode decision = entries.get(0).path("body");
        assertThat(decision.path("disposition").asText()).isEqualTo("PROPOSE");
        assertThat(decision.path("held").get(0).path("heldBy").asText()).as("a held decision names the person")
                .isEqualTo("nginx:ditto");
        assertThat(decision.path("held").get(0).path("personValue").asDouble()).isEqualTo(110.0);
        assertThat(entries.get(1).path("body").path("approver").asText()).isEqualTo("alice");
        assertThat(entries.get(2).path("body").path("outcomes").get(0).path("status").asText()).isEqualTo("WRITTEN");
        assertThat(entries.get(2).path("body").path("outcomes").get(0).path("detail").asText())
                .contains("approved by alice");
    }

    @Test
    void afterTheHoldTimeTheAgentActsAgainAndTheOpenOverrideIsWithdrawn() throws Exception {
        start(HoldSettings.defaults().withHoldTime(Duration.ofSeconds(3)));
        personSets(PRESS, "110");
        TwinLine.await("an override is proposed", () -> service.statistics().proposalsOpen() == 1);
        final ManualHold hold = service.manualHolds().get(0);
        assertThat(hold.writer()).isEqualTo("nginx:ditto");

        nudgeUntil("the agent writes 70 % again once the hold has ended",
                () -> line.desiredSpeed(PRESS).equals(Optional.of(70.0)));

        final JsonNode withdrawn = JSON.readTree(send("GET", api.uri() + "/api/optimizer/proposals", "alice:s3cret",
                null).body()).path("proposals").get(0);
        assertThat(withdrawn.path("status").asText()).isEqualTo("NOT_DISPATCHED");
        assertThat(withdrawn.path("decidedBy").asText()).isEqualTo("optimizer");
        assertThat(withdrawn.path("note").asText()).contains("no longer holds");
        assertThat(kinds(withdrawn.path("id").asText())).containsExactly("decision", "withdrawal");
        // the write that ended it was decided after the hold, without approval
        final JsonNode write = decisions().stream()
                .filter(e -> e.path("body").path("disposition").asText().equals("DISPATCH"))
                .filter(e -> e.path("body").path("chosen").path("actions").toString().contains(PRESS.toString()))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(Instant.parse(write.path("time").asText())).isAfterOrEqualTo(hold.until());
        assertThat(write.path("body").has("held")).isFalse();
    }

    @Test
    void aRejectedOverrideIsNotAskedAgainAndDeletingTheValueEndsTheHold() throws Exception {
        start(HoldSettings.defaults());
        personSets(CNC, "95");
        TwinLine.await("an override is proposed", () -> service.statistics().proposalsOpen() == 1);
        final String id = openProposals().path("proposals").get(0).path("id").asText();
        assertThat(send("POST", api.uri() + "/api/optimizer/proposals/" + id + "/reject", "alice:s3cret",
                "{\"reason\":\"trial run at 95 %\"}").statusCode()).isEqualTo(200);

        nudge(6);
        assertThat(service.statistics().proposalsOpen()).as("the person said no: not asked again").isZero();
        assertThat(line.desiredSpeed(CNC)).contains(95.0);
        assertThat(service.manualHolds()).singleElement().satisfies(h -> assertThat(h.thingId().toString()).isEqualTo(CNC.toString()));

        // the person deletes the setting: the hold ends, the agent may act
        final HttpResponse<String> deleted = send("DELETE", line.twins().httpUri() + "/api/2/things/" + CNC + "/"
                + SPEED_PATH, "ditto:ditto", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        nudgeUntil("the agent asks for 70 % again", () -> line.desiredSpeed(CNC).equals(Optional.of(70.0)));
        assertThat(service.manualHolds()).isEmpty();
    }

    @Test
    void afterARestartAValueTheOptimizerDidNotWriteLastStillHolds() throws Exception {
        start(HoldSettings.defaults());
        personSets(PRESS, "110");
        TwinLine.await("the person's setting is held", () -> service.manualHolds().size() == 1);
        service.close();
        service = null;

        // no event history after a restart: the decision log says what the optimizer wrote (70 % on both)
        final Instant restarted = Instant.now();
        service = OptimizerService.start(config, line.optimizer(), List.of(SpeedSettingsAgent.defaults()),
                model()).get(60, TimeUnit.SECONDS);
        final List<ManualHold> holds = service.manualHolds();
        assertThat(holds).singleElement().satisfies(hold -> {
            assertThat(hold.thingId().toString()).isEqualTo(PRESS.toString());
            assertThat(hold.heldBy()).as("not seen written").isEmpty();
            assertThat(hold.since()).isAfterOrEqualTo(restarted);
        });
        assertThat(origin(CNC).writer()).as("read, not seen written").isEmpty();
        nudge(4);
        assertThat(line.desiredSpeed(PRESS)).contains(110.0);
        assertThat(line.desiredSpeed(CNC)).contains(70.0);
        assertThat(service.statistics().proposalsOpen()).isEqualTo(1);
    }

    private void start(final HoldSettings holds) throws Exception {
        final OptimizerConfig defaults = OptimizerConfig.defaults(tmp.resolve("optimizer"));
        line = TwinLine.startGuarded(tmp.resolve("twins"), defaults.keyDirectory(), List.of("alice"),
                "/features/*/desiredProperties/MaintenanceRequest");
        config = new OptimizerConfig(new TwinScope(List.of("line"), Optional.empty()),
                new GoalLayer(new Weights(0, 1, 0), 0, Map.of("Speed", new Bound(60, 130)), Duration.ofHours(1)),
                new ImpactPolicy(500, 100, Set.of("MaintenanceRequest", "Mode")), false, defaults.minImprovement(),
                Duration.ofMillis(50), defaults.ackTimeout(), defaults.decisionLog(), defaults.keyDirectory(),
                defaults.agentName()).withHolds(holds);
        service = OptimizerService.start(config, line.optimizer(), List.of(SpeedSettingsAgent.defaults()), model())
                .get(60, TimeUnit.SECONDS);
        api = ApprovalServer.start(ApprovalApiConfig.of(0, List.of(
                new Operator("alice", "s3cret", Operator.Role.OPERATOR))), service).get(60, TimeUnit.SECONDS);
        TwinLine.await("both machines are asked to run at 70 % (routine)", () ->
                line.desiredSpeed(PRESS).equals(Optional.of(70.0)) && line.desiredSpeed(CNC).equals(Optional.of(70.0))
                && service.settled());
    }

    private static SurrogateModel model() {
        return new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25);
    }

    /** A person sets a desired speed as an operator does: an HTTP PUT as user ditto (subject nginx:ditto). */
    private void personSets(final ThingId machine, final String speed) throws Exception {
        final long decided = service.statistics().decisions();
        final HttpResponse<String> response = send("PUT", line.twins().httpUri() + "/api/2/things/" + machine + "/"
                + SPEED_PATH, "ditto:ditto", speed);
        assertThat(response.statusCode()).as(response.body()).isIn(201, 204);
        TwinLine.await("the service has decided on the person's setting", () ->
                service.statistics().decisions() > decided && service.settled());
        assertThat(line.desiredSpeed(machine)).as("the person's setting, decided on").contains(Double.valueOf(speed));
    }

    /** The plant moves on (the press's power reading changes) {@code times} times, each decided on. */
    private void nudge(final int times) throws Exception {
        for (int i = 0; i < times; i++) {
            nudgeOnce(i);
        }
    }

    private void nudgeUntil(final String what, final java.util.function.BooleanSupplier condition)
            throws Exception {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (int i = 0; !condition.getAsBoolean(); i++) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            nudgeOnce(i);
            Thread.sleep(200);
        }
    }

    private void nudgeOnce(final int i) throws Exception {
        final long decided = service.statistics().decisions();
        final HttpResponse<String> response = send("PUT", line.twins().httpUri() + "/api/2/things/" + PRESS
                + "/features/OperationalData/properties/PowerDraw", "ditto:ditto", String.valueOf(20.0 + i % 2));
        assertThat(response.statusCode()).as(response.body()).isIn(201, 204);
        TwinLine.await("a decision on the plant as it is now", () -> service.statistics().decisions() > decided
                && service.settled());
    }

    private DesiredOrigin origin(final ThingId machine) {
        return service.projection().desiredOrigins().stream()
                .filter(o -> o.thingId().equals(machine) && o.path().equals(SPEED_PATH)).findFirst()
                .orElseThrow(() -> new AssertionError("no desired speed held for " + machine));
    }

    private JsonNode openProposals() throws Exception {
        final HttpResponse<String> response = send("GET", api.uri() + "/api/optimizer/proposals?status=open",
                "alice:s3cret", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The log's entries for one decision, after checking the whole chain. */
    private List<JsonNode> entries(final String decisionId) throws Exception {
        assertThat(new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory())).verify(config.decisionLog())
                .findings()).isEmpty();
        return all().stream().filter(e -> e.path("decisionId").asText().equals(decisionId)).toList();
    }

    private List<String> kinds(final String decisionId) throws Exception {
        return entries(decisionId).stream().map(e -> e.path("kind").asText()).toList();
    }

    private List<JsonNode> decisions() throws Exception {
        return all().stream().filter(e -> e.path("kind").asText().equals("decision")).toList();
    }

    private List<JsonNode> all() throws Exception {
        final List<JsonNode> entries = new ArrayList<>();
        for (final String line : Files.readAllLines(config.decisionLog())) {
            entries.add(JSON.readTree(line).path("entry"));
        }
        return entries;
    }

    private HttpResponse<String> send(final String method, final String uri, final String credentials,
            final String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (service != null) {
            service.close();
        }
        if (line != null) {
            line.close();
        }
    }
}
