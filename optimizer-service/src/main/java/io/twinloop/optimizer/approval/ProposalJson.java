package io.twinloop.optimizer.approval;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.dispatch.DispatchOutcome;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.service.OptimizerStatistics;
import io.twinloop.optimizer.whatif.WhatIfReport;

/** The approvals API's JSON: proposals as an operator needs them to decide, the goal layer, the statistics. */
final class ProposalJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ProposalJson() {
    }

    static ObjectNode proposal(final Proposal proposal) {
        final Decision decision = proposal.decision();
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", proposal.id());
        node.put("time", decision.time().toString());
        node.put("status", proposal.status().name());
        node.put("timesProposed", proposal.timesProposed());
        node.put("lastProposedAt", proposal.lastProposedAt().toString());
        proposal.decidedBy().ifPresent(by -> node.put("decidedBy", by));
        proposal.decidedAt().ifPresent(at -> node.put("decidedAt", at.toString()));
        proposal.note().ifPresent(note -> node.put("note", note));
        final Evaluation chosen = decision.chosen();
        final Evaluation noChange = decision.evaluated().get(0);
        final ObjectNode chosenNode = evaluation(chosen);
        chosenNode.put("confidence", chosen.confidence());
        node.set("chosen", chosenNode);
        node.set("noChange", evaluation(noChange));
        node.set("predictedChange", objectives(new Objectives(
                chosen.predicted().costEur() - noChange.predicted().costEur(),
                chosen.predicted().energyKwh() - noChange.predicted().energyKwh(),
                chosen.predicted().downtimeHours() - noChange.predicted().downtimeHours(),
                chosen.predicted().throughputUnits() - noChange.predicted().throughputUnits())));
        node.putObject("impact").put("class", decision.impact().impact().name())
                .set("reasons", strings(decision.impact().reasons()));
        if (!decision.held().isEmpty()) {
            // the persons' settings this would override: whose value, the agent's, and the effect (predictedChange)
            node.set("held", io.twinloop.optimizer.hold.HeldRecord.of(decision.held(), chosen.candidate()));
        }
        final ObjectNode revisions = node.putObject("revisionsRead");
        decision.revisionsRead().forEach((thing, revision) -> revisions.put(thing.toString(), revision));
        final ArrayNode front = node.putArray("paretoFront");
        decision.paretoFront().forEach(e -> front.add(evaluation(e)));
        node.put("candidatesEvaluated", decision.evaluated().size());
        node.set("prediction", prediction(decision.prediction()));
        if (!proposal.outcomes().isEmpty()) {
            final ArrayNode outcomes = node.putArray("outcomes");
            for (final DispatchOutcome outcome : proposal.outcomes()) {
                outcomes.addObject().put("thingId", outcome.thingId().toString())
                        .put("status", outcome.status().name()).put("basedOnRevision", outcome.basedOnRevision())
                        .put("detail", outcome.detail());
            }
        }
        return node;
    }

    /** The persons' settings that hold now: {@code {"holdTime", "agentSubjects", "holds": [...]}}. */
    static ObjectNode holds(final java.util.List<io.twinloop.optimizer.hold.ManualHold> holds,
            final io.twinloop.optimizer.hold.HoldSettings settings) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("holdTime", settings.holdTime().toString());
        settings.agentSubjects().stream().sorted().forEach(node.putArray("agentSubjects")::add);
        final ArrayNode items = node.putArray("holds");
        for (final io.twinloop.optimizer.hold.ManualHold hold : holds) {
            final ObjectNode item = items.addObject().put("thingId", hold.thingId().toString()).put("path", hold.path());
            try {
                item.set("value", JSON.readTree(hold.value().toString()));
            } catch (final JsonProcessingException e) {
                item.put("value", hold.value().toString());
            }
            item.put("heldBy", hold.writer()).put("since", hold.since().toString())
                    .put("until", hold.until().toString());
        }
        return node;
    }

    private static ObjectNode evaluation(final Evaluation evaluation) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("agent", evaluation.candidate().agent());
        node.put("summary", evaluation.candidate().summary());
        node.put("reasoning", evaluation.candidate().reasoning());
        final ArrayNode actions = node.putArray("actions");
        for (final Action action : evaluation.candidate().actions()) {
            final ObjectNode a = actions.addObject().put("thingId", action.thingId().toString())
                    .put("path", action.path());
            a.set("value", parse(action.value().toString()));
            a.put("basedOnRevision", action.basedOnRevision());
        }
        node.set("predicted", objectives(evaluation.predicted()));
        node.put("score", evaluation.score());
        node.set("violations", strings(evaluation.violations()));
        return node;
    }

    private static ObjectNode objectives(final Objectives objectives) {
        return JSON.createObjectNode().put("costEur", objectives.costEur()).put("energyKwh", objectives.energyKwh())
                .put("downtimeHours", objectives.downtimeHours())
                .put("throughputUnits", objectives.throughputUnits());
    }

    /** Which model predicted, with the spread and findings of a simulation, or why it fell back. */
    private static ObjectNode prediction(final WhatIfReport report) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("model", report.model());
        node.put("horizon", report.horizon().toString());
        node.set("chosen", objectives(report.chosen()));
        report.chosenSpread().ifPresent(spread -> node.set("chosenSpread", objectives(spread)));
        node.set("noChange", objectives(report.noChange()));
        report.noChangeSpread().ifPresent(spread -> node.set("noChangeSpread", objectives(spread)));
        node.put("replications", report.replications());
        node.put("wallMillis", report.wallTime().toMillis());
        report.fallback().ifPresent(reason -> node.put("fallback", reason));
        node.set("findings", strings(report.findings()));
        return node;
    }

    private static ArrayNode strings(final Iterable<String> values) {
        final ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    static ObjectNode goal(final GoalLayer goal) {
        final ObjectNode node = JSON.createObjectNode();
        node.putObject("weights").put("cost", goal.weights().cost()).put("energy", goal.weights().energy())
                .put("downtime", goal.weights().downtime());
        node.put("throughputFloorPerHour", goal.throughputFloorPerHour());
        final ObjectNode bounds = node.putObject("bounds");
        goal.bounds().forEach((name, bound) -> bounds.putObject(name).put("min", bound.min()).put("max", bound.max()));
        node.put("horizon", goal.horizon().toString());
        return node;
    }

    /**
     * A goal from the API: every field optional, missing ones keep {@code current}'s value.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static GoalLayer goal(final String body, final GoalLayer current) {
        final JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("the goal is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the goal must be a JSON object");
        }
        final JsonNode w = node.path("weights");
        final Weights weights = w.isMissingNode() ? current.weights() : new Weights(
                number(w, "cost", current.weights().cost(), "weights.cost"),
                number(w, "energy", current.weights().energy(), "weights.energy"),
                number(w, "downtime", current.weights().downtime(), "weights.downtime"));
        final double floor = number(node, "throughputFloorPerHour", current.throughputFloorPerHour(),
                "throughputFloorPerHour");
        final Map<String, Bound> bounds = new LinkedHashMap<>(current.bounds());
        final JsonNode b = node.path("bounds");
        if (!b.isMissingNode()) {
            if (!b.isObject()) {
                throw new IllegalArgumentException("bounds must be an object of {\"min\":..,\"max\":..} by property");
            }
            b.fields().forEachRemaining(entry -> {
                final JsonNode range = entry.getValue();
                if (range.isNull()) {
                    bounds.remove(entry.getKey());
                    return;
                }
                final String where = "bounds." + entry.getKey();
                final Bound old = current.bounds().get(entry.getKey());
                final Double min = old == null ? null : old.min();
                final Double max = old == null ? null : old.max();
                bounds.put(entry.getKey(), new Bound(required(range, "min", min, where),
                        required(range, "max", max, where)));
            });
        }
        Duration horizon = current.horizon();
        if (node.has("horizon")) {
            try {
                horizon = Duration.parse(node.get("horizon").asText());
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException("horizon must be an ISO-8601 duration like PT4H, was "
                        + node.get("horizon"));
            }
        }
        return new GoalLayer(weights, floor, bounds, horizon);
    }

    private static double number(final JsonNode node, final String field, final double fallback, final String where) {
        final JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + " must be a number, was " + value);
        }
        return value.asDouble();
    }

    private static double required(final JsonNode node, final String field, final Double fallback,
            final String where) {
        if (!node.has(field) && fallback == null) {
            throw new IllegalArgumentException(where + "." + field + " is missing");
        }
        return number(node, field, fallback == null ? 0 : fallback, where + "." + field);
    }

    static ObjectNode status(final OptimizerStatistics statistics, final boolean recommendOnly,
            final GoalLayer goal) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("mode", recommendOnly ? "RECOMMEND_ONLY" : "ACTING");
        node.put("recommendOnly", recommendOnly);
        node.put("twins", statistics.twins());
        node.put("decisions", statistics.decisions());
        node.put("dispatched", statistics.dispatched());
        node.put("proposed", statistics.proposed());
        node.put("recommended", statistics.recommended());
        node.put("proposalsOpen", statistics.proposalsOpen());
        node.put("writesConflicted", statistics.writesConflicted());
        node.put("writesRefused", statistics.writesRefused());
        node.put("writesFailed", statistics.writesFailed());
        node.put("lastDecisionMillis", statistics.lastDecisionNanos() / 1e6);
        node.set("goal", goal(goal));
        return node;
    }

    static ObjectNode error(final int status, final String error, final String message) {
        return JSON.createObjectNode().put("status", status).put("error", error).put("message", message);
    }
}
