package io.twinloop.optimizer.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.audit.Verification;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;

/**
 * The approvals API over real sockets, on a proposal the real optimizer service made against the embedded twin
 * server (as its least-privilege user): who may see and decide, what an approval writes (re-checked, with the
 * current revision), what a rejection records, and the errors.
 */
class ApprovalApiTest {

    private static final ThingId PRESS = TwinLine.PRESS;
    private static final ThingId CNC = TwinLine.CNC;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TwinLine line;
    private DittoClient owner;
    private DittoClient optimizerClient;
    private OptimizerService service;
    private ApprovalServer api;
    private OptimizerConfig config;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        // the twins' guard: the optimizer signs, and a Speed write is high impact there too, so it needs alice's
        // approval signature (the service holds her key: OperatorKeys)
        line = TwinLine.startGuarded(tmp.resolve("twins"), OptimizerConfig.defaults(tmp.resolve("optimizer"))
                .keyDirectory(), List.of("alice"), "/features/*/desiredProperties/Speed");
        owner = line.owner();
        optimizerClient = line.optimizer();
        // energy is all that counts: slowing down to 70 % wins, and a 30-point step is high impact (threshold 20)
        final OptimizerConfig defaults = OptimizerConfig.defaults(tmp.resolve("optimizer"));
        config = new OptimizerConfig(new TwinScope(List.of("line"), Optional.empty()),
                new GoalLayer(new Weights(0, 1, 0), 0, Map.of("Speed", new Bound(60, 130)), Duration.ofHours(1)),
                ImpactPolicy.defaults(), false, defaults.minImprovement(), Duration.ofMillis(50),
                defaults.ackTimeout(), defaults.decisionLog(), defaults.keyDirectory(), defaults.agentName());
        service = OptimizerService.start(config, optimizerClient, List.of(SpeedSettingsAgent.defaults()),
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)).get(60, TimeUnit.SECONDS);
        api = ApprovalServer.start(ApprovalApiConfig.of(0, List.of(
                new Operator("alice", "s3cret", Operator.Role.OPERATOR),
                new Operator("victor", "v1ew", Operator.Role.VIEWER))), service).get(60, TimeUnit.SECONDS);
        await("a proposal waits", () -> service.statistics().proposalsOpen() > 0);
    }

    @Test
    void onlyAuthenticatedOperatorsSeeAndDecideProposals() throws Exception {
        final HttpResponse<String> anonymous = send("GET", "/api/optimizer/proposals", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
        assertThat(json(anonymous).path("error").asText()).isEqualTo("authentication.failed");
        assertThat(send("GET", "/api/optimizer/proposals", "alice:wrong", null).statusCode()).isEqualTo(401);

        final HttpResponse<String> list = send("GET", "/api/optimizer/proposals", "alice:s3cret", null);
        assertThat(list.statusCode()).isEqualTo(200);
        final JsonNode proposal = json(list).path("proposals").get(0);
        assertThat(proposal.path("id").asText()).isEqualTo(service.proposals().get(0).id());
        assertThat(proposal.path("status").asText()).isEqualTo("OPEN");
        assertThat(proposal.path("chosen").path("summary").asText()).isEqualTo("line:Press01 speed 100 % -> 70 %");
        assertThat(proposal.path("chosen").path("actions").get(0).path("value").asDouble()).isEqualTo(70.0);
        assertThat(proposal.path("chosen").path("reasoning").asText()).contains("drawing 20.0 kW");
        assertThat(proposal.path("predictedChange").path("energyKwh").asDouble()).isNegative();
        assertThat(proposal.path("noChange").path("summary").asText()).isEqualTo("no change");
        assertThat(proposal.path("impact").path("class").asText()).isEqualTo("HIGH");
        assertThat(proposal.path("impact").path("reasons").get(0).asText()).contains("speed step of 30 points");
        assertThat(proposal.path("paretoFront").size()).isPositive();

        // a viewer reads, but may not decide
        final String id = proposal.path("id").asText();
        assertThat(send("GET", "/api/optimizer/proposals/" + id, "victor:v1ew", null).statusCode()).isEqualTo(200);
        final HttpResponse<String> forbidden = send("POST", "/api/optimizer/proposals/" + id + "/approve",
                "victor:v1ew", "");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).path("message").asText()).contains("victor").contains("VIEWER");
        assertThat(desiredSpeed(PRESS)).isEmpty();

        final JsonNode status = json(send("GET", "/api/optimizer/status", "victor:v1ew", null));
        assertThat(status.path("mode").asText()).isEqualTo("ACTING");
        assertThat(status.path("proposalsOpen").asInt()).isEqualTo(1);
        assertThat(status.path("twins").asInt()).isEqualTo(2);
    }

    @Test
    void anApprovedProposalIsRecheckedAndWrittenWithTheCurrentRevision() throws Exception {
        final String id = service.proposals().get(0).id();
        final long proposedOn = service.proposals().get(0).revisionsRead().get(PRESS);
        // the twin moves on while the proposal waits: the approval must not write on the old revision, nor give up
        owner.putFeatureProperty(PRESS, "OperationalData", JsonPointer.of("Temperature"), JsonValue.of(41.0),
                RequestOptions.none()).join();
        await("the optimizer sees the newer revision",
                () -> service.projection().snapshot().machine(PRESS).orElseThrow().revision() > proposedOn);

        final HttpResponse<String> approved = send("POST", "/api/optimizer/proposals/" + id + "/approve",
                "alice:s3cret", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        final JsonNode result = json(approved);
        assertThat(result.path("status").asText()).isEqualTo("DISPATCHED");
        assertThat(result.path("decidedBy").asText()).isEqualTo("alice");
        assertThat(result.path("outcomes").get(0).path("status").asText()).isEqualTo("WRITTEN");
        assertThat(result.path("outcomes").get(0).path("basedOnRevision").asLong()).isGreaterThan(proposedOn);
        assertThat(result.path("outcomes").get(0).path("detail").asText())
                .contains("for decision " + id + ", approved by alice:");
        assertThat(desiredSpeed(PRESS)).contains(70.0);

        final HttpResponse<String> again = send("POST", "/api/optimizer/proposals/" + id + "/approve",
                "alice:s3cret", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("message").asText()).contains(id).contains("DISPATCHED").contains("alice");
        assertThat(send("POST", "/api/optimizer/proposals/" + id + "/reject", "alice:s3cret",
                "{\"reason\":\"too late\"}").statusCode()).isEqualTo(409);

        // a routine decision may write the twin while the approval dispatches: then a recheck and a second dispatch
        assertThat(kindsOf(id)).startsWith("decision", "approval").endsWith("dispatch").doesNotContain("rejection");
        final JsonNode approval = entries(id).get(1).path("body");
        assertThat(approval.path("approver").asText()).isEqualTo("alice");
        assertThat(approval.path("recheck").path("worthDispatching").asBoolean()).isTrue();
    }

    @Test
    void aRejectedProposalWritesNothingAndIsRecordedWithItsReason() throws Exception {
        final String id = service.proposals().get(0).id();
        assertThat(send("POST", "/api/optimizer/proposals/" + id + "/reject", "alice:s3cret", "{}").statusCode())
                .isEqualTo(400); // no reason given

        final HttpResponse<String> rejected = send("POST", "/api/optimizer/proposals/" + id + "/reject",
                "alice:s3cret", "{\"reason\":\"the press runs a rush order today\"}");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(json(rejected).path("status").asText()).isEqualTo("REJECTED");
        assertThat(send("POST", "/api/optimizer/proposals/" + id + "/approve", "alice:s3cret", "").statusCode())
                .isEqualTo(409);
        assertThat(desiredSpeed(PRESS)).isEmpty();
        assertThat(desiredSpeed(CNC)).isEmpty();

        final HttpResponse<String> unknown = send("POST", "/api/optimizer/proposals/no-such-id/approve",
                "alice:s3cret", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).contains("no-such-id");
        assertThat(send("GET", "/api/optimizer/proposals/no-such-id", "alice:s3cret", null).statusCode())
                .isEqualTo(404);

        assertThat(kindsOf(id)).containsExactly("decision", "rejection");
        final JsonNode rejection = entries(id).get(1).path("body");
        assertThat(rejection.path("approver").asText()).isEqualTo("alice");
        assertThat(rejection.path("reason").asText()).isEqualTo("the press runs a rush order today");
    }

    @Test
    void anApprovalNoLongerWorthItUnderTheCurrentGoalWritesNothing() throws Exception {
        final String id = service.proposals().get(0).id();
        // the operator narrows the bounds at run time: 70 % is no longer allowed
        final HttpResponse<String> goal = send("PUT", "/api/optimizer/goal", "alice:s3cret",
                "{\"bounds\":{\"Speed\":{\"min\":80,\"max\":130}}}");
        assertThat(goal.statusCode()).as(goal.body()).isEqualTo(200);
        assertThat(json(goal).path("bounds").path("Speed").path("min").asDouble()).isEqualTo(80.0);
        assertThat(send("PUT", "/api/optimizer/goal", "alice:s3cret", "{\"weights\":{\"cost\":\"high\"}}")
                .body()).contains("weights.cost must be a number");

        final JsonNode result = json(send("POST", "/api/optimizer/proposals/" + id + "/approve", "alice:s3cret",
                ""));
        assertThat(result.path("status").asText()).isEqualTo("NOT_DISPATCHED");
        assertThat(result.path("note").asText()).contains("outside [80.0, 130.0]");
        // (the optimizer may meanwhile dispatch a routine step within the new bounds, 85 %, on its own)
        assertThat(desiredSpeed(PRESS)).isNotEqualTo(Optional.of(70.0));
        assertThat(kindsOf(id)).containsExactly("decision", "approval");
    }

    @Test
    void inRecommendOnlyModeDecisionsAreRecordedAndNothingIsWritten() throws Exception {
        api.close();
        service.close();
        final OptimizerConfig recommendOnly = new OptimizerConfig(config.scope(), config.goal(),
                new ImpactPolicy(1e9, 100, java.util.Set.of()), true, config.minImprovement(),
                config.decisionInterval(), config.ackTimeout(), config.decisionLog(), config.keyDirectory(),
                config.agentName());
        service = OptimizerService.start(recommendOnly, optimizerClient, List.of(SpeedSettingsAgent.defaults()),
                new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25)).get(60, TimeUnit.SECONDS);
        api = ApprovalServer.start(ApprovalApiConfig.of(0, List.of(
                new Operator("alice", "s3cret", Operator.Role.OPERATOR))), service).get(60, TimeUnit.SECONDS);
        await("a recommendation", () -> service.statistics().recommended() > 0);

        final JsonNode status = json(send("GET", "/api/optimizer/status", "alice:s3cret", null));
        assertThat(status.path("mode").asText()).isEqualTo("RECOMMEND_ONLY");
        assertThat(status.path("recommendOnly").asBoolean()).isTrue();
        assertThat(status.path("dispatched").asLong()).isZero();
        assertThat(desiredSpeed(PRESS)).isEmpty();
        assertThat(desiredSpeed(CNC)).isEmpty();
        entries("none"); // the log (continued by the second run) verifies intact
        assertThat(Files.readString(config.decisionLog())).contains("\"disposition\":\"RECOMMEND\"");
    }

    /** The log entries of one decision, after the service stopped (a live log's head may be ahead of what is read). */
    private List<JsonNode> entries(final String decisionId) throws Exception {
        if (api != null) {
            api.close();
            api = null;
        }
        if (service != null) {
            service.close();
            service = null;
        }
        final Verification verification = new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory()))
                .verify(config.decisionLog());
        assertThat(verification.findings()).isEmpty();
        final List<JsonNode> entries = new ArrayList<>();
        for (final String line : Files.readAllLines(config.decisionLog())) {
            final JsonNode entry = JSON.readTree(line).path("entry");
            if (entry.path("decisionId").asText().equals(decisionId)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private List<String> kindsOf(final String decisionId) throws Exception {
        return entries(decisionId).stream().map(e -> e.path("kind").asText()).toList();
    }

    private HttpResponse<String> send(final String method, final String path, final String credentials,
            final String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.uri() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private Optional<Double> desiredSpeed(final ThingId id) {
        return line.desiredSpeed(id);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        TwinLine.await(what, condition);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (service != null) {
            service.close();
        }
        line.close();
    }
}
