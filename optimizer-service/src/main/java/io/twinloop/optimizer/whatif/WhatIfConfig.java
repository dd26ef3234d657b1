package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.Objects;

import io.twinloop.optimizer.decision.ImpactClass;

/**
 * Which decisions the discrete-event what-if checks before they are shown, with what, and how their outcomes are
 * observed (documented in the module README).
 *
 * @param simulate whether high-stakes decisions are simulated at all (else every prediction is the closed-form one)
 * @param minImpact the least impact class a proposal must have to be simulated before it is shown
 * @param routineSampleEvery also simulate every n-th dispatched routine decision, after dispatch, to calibrate the
 *     surrogate against the engine (0: never)
 * @param engine replications, step, horizon cap and wall-time budget of one decision's simulation
 * @param estimates the plant parameters the simulation runs with
 * @param pricePerKwh EUR/kWh the simulation prices energy at (a flat price; day-ahead series are not used by it)
 * @param trackOutcomes whether dispatched and recommended decisions get an {@code outcome} entry after their horizon
 * @param outcomeSampleInterval how often the projection is sampled while an outcome is observed
 * @param maxTrackedOutcomes decisions observed at once; beyond, the oldest is given up (WARN)
 */
public record WhatIfConfig(boolean simulate, ImpactClass minImpact, int routineSampleEvery,
        DiscreteEventModel.Settings engine, PlantEstimates estimates, double pricePerKwh, boolean trackOutcomes,
        Duration outcomeSampleInterval, int maxTrackedOutcomes) {

    public WhatIfConfig {
        Objects.requireNonNull(minImpact, "minImpact");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(estimates, "estimates");
        if (minImpact == ImpactClass.NONE || routineSampleEvery < 0 || !(pricePerKwh >= 0)
                || outcomeSampleInterval == null || outcomeSampleInterval.isNegative()
                || outcomeSampleInterval.isZero() || maxTrackedOutcomes < 1) {
            throw new IllegalArgumentException("what-if configuration: need minImpact ROUTINE or HIGH, "
                    + "routineSampleEvery >= 0, pricePerKwh >= 0, a positive outcomeSampleInterval and "
                    + "maxTrackedOutcomes >= 1; was " + minImpact + ", " + routineSampleEvery + ", " + pricePerKwh
                    + ", " + outcomeSampleInterval + ", " + maxTrackedOutcomes);
        }
    }

    /** Simulate HIGH-impact proposals (8 × up to 8 h, 3 s budget), no routine sampling, outcomes every 30 s. */
    public static WhatIfConfig defaults() {
        return new WhatIfConfig(true, ImpactClass.HIGH, 0, DiscreteEventModel.Settings.defaults(),
                PlantEstimates.defaults(), 0.25, true, Duration.ofSeconds(30), 1_000);
    }

    public WhatIfConfig withEngine(final DiscreteEventModel.Settings value) {
        return new WhatIfConfig(simulate, minImpact, routineSampleEvery, value, estimates, pricePerKwh,
                trackOutcomes, outcomeSampleInterval, maxTrackedOutcomes);
    }

    public WhatIfConfig withEstimates(final PlantEstimates value) {
        return new WhatIfConfig(simulate, minImpact, routineSampleEvery, engine, value, pricePerKwh, trackOutcomes,
                outcomeSampleInterval, maxTrackedOutcomes);
    }

    public WhatIfConfig withRoutineSampleEvery(final int value) {
        return new WhatIfConfig(simulate, minImpact, value, engine, estimates, pricePerKwh, trackOutcomes,
                outcomeSampleInterval, maxTrackedOutcomes);
    }

    public WhatIfConfig withOutcomeSampleInterval(final Duration value) {
        return new WhatIfConfig(simulate, minImpact, routineSampleEvery, engine, estimates, pricePerKwh,
                trackOutcomes, value, maxTrackedOutcomes);
    }

    public WhatIfConfig withSimulate(final boolean value) {
        return new WhatIfConfig(value, minImpact, routineSampleEvery, engine, estimates, pricePerKwh, trackOutcomes,
                outcomeSampleInterval, maxTrackedOutcomes);
    }
}
