package io.twinloop.optimizer.sequencing;

import java.util.List;

/**
 * What the scheduling agent made of one line at its last re-sequencing: why, every candidate order it evaluated
 * (best first, the current order among them), what the solver did, and whether it proposed anything.
 *
 * @param note in words: what was proposed, or why nothing was
 */
public record LinePlan(String line, List<String> triggers, SequenceEvaluation current,
        List<SequenceEvaluation> evaluated, String solver, boolean proposed, String note) {

    public LinePlan {
        triggers = List.copyOf(triggers);
        evaluated = List.copyOf(evaluated);
    }

    public SequenceEvaluation best() {
        return evaluated.get(0);
    }
}
