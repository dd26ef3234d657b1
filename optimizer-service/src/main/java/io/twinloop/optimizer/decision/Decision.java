package io.twinloop.optimizer.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.hold.ManualHold;
import io.twinloop.optimizer.whatif.WhatIfReport;

/**
 * One decision: when, on which twin revisions, every candidate with its prediction and score, the chosen one, the
 * trade-off front, its impact and what is to happen with it.
 *
 * @param revisionsRead the twin revisions the decision was based on
 * @param evaluated every candidate evaluated, the no-change reference first
 * @param chosen the best feasible candidate (the no-change reference when nothing beats it)
 * @param paretoFront the feasible candidates no other dominates
 * @param disposition what is done with the chosen candidate
 * @param prediction the model, horizon and predicted objectives (chosen and no change) the decision is recorded
 *     with and later compared with what happened: the closed-form model's, or the discrete-event what-if's once a
 *     high-stakes decision has been simulated
 * @param held the persons' desired values the chosen candidate would override ({@link ManualHold}): such a decision
 *     is never dispatched without a person's approval; empty for every other decision
 */
public record Decision(String id, Instant time, Map<ThingId, Long> revisionsRead, List<Evaluation> evaluated,
        Evaluation chosen, List<Evaluation> paretoFront, ImpactPolicy.Judgement impact, Disposition disposition,
        WhatIfReport prediction, List<ManualHold> held) {

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
        Objects.requireNonNull(prediction, "prediction");
        held = List.copyOf(held);
    }

    /** A decision that overrides no person's value. */
    public Decision(final String id, final Instant time, final Map<ThingId, Long> revisionsRead,
            final List<Evaluation> evaluated, final Evaluation chosen, final List<Evaluation> paretoFront,
            final ImpactPolicy.Judgement impact, final Disposition disposition, final WhatIfReport prediction) {
        this(id, time, revisionsRead, evaluated, chosen, paretoFront, impact, disposition, prediction, List.of());
    }

    /** A decision whose prediction's model is not known (kept for callers from before predictions were recorded). */
    public Decision(final String id, final Instant time, final Map<ThingId, Long> revisionsRead,
            final List<Evaluation> evaluated, final Evaluation chosen, final List<Evaluation> paretoFront,
            final ImpactPolicy.Judgement impact, final Disposition disposition) {
        this(id, time, revisionsRead, evaluated, chosen, paretoFront, impact, disposition,
                WhatIfReport.closedForm("unknown", Duration.ZERO, chosen.predicted(),
                        (evaluated.isEmpty() ? chosen : evaluated.get(0)).predicted()), List.of());
    }

    /** The same decision with another prediction (the discrete-event what-if's). */
    public Decision withPrediction(final WhatIfReport report) {
        return new Decision(id, time, revisionsRead, evaluated, chosen, paretoFront, impact, disposition, report,
                held);
    }
}
