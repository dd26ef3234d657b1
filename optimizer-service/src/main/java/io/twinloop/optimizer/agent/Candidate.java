package io.twinloop.optimizer.agent;

import java.util.List;

/**
 * A course of action an agent proposes: the desired values it would set (none: carry on as now), in words what and
 * why, for the person who approves it and for the decision record.
 *
 * @param agent the proposing agent's name
 * @param summary one line: what would be done
 * @param reasoning why (the signals and predictions the agent used)
 */
public record Candidate(String agent, String summary, List<Action> actions, String reasoning) {

    public Candidate {
        actions = List.copyOf(actions);
        if (agent == null || agent.isBlank() || summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a candidate needs its agent and a summary");
        }
        reasoning = reasoning == null ? "" : reasoning;
    }

    /** Carrying on without change: the reference every proposal is compared with. */
    public static Candidate noChange() {
        return new Candidate("orchestrator", "no change", List.of(), "the plant as it is");
    }

    public boolean changesNothing() {
        return actions.isEmpty();
    }
}
