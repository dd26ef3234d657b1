package io.twinloop.optimizer.sequencing;

import static io.twinloop.optimizer.sequencing.QueueViews.CNC;
import static io.twinloop.optimizer.sequencing.QueueViews.JOBS;
import static io.twinloop.optimizer.sequencing.QueueViews.PRESS;
import static io.twinloop.optimizer.sequencing.QueueViews.T0;
import static io.twinloop.optimizer.sequencing.QueueViews.job;
import static io.twinloop.optimizer.sequencing.QueueViews.line;
import static io.twinloop.optimizer.sequencing.QueueViews.pressQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactClass;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.orchestrator.Orchestrator;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;
import io.twinloop.optimizer.whatif.SurrogateModel;

class SequencingAgentTest {

    private final SequencingAgent agent = new SequencingAgent(QueueViews.settings(),
            SurrogateModel.Settings.defaults());

    @Test
    void aFailedMachineLeadsToAReSequencingThatCutsTardiness() {
        assertThat(agent.propose(line(10, pressQueue(), "RUNNING"))).isEmpty();

        final List<Candidate> candidates = agent.propose(line(11, pressQueue(), "FAILED"));

        final LinePlan plan = agent.plans().values().iterator().next();
        assertThat(plan.triggers()).singleElement().asString().contains(CNC.toString()).contains("failed");
        // queue order: J3..J5 wait behind 2 × 30 parts at the CNC, back after 8 h: late; rush jobs first: none late
        assertThat(plan.current().delivery().lateJobs()).isEqualTo(3);
        assertThat(plan.current().tardinessHours()).isGreaterThan(1.0);
        assertThat(plan.best().delivery().tardiness()).isZero();
        assertThat(plan.best().order().of(PRESS).subList(0, 3)).containsExactlyInAnyOrder("J3", "J4", "J5");
        assertThat(plan.evaluated()).hasSizeGreaterThanOrEqualTo(20);

        assertThat(candidates).hasSize(20).allSatisfy(candidate -> {
            assertThat(candidate.agent()).isEqualTo(SequencingAgent.NAME);
            assertThat(candidate.actions()).singleElement().satisfies(action -> {
                assertThat(action.thingId().toString()).isEqualTo(PRESS.toString());
                assertThat(action.path()).isEqualTo("features/OperationalData/desiredProperties/JobSequence");
                assertThat(action.basedOnRevision()).isEqualTo(11);
                assertThat((List<String>) sequence(action)).containsExactlyInAnyOrderElementsOf(JOBS)
                        .isNotEqualTo(JOBS);
            });
        });
        assertThat(candidates.stream().map(Candidate::summary).distinct()).hasSize(20);
        assertThat(sequence(candidates.get(0).actions().get(0))).isEqualTo(plan.best().order().of(PRESS));
    }

    @Test
    void withASolverIterationLimitTwoAgentsProposeTheSameOrders() {
        final List<List<List<String>>> proposed = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            final SequencingAgent limited = new SequencingAgent(QueueViews.settings().withSolverIterations(300)
                    .withSolverBudget(java.time.Duration.ofSeconds(20)), SurrogateModel.Settings.defaults());
            limited.propose(line(10, pressQueue(), "RUNNING"));
            proposed.add(limited.propose(line(11, pressQueue(), "FAILED")).stream()
                    .map(candidate -> sequence(candidate.actions().get(0))).toList());
        }
        assertThat(proposed.get(0)).hasSize(20);
        assertThat(proposed.get(1)).isEqualTo(proposed.get(0));
        assertThatThrownBy(() -> QueueViews.settings().withSolverIterations(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solverIterations must be >= 0");
    }

    @Test
    void theOrchestratorChoosesTheReSequencingAndRecordsEveryCandidate() {
        final DeliveryCostModel model = new DeliveryCostModel(new SurrogateModel(SurrogateModel.Settings.defaults(),
                hour -> 0.25), agent.floor());
        final Orchestrator orchestrator = new Orchestrator(List.of(agent), model,
                () -> new GoalLayer(new Weights(1, 0.2, 50), 0, Map.of(), Duration.ofHours(12)),
                ImpactPolicy.defaults(), false, 1.0, Clock.fixed(T0, ZoneOffset.UTC));
        orchestrator.decide(line(10, pressQueue(), "RUNNING"));

        final Decision decision = orchestrator.decide(line(11, pressQueue(), "FAILED"));

        assertThat(decision.disposition()).isEqualTo(Decision.Disposition.DISPATCH);
        assertThat(decision.impact().impact()).isEqualTo(ImpactClass.ROUTINE);
        assertThat(decision.chosen().candidate().agent()).isEqualTo(SequencingAgent.NAME);
        assertThat(decision.evaluated()).filteredOn(e -> e.candidate().agent().equals(SequencingAgent.NAME))
                .hasSizeGreaterThanOrEqualTo(20);
        final Evaluation noChange = decision.evaluated().get(0);
        final double penaltyNow = agent.plans().values().iterator().next().current().penaltyEur();
        // the penalty of the current order is what the chosen order saves: it keeps every promise
        assertThat(noChange.predicted().costEur() - decision.chosen().predicted().costEur())
                .isCloseTo(penaltyNow, Offset.offset(1e-6));
        assertThat(decision.paretoFront()).contains(decision.chosen());
    }

    @Test
    void nothingIsProposedWhenNothingChanged() {
        assertThat(agent.propose(line(10, pressQueue(), "RUNNING"))).isEmpty();
        assertThat(agent.propose(line(12, pressQueue(), "RUNNING"))).isEmpty();
        // jobs arriving and leaving are the line's normal flow, not a trigger
        assertThat(agent.propose(line(13, JsonArray.of(job("J2", 12, 30), job("J3", 8.5, 5)), "RUNNING")))
                .isEmpty();
        assertThat(agent.plans()).isEmpty();
    }

    @Test
    void nothingMoreOnceTheBestOrderIsRequested() {
        agent.propose(line(10, pressQueue(), "RUNNING"));
        final List<Candidate> first = agent.propose(line(11, pressQueue(), "FAILED"));
        final JsonValue best = first.get(0).actions().get(0).value();

        final PlantView requested = PlantView.of(List.of(QueueViews.machine(PRESS, 12, "RUNNING", pressQueue(),
                JsonObject.newBuilder().set("JobSequence", best).build()),
                QueueViews.machine(CNC, 12, "FAILED", JsonArray.empty())), T0);

        assertThat(agent.propose(requested)).isEmpty();
        assertThat(agent.plans().values().iterator().next().note()).startsWith("the current order is the best");
    }

    @Test
    void aChangedDueDateOrPriorityTriggersReSequencing() {
        final JsonArray relaxed = JsonArray.of(job("J1", 30, 30), job("J2", 30, 30), job("J3", 30, 5));
        agent.propose(line(10, relaxed, "RUNNING"));

        final JsonArray rush = JsonArray.of(job("J1", 30, 30), job("J2", 30, 30), job("J3", 0.2, 5));
        final List<Candidate> candidates = agent.propose(line(11, rush, "RUNNING"));

        assertThat(agent.plans().values().iterator().next().triggers()).singleElement().asString()
                .contains("job J3 is now due");
        assertThat(sequence(candidates.get(0).actions().get(0)).get(0)).isEqualTo("J3");

        final JsonArray priority = JsonArray.of(job("J1", 30, 30), job("J2", 30, 30),
                job("J3", 0.2, 5).setValue("Priority", 5));
        agent.propose(line(12, priority, "RUNNING"));
        assertThat(agent.plans().values().iterator().next().triggers()).singleElement().asString()
                .contains("job J3 priority 1 -> 5");
    }

    @Test
    void aGainBelowTheThresholdIsNotProposed() {
        final SequencingAgent strict = new SequencingAgent(QueueViews.settings().withMinGainEur(1e6),
                SurrogateModel.Settings.defaults());
        strict.propose(line(10, pressQueue(), "RUNNING"));

        assertThat(strict.propose(line(11, pressQueue(), "FAILED"))).isEmpty();
        assertThat(strict.plans().values().iterator().next().note()).contains("below the threshold");
    }

    @Test
    void anotherAgentsCandidateCarriesTheCurrentOrdersPenaltyAndAStaleSequenceCountsAsTheCurrentOrder() {
        final SurrogateModel surrogate = new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25);
        final PlantView failed = line(11, pressQueue(), "FAILED");
        final PlantModel.Forecast forecast = new DeliveryCostModel(surrogate, agent.floor())
                .forecast(failed, Duration.ofHours(12));
        final Prediction noChange = forecast.predict(Candidate.noChange());
        final Candidate stale = new Candidate("test", "a sequence the queue has moved past", List.of(new Action(
                PRESS, "OperationalData", JsonPointer.of("JobSequence"), QueueViews.ids(List.of("J5", "J4", "J3", "J9")),
                11)), "");

        final double surrogateCost = surrogate.predict(failed, Candidate.noChange(), Duration.ofHours(12))
                .objectives().costEur();
        final double currentPenalty = new CurrentPenalty(agent.floor(), failed).eur();
        assertThat(currentPenalty).isGreaterThan(0);
        assertThat(noChange.objectives().costEur()).isCloseTo(surrogateCost + currentPenalty, Offset.offset(1e-6));
        assertThat(forecast.predict(stale).objectives()).isEqualTo(noChange.objectives());
        assertThat(noChange.model()).isEqualTo("surrogate+delivery");
    }

    /** The penalty of the line's current order, straight from the line model. */
    private record CurrentPenalty(ShopFloor floor, PlantView view) {
        double eur() {
            final FlowLine line = floor.read(view).lines().get(0);
            return floor.settings().penalty().price(line.evaluate(line.current()));
        }
    }

    private static List<String> sequence(final Action action) {
        return action.value().asArray().stream().map(JsonValue::asString).toList();
    }
}
