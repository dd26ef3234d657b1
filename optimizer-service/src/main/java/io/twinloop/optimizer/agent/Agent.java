package io.twinloop.optimizer.agent;

import java.util.List;

import io.twinloop.optimizer.plant.PlantView;

/**
 * One concern of the plant (maintenance, energy, scheduling, quality) that proposes candidates from what the twins
 * show. Agents propose; the orchestrator predicts, judges against the goal layer and decides.
 */
public interface Agent {

    String name();

    /** Candidates for the plant as the view shows it; empty when there is nothing to propose. */
    List<Candidate> propose(PlantView view);
}
