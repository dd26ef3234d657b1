package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.twinloop.optimizer.goal.Objectives;

/**
 * The prediction a decision is recorded with, and later compared with what happened: which model predicted, over
 * which horizon, the chosen candidate's and the no-change reference's objectives with their spread (a simulation's
 * replications; empty for a closed-form model), and why.
 *
 * @param model {@code des} for the discrete-event what-if, else the closed-form model's name (e.g.
 *     {@code surrogate+maintenance-risk})
 * @param replications runs behind the figures (0: a closed-form model)
 * @param wallTime what the prediction took (zero when not measured)
 * @param fallback why the discrete-event what-if was wanted but the figures are the closed-form model's; never
 *     silent
 * @param findings what the simulation saw that the figures rest on (state time per machine against no change,
 *     assumptions, refused commands, the goal layer's verdict on the simulated figures)
 */
public record WhatIfReport(String model, Duration horizon, Objectives chosen, Optional<Objectives> chosenSpread,
        Objectives noChange, Optional<Objectives> noChangeSpread, int replications, Duration wallTime,
        Optional<String> fallback, List<String> findings) {

    public WhatIfReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(chosenSpread, "chosenSpread");
        Objects.requireNonNull(noChange, "noChange");
        Objects.requireNonNull(noChangeSpread, "noChangeSpread");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(fallback, "fallback");
        findings = List.copyOf(findings);
    }

    /** A closed-form model's prediction (no spread). */
    public static WhatIfReport closedForm(final String model, final Duration horizon, final Objectives chosen,
            final Objectives noChange) {
        return new WhatIfReport(model, horizon, chosen, Optional.empty(), noChange, Optional.empty(), 0,
                Duration.ZERO, Optional.empty(), List.of());
    }

    /** The discrete-event what-if's prediction. */
    public static WhatIfReport simulated(final Duration horizon, final SimulatedOutcome chosen,
            final SimulatedOutcome noChange, final Duration wallTime, final List<String> findings) {
        return new WhatIfReport(DiscreteEventModel.NAME, horizon, chosen.mean(), Optional.of(chosen.spread()),
                noChange.mean(), Optional.of(noChange.spread()), chosen.replications(), wallTime, Optional.empty(),
                findings);
    }

    /** This closed-form prediction kept, because the discrete-event what-if failed: says why. */
    public WhatIfReport fellBack(final String reason, final Duration tried) {
        return new WhatIfReport(model, horizon, chosen, chosenSpread, noChange, noChangeSpread, replications, tried,
                Optional.of(reason), findings);
    }

    public boolean simulated() {
        return DiscreteEventModel.NAME.equals(model);
    }
}
