package io.twinloop.optimizer.decision;

import java.util.List;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Evaluation;

/**
 * An approved proposal judged again on what the twins show now (they moved on while it waited): the same actions
 * based on the current revisions, predicted and scored anew beside no change. Dispatched only if nothing is wrong.
 *
 * @param rebased the proposal's actions with the twins' current revisions (what a dispatch writes, If-Match)
 * @param evaluation the rebased candidate's prediction and score now
 * @param noChange carrying on, now
 * @param problems why it is no longer worth dispatching (a twin gone, a limit broken, no longer better); empty: go
 */
public record Recheck(Candidate rebased, Evaluation evaluation, Evaluation noChange, List<String> problems) {

    public Recheck {
        problems = List.copyOf(problems);
    }

    public boolean worthDispatching() {
        return problems.isEmpty();
    }
}
