package io.twinloop.scenarios.run;

import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.stack.AutoApprover;
import io.twinloop.scenarios.stack.LoopStack;
import io.twinloop.scenarios.stack.StackSettings;
import io.twinloop.scenarios.stack.StepSettler;
import io.twinloop.scenarios.stack.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.ditto.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario under the {@code twinloop} policy through the real stack ({@link LoopStack}), lock-step:
 * the plant advances by one quantum of simulated time, then the runner waits until the stack has settled on it
 * ({@link StepSettler}: the twins show the step, the optimizer decided on it, its desired values were applied or
 * refused, the approver approved what waited), then steps again. The optimizer's clock is the plant's. The runner
 * never acts on the plant itself: every change the plant sees came from a desired value the OPC UA connector wrote.
 *
 * <p>Accounting is the baselines' ({@link RunLedger}), on the plant's snapshot after each settled step. The plant
 * is the harness's own here, so reading its snapshot to account is measuring, not deciding: the optimizer sees only
 * the twins.
 */
public final class StackRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StackRunner.class);

    private StackRunner() {
    }

    public static RunResult run(final Scenario scenario, final long seed, final double days,
            final StackSettings settings) {
        return run(scenario, seed, days, settings, snapshot -> { });
    }

    /**
     * The same, handing {@code steps} the plant's snapshot after the start and after every settled step (for
     * tests and diagnostics; it must not act on the plant).
     */
    public static RunResult run(final Scenario scenario, final long seed, final double days,
            final StackSettings settings, final Consumer<PlantSnapshot> steps) {
        final Instant end = BenchRunner.checkedEnd(scenario, days);
        final long wallStart = System.nanoTime();
        final Plant plant = PlantFactory.build(scenario, seed);
        final SteppedClock clock = new SteppedClock(plant.clock().now());
        final Bound speedBound = scenario.goal().bounds().get(Scenario.SPEED_BOUND);
        try (LoopStack stack = LoopStack.start(scenario, plant, clock, settings)) {
            final long startMillis = (System.nanoTime() - wallStart) / 1_000_000;
            final RunLedger ledger = new RunLedger(scenario);
            final StepSettler settler = new StepSettler(stack, settings.settleDeadline());
            final AutoApprover approver = new AutoApprover(stack, scenario.maintenance().crewLimit(),
                    SpareParts.of(scenario))
                    .answeredBy(settler);
            final DesiredSpeeds desired = new DesiredSpeeds(speedBound);
            settler.settle(approver);
            steps.accept(stack.runtime().latest());
            Observation previous = Observation.of(stack.runtime().latest());
            ledger.observe(previous);
            long stepCount = 0;
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (previous.time().isBefore(end)) {
                final Duration left = Duration.between(previous.time(), end);
                final PlantSnapshot stepped = stack.runtime()
                        .advance(left.compareTo(settings.quantum()) < 0 ? left : settings.quantum())
                        .get(settings.settleDeadline().toMillis(), TimeUnit.MILLISECONDS);
                clock.set(stepped.time());
                approver.nextStep();
                settler.settle(approver);
                final PlantSnapshot settled = stack.runtime().latest();
                steps.accept(settled);
                final Observation acted = Observation.of(settled);
                ledger.observe(acted);
                maintenanceStarts(previous, acted, ledger);
                desired.check(stack.optimizer().projection().snapshot().machines());
                previous = acted;
                stepCount++;
                if (System.nanoTime() > nextReport) {
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    LOG.info("twinloop run {} seed {}: simulated {} of {}, {} steps, {} s wall", scenario.name(),
                            seed, acted.time(), end, stepCount, (System.nanoTime() - wallStart) / 1_000_000_000);
                }
            }
            LOG.info("twinloop run done: scenario={} seed={} steps={} startMillis={} timing=\"{}\" "
                    + "staleTwinValues={} checks={} reportReads={} approved={} notDispatched={} heldForCrew={} "
                    + "refusedRequestsRemoved={} optimizer={} connector={}", scenario.name(), seed, stepCount, startMillis,
                    settler.timing(), settler.staleValues(), settler.checks(), settler.reportReads(),
                    approver.approved(), approver.notDispatched(), approver.heldForCrew(),
                    approver.refusedRequestsRemoved(), stack.optimizer().statistics(), stack.connector().statistics());
            return ledger.result(PolicyKind.TWINLOOP.cliName(), seed, days, desired.violations(),
                    approver.needingApproval(), approver.heldForCrew(), approver.spareParts().repairsWaited(),
                    stack.connector().statistics().desiredRejected(), (System.nanoTime() - wallStart) / 1_000_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("twinloop run of " + scenario.name() + " seed " + seed
                    + " interrupted", e);
        } catch (final RuntimeException e) {
            throw e;
        } catch (final Exception e) {
            throw new IllegalStateException("twinloop run of " + scenario.name() + " seed " + seed + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Maintenance the stack started in the last step (the ledger charges it from now on): a machine now in
     * maintenance that was not at the last step; a repair if it had failed or failed since.
     */
    private static void maintenanceStarts(final Observation before, final Observation after,
            final RunLedger ledger) {
        final Map<String, MachineObservation> earlier = new HashMap<>();
        before.machines().forEach(m -> earlier.put(m.id(), m));
        for (final MachineObservation machine : after.machines()) {
            final MachineObservation was = earlier.get(machine.id());
            if (machine.state() == MachineState.MAINTENANCE && was != null
                    && was.state() != MachineState.MAINTENANCE) {
                ledger.maintenanceStarted(machine.id(), was.state() == MachineState.FAILED
                        || machine.failures() > was.failures());
            }
        }
    }

    /** Desired speeds outside the safety bound, each distinct one counted once (nobody refuses them on the way). */
    private static final class DesiredSpeeds {

        private final Bound bound;
        private final Map<String, Double> counted = new HashMap<>();
        private long violations;

        DesiredSpeeds(final Bound bound) {
            this.bound = bound;
        }

        void check(final List<MachineView> machines) {
            for (final MachineView machine : machines) {
                machine.desired("Speed").filter(JsonValue::isNumber).map(JsonValue::asDouble).ifPresent(speed -> {
                    if (!bound.contains(speed) && !Double.valueOf(speed).equals(
                            counted.put(machine.thingId().toString(), speed))) {
                        violations++;
                        LOG.warn("desired speed {} % of {} is outside the safety bound {}", speed,
                                machine.thingId(), bound);
                    }
                });
            }
        }

        long violations() {
            return violations;
        }
    }
}
