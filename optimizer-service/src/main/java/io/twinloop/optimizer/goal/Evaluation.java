package io.twinloop.optimizer.goal;

import java.util.List;

import io.twinloop.optimizer.agent.Candidate;

/**
 * A candidate as the goal layer sees it: its predicted objectives, its weighted score (lower is better), how sure
 * the prediction is, and the limits it would break (feasible only without any).
 */
public record Evaluation(Candidate candidate, Objectives predicted, double score, double confidence,
        List<String> violations) {

    public Evaluation {
        violations = List.copyOf(violations);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1], was " + confidence);
        }
    }

    public boolean feasible() {
        return violations.isEmpty();
    }
}
