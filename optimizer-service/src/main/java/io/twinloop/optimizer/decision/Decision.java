package io.twinloop.optimizer.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.goal.Evaluation;

/**
 * One decision: when, on which twin revisions, every candidate with its prediction and score, the chosen one, the
 * trade-off front, its impact and what is to happen with it.
 *
 * @param revisionsRead the twin revisions the decision was based on
 * @param evaluated every candidate evaluated, the no-change reference first
 * @param chosen the best feasible candidate (the no-change reference when nothing beats it)
 * @param paretoFront the feasible candidates no other dominates
 * @param disposition what is done with the chosen candidate
 */
public record Decision(String id, Instant time, Map<ThingId, Long> revisionsRead, List<Evaluation> evaluated,
        Evaluation chosen, List<Evaluation> paretoFront, ImpactPolicy.Judgement impact, Disposition disposition) {

    /** What happens to the chosen candidate. */
    public enum Disposition {
        /** nothing better than carrying on */
        NO_ACTION,
        /** written to the twins */
        DISPATCH,
        /** waits for a person's approval (high impact) */
        PROPOSE,
        /** recommend-only mode: recorded, not written */
        RECOMMEND
    }

    public Decision {
        revisionsRead = Map.copyOf(revisionsRead);
        evaluated = List.copyOf(evaluated);
        paretoFront = List.copyOf(paretoFront);
    }
}
