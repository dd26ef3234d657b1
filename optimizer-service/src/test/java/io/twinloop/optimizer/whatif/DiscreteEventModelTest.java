package io.twinloop.optimizer.whatif;

import static io.twinloop.optimizer.whatif.LineTwins.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.Mode;

/** The discrete-event what-if: the plant's engine started from the twins, with the optimizer's estimates. */
class DiscreteEventModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(DiscreteEventModelTest.class);
    private static final Duration HORIZON = Duration.ofHours(4);

    private static DiscreteEventModel model(final PlantEstimates estimates, final int replications) {
        return new DiscreteEventModel(estimates, DiscreteEventModel.Settings.defaults()
                .withReplications(replications).withWallBudget(Duration.ofMinutes(5)), hour -> 0.25);
    }

    /**
     * Many replications over a whole day, in coarse steps (the failure draw is exact for any step; the estimated
     * cycle is 60 s).
     */
    private static DiscreteEventModel coarse(final PlantEstimates estimates, final int replications) {
        return new DiscreteEventModel(estimates, DiscreteEventModel.Settings.defaults()
                .withReplications(replications).withStep(Duration.ofSeconds(60)).withHorizonCap(Duration.ofDays(1))
                .withWallBudget(Duration.ofMinutes(5)), hour -> 0.25);
    }

    private static Candidate maintain(final String name) {
        return new Candidate("maintenance", "maintain " + name, List.of(new Action(id(name), MachineView.OPERATIONAL,
                JsonPointer.of("MaintenanceRequest"), JsonValue.of(true), 7)), "test");
    }

    @Test
    void theEngineStartsAsTheTwinsShowTheLine() {
        final PlantView view = LineTwins.view(
                LineTwins.machine("Press01", "BLOCKED", 110, 6, 0.9, List.of(JsonValue.of("J7"), JsonValue.of("J8")),
                        JsonObject.empty()),
                LineTwins.machine("CNC01", "RUNNING", 80, 9, 0.5, List.of(JsonObject.newBuilder().set("JobId", "J5")
                        .set("Quantity", 40).build(), JsonValue.of("J6")), JsonObject.newBuilder()
                        .set("CurrentJob", "J4").build()),
                LineTwins.machine("Robot01", "MAINTENANCE", 100, 0.2, 1.0, List.of(), JsonObject.empty()),
                LineTwins.machine("Conveyor01", "FAILED", 120, 0.1, 0.2, List.of(), JsonObject.empty()));
        final PlantEstimates estimates = PlantEstimates.defaults().withLineOrder(List.of(id("Press01"),
                id("CNC01"), id("Robot01"), id("Conveyor01")));

        final LineStart start = LineStart.of(view, estimates);
        final PlantSnapshot engine = Plant.builder().startingFrom(start.machines(), estimates.queueCapacity())
                .build().snapshot();

        assertThat(engine.machines()).extracting(MachineSnapshot::state).containsExactly(MachineState.BLOCKED,
                MachineState.RUNNING, MachineState.MAINTENANCE, MachineState.FAILED);
        assertThat(engine.machines()).extracting(MachineSnapshot::speedPercent).containsExactly(110.0, 80.0, 100.0,
                120.0);
        assertThat(engine.machines()).extracting(MachineSnapshot::mode).containsOnly(Mode.RUN);
        // the order book tops up the first queue to its capacity (3): the twin's jobs first, in their order
        assertThat(engine.machines().get(0).jobQueue()).hasSize(3).startsWith("J7", "J8");
        assertThat(engine.machines().get(1).jobQueue()).containsExactly("J5", "J6");
        assertThat(engine.machines().get(1).currentJob()).contains("J4");
        // worn as far as the health says under the estimated Weibull: η (-ln h)^(1/β)
        assertThat(engine.machines().get(1).wearHours()).isCloseTo(1000 * Math.pow(-Math.log(0.5), 1 / 4.41),
                within(1e-6));
        // (this engine runs the fitted shape 4.4087, the estimate says 4.41: the health shown back is close, not equal)
        assertThat(engine.machines().get(1).health()).isCloseTo(0.5, within(1e-3));
        assertThat(start.things().values()).containsExactly(id("Press01"), id("CNC01"), id("Robot01"),
                id("Conveyor01"));
        // what the twins do not show is listed, not silently made up
        assertThat(start.assumptions()).anySatisfy(a -> assertThat(a).contains("line:CNC01")
                .contains("its job assumed 6 of 12 parts done"));
        assertThat(start.assumptions()).anySatisfy(a -> assertThat(a).contains("line:Robot01")
                .contains("in maintenance, assumed 1.0 h left"));
        assertThat(start.assumptions()).anySatisfy(a -> assertThat(a).contains("line:CNC01")
                .contains("1 queued job(s) without a Quantity, assumed 12 parts"));
    }

    @Test
    void aStoppedMachineBlocksTheOnesUpstreamWhichTheSurrogateDoesNotSee() {
        // three machines in a row, equal rates: maintaining the last one stops the flow behind it
        final PlantView view = LineTwins.view(LineTwins.running("Press01", 10), LineTwins.running("CNC01", 10),
                LineTwins.running("Robot01", 10));
        final PlantEstimates estimates = PlantEstimates.defaults().withLineOrder(List.of(id("Press01"),
                id("CNC01"), id("Robot01")));
        final SurrogateModel surrogate = new SurrogateModel(estimates.surrogate(), hour -> 0.25);
        final DiscreteEventModel des = model(estimates, 4);

        final Objectives surrogateChange = difference(surrogate.predict(view, maintain("Robot01"), HORIZON)
                .objectives(), surrogate.predict(view, Candidate.noChange(), HORIZON).objectives());
        final long started = System.nanoTime();
        final SimulatedOutcome maintained = des.simulate(view, maintain("Robot01"), HORIZON, Long.MAX_VALUE);
        final SimulatedOutcome noChange = des.simulate(view, Candidate.noChange(), HORIZON, Long.MAX_VALUE);
        LOG.info("what-if wall time: 2 candidates x 4 replications x 4 h of 3 machines in {} ms",
                (System.nanoTime() - started) / 1_000_000);
        final Objectives desChange = difference(maintained.mean(), noChange.mean());

        // the surrogate keeps the press and the CNC running at full power all along: only the robot saves energy
        assertThat(surrogateChange.energyKwh()).isCloseTo(-2 * 10, within(0.5));
        // the engine sees the CNC fill the robot's queue and block, then the press behind it
        assertThat(maintained.hours(id("CNC01"), "BLOCKED")).isGreaterThan(1.0);
        assertThat(maintained.hours(id("Press01"), "BLOCKED")).isGreaterThan(0.5);
        assertThat(noChange.hours(id("CNC01"), "BLOCKED")).isLessThan(0.1);
        assertThat(maintained.differencesFrom(noChange)).anySatisfy(f -> assertThat(f).startsWith("line:CNC01 BLOCKED")
                .contains("no room downstream"));
        // ... and blocked machines draw standby power, so the line saves far more energy than the surrogate says
        final double blockedHours = maintained.hours(id("CNC01"), "BLOCKED")
                + maintained.hours(id("Press01"), "BLOCKED");
        assertThat(desChange.energyKwh()).isLessThan(surrogateChange.energyKwh() - 0.5 * blockedHours * 8);
        // the throughput lost is the robot's two hours either way
        assertThat(maintained.mean().downtimeHours()).isCloseTo(2.0, within(0.01));
    }

    @Test
    void predictionsFollowTheEstimatesNeverThePlantsHiddenLife() {
        // the true CNC: characteristic life 600 h (its kind's, hidden), worn 450 h (hidden); its twin shows health
        final Plant truth = Plant.builder().startingFrom(List.of(MachineStart.builder("cnc-1",
                MachineKind.CNC_MACHINING).state(MachineState.RUNNING).wearHours(450)
                .currentJob(new io.twinloop.plant.machine.Job("J1", 20), 0).build()), 3).build();
        truth.advance(Duration.ofSeconds(1));
        final MachineView twin = LineTwins.of("CNC01", truth.snapshot().machine("cnc-1").orElseThrow());
        final PlantView view = LineTwins.view(twin);
        final double health = twin.health();
        final Duration horizon = Duration.ofHours(24);
        final int replications = 300;

        // the optimizer believes in a life of 3,000 h: far longer than the truth
        final double believedLife = 3_000;
        final SimulatedOutcome predicted = coarse(PlantEstimates.defaults().withLife(4.41, believedLife),
                replications).simulate(view, Candidate.noChange(), horizon, Long.MAX_VALUE);

        final double u = Math.pow(-Math.log(health), 1 / 4.41);
        final double estimated = weibullFailure(u, 24 / believedLife);
        final double actual = weibullFailure(450.0 / 600, 24 / 600.0);
        LOG.info("failure within 24 h: estimate {} predicted {} truth {}", estimated, predicted.failures(), actual);
        assertThat(actual).isGreaterThan(4 * estimated);
        // the prediction matches the estimate's own probability (binomial 3 σ), and is far from the truth
        final double sigma = Math.sqrt(estimated * (1 - estimated) / replications);
        assertThat(predicted.failures()).isCloseTo(estimated, within(3 * sigma + 0.005));
        assertThat(predicted.failures()).isLessThan(actual / 2);

        // the same twin with an estimate equal to the truth predicts the truth's probability: the estimate decides
        final SimulatedOutcome informed = coarse(PlantEstimates.defaults().withLife(4.41, 600), replications)
                .simulate(view, Candidate.noChange(), horizon, Long.MAX_VALUE);
        assertThat(informed.failures()).isCloseTo(actual, within(3 * Math.sqrt(actual * (1 - actual)
                / replications) + 0.005));
    }

    private static double weibullFailure(final double lifeFraction, final double addedFraction) {
        return 1 - Math.exp(-(Math.pow(lifeFraction + addedFraction, 4.41) - Math.pow(lifeFraction, 4.41)));
    }

    @Test
    void aViewTheEngineCannotStartFromOrAnExhaustedBudgetIsAnErrorNamingIt() {
        final PlantView odd = LineTwins.view(LineTwins.machine("Press01", "EXPLODED", 100, 10, 1, List.of(),
                JsonObject.empty()));
        assertThatThrownBy(() -> model(PlantEstimates.defaults(), 1).simulate(odd, Candidate.noChange(), HORIZON,
                Long.MAX_VALUE)).isInstanceOf(WhatIfException.class).hasMessageContaining("line:Press01")
                .hasMessageContaining("State 'EXPLODED'");
        assertThatThrownBy(() -> model(PlantEstimates.defaults(), 1).simulate(PlantView.of(List.of(),
                LineTwins.T0), Candidate.noChange(), HORIZON, Long.MAX_VALUE))
                .isInstanceOf(WhatIfException.class).hasMessageContaining("no machine twin");
        final DiscreteEventModel hurried = new DiscreteEventModel(PlantEstimates.defaults(),
                DiscreteEventModel.Settings.defaults().withWallBudget(Duration.ofNanos(1)), hour -> 0.25);
        final PlantView view = LineTwins.view(LineTwins.running("Press01", 10));
        assertThatThrownBy(() -> hurried.simulate(view, Candidate.noChange(), HORIZON, System.nanoTime()))
                .isInstanceOf(WhatIfException.class).hasMessageContaining("wall-time budget of 0 ms exceeded");
    }

    private static Objectives difference(final Objectives a, final Objectives b) {
        return new Objectives(a.costEur() - b.costEur(), a.energyKwh() - b.energyKwh(),
                a.downtimeHours() - b.downtimeHours(), a.throughputUnits() - b.throughputUnits());
    }
}
