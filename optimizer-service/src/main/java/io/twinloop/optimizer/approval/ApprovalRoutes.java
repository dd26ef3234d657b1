package io.twinloop.optimizer.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.service.OptimizerService;

/**
 * The approvals API under {@code /api/optimizer}: proposals listed with their reasoning, approved or rejected by
 * authenticated operators; the optimizer's status; its goal read and changed at run time. Every request
 * authenticates (HTTP basic against the configured operators: 401 without); deciding and changing the goal need
 * the {@link Operator.Role#OPERATOR} role (403 for viewers). Errors are JSON naming the problem.
 */
final class ApprovalRoutes extends AllDirectives {

    static final String REALM = "TwinLoop optimizer";
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalRoutes.class);

    private final ApprovalApiConfig config;
    private final OptimizerService optimizer;

    ApprovalRoutes(final ApprovalApiConfig config, final OptimizerService optimizer) {
        this.config = config;
        this.optimizer = optimizer;
    }

    Route route() {
        return handleExceptions(exceptions(), () -> concat(
                pathPrefix("api", () -> pathPrefix("optimizer", () -> authenticated(operator -> concat(
                        path("status", () -> get(() -> json(200, ProposalJson.status(optimizer.statistics(),
                                optimizer.config().recommendOnly(), optimizer.goal())))),
                        path("holds", () -> get(() -> json(200, ProposalJson.holds(optimizer.manualHolds(),
                                optimizer.config().holds())))),
                        path("goal", () -> concat(
                                get(() -> json(200, ProposalJson.goal(optimizer.goal()))),
                                put(() -> deciding(operator, () -> entity(Unmarshaller.entityToString(),
                                        body -> changeGoal(operator, body)))))),
                        pathPrefix("proposals", () -> concat(
                                pathEnd(() -> get(() -> parameterOptional("status", this::list))),
                                pathPrefix(PathMatchers.segment(), id -> concat(
                                        pathEnd(() -> get(() -> json(200, ProposalJson.proposal(optimizer
                                                .proposalStore().get(id).orElseThrow(
                                                        () -> ProposalException.unknown(id)))))),
                                        path("approve", () -> post(() -> deciding(operator,
                                                () -> approve(operator, id)))),
                                        path("reject", () -> post(() -> deciding(operator,
                                                () -> entity(Unmarshaller.entityToString(),
                                                        body -> reject(operator, id, body))))))))))))),
                extractRequest(request -> json(404, ProposalJson.error(404, "endpoint.notfound", "no endpoint "
                        + request.method().value() + " " + request.getUri().path() + " (see the optimizer-service "
                        + "README for the API)")))));
    }

    private Route list(final Optional<String> status) {
        final Optional<Proposal.Status> wanted;
        try {
            wanted = status.map(s -> Proposal.Status.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
        } catch (final IllegalArgumentException e) {
            return json(400, ProposalJson.error(400, "status.invalid", "status must be one of "
                    + List.of(Proposal.Status.values()) + ", was '" + status.orElse("") + "'"));
        }
        final ObjectNode body = ProposalJson.JSON.createObjectNode();
        body.put("open", optimizer.proposalStore().openCount());
        final var items = body.putArray("proposals");
        optimizer.proposalStore().all().stream().filter(p -> wanted.map(w -> p.status() == w).orElse(true))
                .forEach(p -> items.add(ProposalJson.proposal(p)));
        return json(200, body);
    }

    private Route approve(final Operator operator, final String id) {
        final CompletionStage<HttpResponse> response = optimizer.approve(id, operator.name())
                .thenApply(p -> response(200, ProposalJson.proposal(p)))
                .exceptionally(failure -> response(500, ProposalJson.error(500, "dispatch.failed",
                        "approved proposal " + id + " could not be dispatched: " + failure)));
        return completeWithFuture(response);
    }

    private Route reject(final Operator operator, final String id, final String body) {
        final JsonNode reason = parse(body).path("reason");
        if (!reason.isTextual() || reason.asText().isBlank()) {
            return json(400, ProposalJson.error(400, "reason.missing",
                    "a rejection needs a reason: {\"reason\": \"...\"}"));
        }
        return json(200, ProposalJson.proposal(optimizer.reject(id, operator.name(), reason.asText())));
    }

    private Route changeGoal(final Operator operator, final String body) {
        final GoalLayer goal = ProposalJson.goal(body, optimizer.goal());
        optimizer.updateGoal(goal);
        LOG.info("goal changed through the approvals API: operator={} goal={}", operator.name(), goal);
        return json(200, ProposalJson.goal(goal));
    }

    private static JsonNode parse(final String body) {
        try {
            final JsonNode node = ProposalJson.JSON.readTree(body);
            return node == null ? ProposalJson.JSON.createObjectNode() : node;
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** HTTP basic against the configured operators; 401 (with the challenge) otherwise. */
    private Route authenticated(final Function<Operator, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            final Optional<Operator> operator = header.flatMap(this::operator);
            if (operator.isEmpty()) {
                return complete(response(401, ProposalJson.error(401, "authentication.failed", header.isEmpty()
                        ? "authentication required: HTTP basic with an operator's name and password"
                        : "the operator name or password is wrong"))
                        .addHeader(RawHeader.create("WWW-Authenticate", "Basic realm=\"" + REALM + "\"")));
            }
            return inner.apply(operator.get());
        });
    }

    private Optional<Operator> operator(final String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        final String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
        final int colon = decoded.indexOf(':');
        final String name = colon < 0 ? decoded : decoded.substring(0, colon);
        final String password = colon < 0 ? "" : decoded.substring(colon + 1);
        final Operator operator = config.operators().get(name);
        // compare even for unknown names, so timing does not tell which exist
        final boolean matches = MessageDigest.isEqual(
                (operator == null ? "\0" : operator.password()).getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return operator != null && matches ? Optional.of(operator) : Optional.empty();
    }

    private Route deciding(final Operator operator, final Supplier<Route> inner) {
        if (!operator.mayDecide()) {
            return json(403, ProposalJson.error(403, "operator.forbidden", "'" + operator.name() + "' is a "
                    + operator.role() + " and may not decide proposals or change the goal"));
        }
        return inner.get();
    }

    private ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .match(ProposalException.class, e -> e.kind() == ProposalException.Kind.UNKNOWN
                        ? json(404, ProposalJson.error(404, "proposal.notfound", e.getMessage()))
                        : json(409, ProposalJson.error(409, "proposal.decided", e.getMessage())))
                .match(IllegalArgumentException.class, e -> json(400, ProposalJson.error(400, "request.invalid",
                        e.getMessage())))
                .match(RuntimeException.class, e -> {
                    LOG.warn("approvals API request failed: {}", e.toString(), e);
                    return json(500, ProposalJson.error(500, "internal", e.toString()));
                })
                .build();
    }

    private Route json(final int status, final ObjectNode body) {
        return complete(response(status, body));
    }

    private static HttpResponse response(final int status, final ObjectNode body) {
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON,
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
