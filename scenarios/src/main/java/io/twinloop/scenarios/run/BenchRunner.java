package io.twinloop.scenarios.run;

import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.plant.Plant;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.stack.StackSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one scenario under one policy headless. The {@code twinloop} policy goes through the real stack
 * ({@link StackRunner}); the baselines run on the plant engine, faster than real time: observe, let the policy
 * decide, apply through the {@link ActionGate}, advance the plant by one observation interval (the engine steps in
 * its own 1 s steps), until the simulated days are over. Nothing sleeps; nothing but the plant's own seeded streams
 * is random.
 */
public final class BenchRunner {

    /** How often the policy observes and acts, in simulated time. */
    public static final Duration DEFAULT_OBSERVATION_INTERVAL = Duration.ofMinutes(1);

    private BenchRunner() {
    }

    /**
     * One run under {@code policy}: the baselines on the plant engine, {@code twinloop} through the real stack
     * ({@link StackRunner}, with {@link StackSettings#defaults()}).
     */
    public static RunResult run(final Scenario scenario, final PolicyKind policy, final long seed, final double days) {
        return run(scenario, policy, seed, days, StackSettings.defaults());
    }

    /** The same, with the stack's settings for {@code twinloop} (ignored by the baselines). */
    public static RunResult run(final Scenario scenario, final PolicyKind policy, final long seed, final double days,
            final StackSettings stack) {
        if (policy.throughStack()) {
            return StackRunner.run(scenario, seed, days, stack);
        }
        return run(scenario, policy.create(scenario), seed, days, DEFAULT_OBSERVATION_INTERVAL);
    }

    /**
     * When a run of {@code days} from the scenario's start ends; refused when it is not a positive number of days or
     * the price series ends before.
     */
    static Instant checkedEnd(final Scenario scenario, final double days) {
        if (!(days > 0) || !Double.isFinite(days)) {
            throw new IllegalArgumentException("days must be a positive number, was " + days);
        }
        final Instant end = scenario.start().plusSeconds(Math.round(days * 86_400));
        final PriceSeries prices = scenario.prices().series();
        if (end.isAfter(prices.end())) {
            throw new IllegalArgumentException("price series " + scenario.prices().file() + " covers "
                    + prices.start() + " to " + prices.end() + "; " + days + " day(s) from the scenario's start "
                    + scenario.start() + " need prices until " + end);
        }
        return end;
    }

    public static RunResult run(final Scenario scenario, final Policy policy, final long seed, final double days,
            final Duration observationInterval) {
        if (observationInterval.isNegative() || observationInterval.isZero()) {
            throw new IllegalArgumentException("observation interval must be positive, was " + observationInterval);
        }
        final Instant end = checkedEnd(scenario, days);
        final long wallStart = System.nanoTime();
        final Plant plant = PlantFactory.build(scenario, seed);
        final RunLedger ledger = new RunLedger(scenario);
        final ActionGate gate = new ActionGate(plant, ledger.speedBound(), scenario.maintenance().crewLimit(), ledger,
                SpareParts.of(scenario));
        while (plant.clock().now().isBefore(end)) {
            final Observation observation = Observation.of(plant.snapshot());
            ledger.observe(observation);
            gate.apply(policy.decide(observation), observation);
            final Duration left = Duration.between(plant.clock().now(), end);
            plant.advance(left.compareTo(observationInterval) < 0 ? left : observationInterval);
        }
        ledger.observe(Observation.of(plant.snapshot()));
        return ledger.result(policy.name(), seed, days, gate.speedViolations(), gate.needingApproval(),
                gate.heldForCrew(), gate.spareParts().repairsWaited(), gate.rejected(),
                (System.nanoTime() - wallStart) / 1_000_000);
    }
}
