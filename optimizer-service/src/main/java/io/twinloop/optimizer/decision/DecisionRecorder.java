package io.twinloop.optimizer.decision;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.audit.DecisionLog;
import io.twinloop.audit.SignedEntry;
import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.dispatch.DispatchOutcome;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.outcome.OutcomeTracker;
import io.twinloop.optimizer.whatif.WhatIfReport;

/**
 * Writes decisions and what became of them into the signed, hash-chained decision log (module {@code audit}): a
 * {@code decision} entry when it is taken, a {@code dispatch} entry with the twins' answers, later
 * {@code approval}/{@code rejection} and {@code outcome} entries under the same decision id.
 */
public final class DecisionRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionLog log;

    public DecisionRecorder(final DecisionLog log) {
        this.log = log;
    }

    /** @return the entry written (its hash is what an {@code outcome} entry refers to) */
    public SignedEntry decided(final Decision decision) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("disposition", decision.disposition().name());
        body.put("candidateColumns", "summary,costEur,energyKwh,downtimeHours,throughputUnits,score,feasible");
        final ObjectNode revisions = body.putObject("revisionsRead");
        decision.revisionsRead().forEach((thing, revision) -> revisions.put(thing.toString(), revision));
        body.set("chosen", evaluation(decision.chosen()));
        body.put("confidence", decision.chosen().confidence());
        body.put("impactClass", decision.impact().impact().name());
        decision.impact().reasons().forEach(body.putArray("impactReasons")::add);
        if (!decision.held().isEmpty()) {
            // a held decision: the persons whose settings it would override, by subject
            body.set("held", io.twinloop.optimizer.hold.HeldRecord.of(decision.held(), decision.chosen().candidate()));
        }
        // every candidate with its prediction, compactly: a decision over a line evaluates hundreds
        final ArrayNode candidates = body.putArray("candidates");
        decision.evaluated().forEach(e -> candidates.add(compact(e)));
        final ArrayNode front = body.putArray("paretoFront");
        decision.paretoFront().forEach(e -> front.add(e.candidate().summary()));
        body.set("prediction", prediction(decision.prediction()));
        return log.append("decision", decision.id(), body);
    }

    /**
     * A simulation of a decision made after it was recorded (a sampled routine one): another prediction, compared
     * with what happened too.
     */
    public SignedEntry predicted(final String decisionId, final WhatIfReport report) {
        final ObjectNode body = JSON.createObjectNode();
        body.set("prediction", prediction(report));
        return log.append("prediction", decisionId, body);
    }

    /**
     * What happened over a decision's horizon, observed on the twins, beside each prediction it was recorded with
     * and the error ({@code observed - predicted}) of each.
     */
    public SignedEntry observed(final OutcomeTracker.Observation observation) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("decisionHash", observation.decisionHash());
        body.put("observedFrom", observation.from().toString());
        body.put("observedTo", observation.to().toString());
        body.put("samples", observation.samples());
        body.put("comparedWith", observation.comparedWith());
        body.set("observed", objectives(observation.observed()));
        final ArrayNode comparisons = body.putArray("predictions");
        for (final WhatIfReport report : observation.predictions()) {
            final Objectives predicted = observation.predicted(report);
            final Objectives observed = observation.observed();
            final ObjectNode comparison = comparisons.addObject();
            comparison.put("model", report.model());
            report.fallback().ifPresent(reason -> comparison.put("fallback", reason));
            comparison.set("predicted", objectives(predicted));
            comparison.set("error", objectives(new Objectives(
                    observed.costEur() - predicted.costEur(), observed.energyKwh() - predicted.energyKwh(),
                    observed.downtimeHours() - predicted.downtimeHours(),
                    observed.throughputUnits() - predicted.throughputUnits())));
            (observation.comparedWith().equals("chosen") ? report.chosenSpread() : report.noChangeSpread())
                    .ifPresent(spread -> comparison.set("spread", objectives(spread)));
        }
        return log.append("outcome", observation.decisionId(), body);
    }

    private static ObjectNode prediction(final WhatIfReport report) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("model", report.model());
        node.put("horizonHours", report.horizon().toMillis() / 3_600_000.0);
        node.set("chosen", objectives(report.chosen()));
        report.chosenSpread().ifPresent(spread -> node.set("chosenSpread", objectives(spread)));
        node.set("noChange", objectives(report.noChange()));
        report.noChangeSpread().ifPresent(spread -> node.set("noChangeSpread", objectives(spread)));
        if (report.replications() > 0) {
            node.put("replications", report.replications());
        }
        if (!report.wallTime().isZero()) {
            node.put("wallMillis", report.wallTime().toMillis());
        }
        report.fallback().ifPresent(reason -> node.put("fallback", reason));
        if (!report.findings().isEmpty()) {
            report.findings().forEach(node.putArray("findings")::add);
        }
        return node;
    }

    private static ObjectNode objectives(final Objectives objectives) {
        return JSON.createObjectNode().put("costEur", round(objectives.costEur()))
                .put("energyKwh", round(objectives.energyKwh())).put("downtimeHours", round(objectives.downtimeHours()))
                .put("throughputUnits", round(objectives.throughputUnits()));
    }

    public void dispatched(final String decisionId, final List<DispatchOutcome> outcomes) {
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode results = body.putArray("outcomes");
        for (final DispatchOutcome outcome : outcomes) {
            results.addObject().put("thingId", outcome.thingId().toString()).put("status", outcome.status().name())
                    .put("basedOnRevision", outcome.basedOnRevision()).put("detail", outcome.detail());
        }
        log.append("dispatch", decisionId, body);
    }

    /**
     * A desired value the decision wrote is withdrawn (a maintenance request once the twin shows it taken up): why,
     * and each twin's answer.
     */
    public void withdrawn(final String decisionId, final String reason, final List<DispatchOutcome> outcomes) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("reason", reason);
        final ArrayNode results = body.putArray("outcomes");
        for (final DispatchOutcome outcome : outcomes) {
            results.addObject().put("thingId", outcome.thingId().toString()).put("status", outcome.status().name())
                    .put("basedOnRevision", outcome.basedOnRevision()).put("detail", outcome.detail());
        }
        log.append("withdrawal", decisionId, body);
    }

    private static ArrayNode compact(final Evaluation evaluation) {
        final ArrayNode row = JSON.createArrayNode();
        final Objectives predicted = evaluation.predicted();
        row.add(evaluation.candidate().summary()).add(round(predicted.costEur())).add(round(predicted.energyKwh()))
                .add(round(predicted.downtimeHours())).add(round(predicted.throughputUnits()))
                .add(round(evaluation.score())).add(evaluation.feasible());
        return row;
    }

    private static double round(final double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * A person approved a waiting proposal: who and when, and the re-check on the twins as they are now (the
     * rebased actions, their prediction beside no change, and any problem that stops the dispatch).
     */
    public void approved(final String decisionId, final String approver, final Instant at, final Recheck recheck) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("approver", approver);
        body.put("approvedAt", at.toString());
        body.set("recheck", recheck(recheck));
        log.append("approval", decisionId, body);
    }

    /** A person rejected a waiting proposal: nothing is written. */
    public void rejected(final String decisionId, final String approver, final Instant at, final String reason) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("approver", approver);
        body.put("rejectedAt", at.toString());
        body.put("reason", reason);
        log.append("rejection", decisionId, body);
    }

    /** An approved proposal judged again after a conflicting write (the twin moved on once more). */
    public void rechecked(final String decisionId, final Recheck recheck) {
        final ObjectNode body = JSON.createObjectNode();
        body.set("recheck", recheck(recheck));
        log.append("recheck", decisionId, body);
    }

    private static ObjectNode recheck(final Recheck recheck) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("worthDispatching", recheck.worthDispatching());
        recheck.problems().forEach(node.putArray("problems")::add);
        node.set("candidate", evaluation(recheck.evaluation()));
        node.set("noChange", evaluation(recheck.noChange()));
        return node;
    }

    private static ObjectNode evaluation(final Evaluation evaluation) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("agent", evaluation.candidate().agent());
        node.put("summary", evaluation.candidate().summary());
        node.put("reasoning", evaluation.candidate().reasoning());
        final ArrayNode actions = node.putArray("actions");
        for (final Action action : evaluation.candidate().actions()) {
            actions.addObject().put("thingId", action.thingId().toString()).put("path", action.path())
                    .put("value", action.value().toString()).put("basedOnRevision", action.basedOnRevision());
        }
        final Objectives predicted = evaluation.predicted();
        node.putObject("predicted").put("costEur", predicted.costEur()).put("energyKwh", predicted.energyKwh())
                .put("downtimeHours", predicted.downtimeHours()).put("throughputUnits", predicted.throughputUnits());
        node.put("score", evaluation.score());
        evaluation.violations().forEach(node.putArray("violations")::add);
        return node;
    }
}
