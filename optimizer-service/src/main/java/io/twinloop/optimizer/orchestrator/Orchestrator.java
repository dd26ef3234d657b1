package io.twinloop.optimizer.orchestrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactClass;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.decision.Recheck;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.ParetoFront;
import io.twinloop.optimizer.hold.ManualHold;
import io.twinloop.optimizer.hold.ManualHolds;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;
import io.twinloop.optimizer.whatif.WhatIfReport;

/**
 * Turns the agents' proposals into one decision: every candidate and the no-change reference are predicted on the
 * plant model, judged by the goal layer (score and limits), and the best feasible one is chosen if it beats
 * carrying on by more than {@code minImprovement}; its impact decides whether it is dispatched or waits for a
 * person. One candidate per decision: proposals of different agents touching the same machine are alternatives,
 * and the goal layer's score settles the conflict between them.
 */
public final class Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

    private final List<Agent> agents;
    private final PlantModel model;
    private final Supplier<GoalLayer> goal;
    private final ImpactPolicy impact;
    private final boolean recommendOnly;
    private final double minImprovement;
    private final Clock clock;

    /**
     * @param goal read at every decision: weights and limits can change at run time
     * @param minImprovement how much lower than no change a candidate's score must be to be worth acting on
     */
    public Orchestrator(final List<Agent> agents, final PlantModel model, final Supplier<GoalLayer> goal,
            final ImpactPolicy impact, final boolean recommendOnly, final double minImprovement, final Clock clock) {
        this.agents = List.copyOf(agents);
        this.model = model;
        this.goal = goal;
        this.impact = impact;
        this.recommendOnly = recommendOnly;
        this.minImprovement = minImprovement;
        this.clock = clock;
    }

    /**
     * Feasible, or breaking only the throughput floor when the plant as it is breaks it too and the candidate keeps
     * at least as much throughput: a floor the line misses anyway (a failed machine) must not forbid what restores
     * output, such as a repair, which would otherwise never be chosen while the floor is missed.
     */
    static boolean allowed(final Evaluation candidate, final Evaluation noChange, final GoalLayer layer) {
        if (candidate.feasible()) {
            return true;
        }
        final double floor = layer.throughputFloorPerHour() * layer.horizon().toMillis() / 3_600_000.0;
        final boolean onlyFloor = candidate.violations().stream().allMatch(v -> v.startsWith(FLOOR_VIOLATION));
        return onlyFloor && noChange.predicted().throughputUnits() < floor
                && candidate.predicted().throughputUnits() >= noChange.predicted().throughputUnits();
    }

    /** How {@link GoalLayer#evaluate} words a throughput-floor violation. */
    private static final String FLOOR_VIOLATION = "throughput ";

    public Decision decide(final PlantView view) {
        return decide(view, candidate -> false);
    }

    /**
     * @param awaitingApproval candidates a person has been asked about already: evaluated and recorded, but not
     * chosen again while the question is open
     */
    public Decision decide(final PlantView view, final java.util.function.Predicate<Candidate> awaitingApproval) {
        return decide(view, awaitingApproval, List.of());
    }

    /**
     * @param holds persons' desired values in force ({@link ManualHolds}): a chosen candidate that would write
     * another value there is never dispatched; it becomes a proposal naming each person's value (or a
     * recommendation in recommend-only mode). Candidates a person has been asked about already, or whose override
     * was rejected, are left out through {@code awaitingApproval}.
     */
    public Decision decide(final PlantView view, final java.util.function.Predicate<Candidate> awaitingApproval,
            final List<ManualHold> holds) {
        final GoalLayer layer = goal.get();
        final List<Candidate> candidates = new ArrayList<>();
        candidates.add(Candidate.noChange());
        for (final Agent agent : agents) {
            try {
                candidates.addAll(agent.propose(view));
            } catch (final RuntimeException e) {
                LOG.warn("agent failed to propose, left out of this decision: agent={} error=\"{}\"", agent.name(),
                        e.toString(), e);
            }
        }
        final List<Evaluation> evaluated = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();
        final PlantModel.Forecast forecast = model.forecast(view, layer.horizon());
        for (final Candidate candidate : candidates) {
            final Prediction prediction = forecast.predict(candidate);
            predictions.add(prediction);
            evaluated.add(layer.evaluate(candidate, prediction.objectives(), prediction.confidence()));
        }
        final Evaluation noChange = evaluated.get(0);
        final Evaluation best = evaluated.stream().filter(e -> allowed(e, noChange, layer))
                .filter(e -> !awaitingApproval.test(e.candidate()))
                .min(Comparator.comparingDouble(Evaluation::score)).orElse(noChange);
        final Evaluation chosen = best.score() < noChange.score() - minImprovement ? best : noChange;
        final List<ManualHold> held = ManualHolds.overriddenBy(chosen.candidate(), holds);
        final ImpactPolicy.Judgement judgement = held(impact.judge(chosen, noChange,
                action -> currentSpeed(view, action)), held, chosen.candidate());
        final Decision.Disposition disposition = chosen.candidate().changesNothing() ? Decision.Disposition.NO_ACTION
                : recommendOnly ? Decision.Disposition.RECOMMEND
                : judgement.impact() == ImpactClass.HIGH ? Decision.Disposition.PROPOSE
                : Decision.Disposition.DISPATCH;
        final WhatIfReport prediction = WhatIfReport.closedForm(predictions.get(evaluated.indexOf(chosen)).model(),
                layer.horizon(), chosen.predicted(), noChange.predicted());
        return new Decision(UUID.randomUUID().toString(), clock.instant(), revisions(view), evaluated, chosen,
                ParetoFront.of(evaluated), judgement, disposition, prediction, held);
    }

    /** A candidate overriding a person's value waits for a person, whatever else its impact: the reasons say whose. */
    private static ImpactPolicy.Judgement held(final ImpactPolicy.Judgement judged, final List<ManualHold> held,
            final Candidate candidate) {
        if (held.isEmpty()) {
            return judged;
        }
        final List<String> reasons = new ArrayList<>(judged.reasons());
        for (final ManualHold hold : held) {
            final String wanted = candidate.actions().stream().filter(hold::overriddenBy)
                    .map(a -> String.valueOf(a.value())).findFirst().orElse("?");
            reasons.add("overrides a person's setting: " + hold.describe() + "; " + candidate.agent() + " asks for "
                    + wanted);
        }
        return new ImpactPolicy.Judgement(ImpactClass.HIGH, reasons);
    }

    /**
     * Judges a waiting proposal's candidate again on {@code view}: its actions rebased on the revisions the twins
     * show now, predicted and scored with the current goal beside no change. Worth dispatching only if every twin
     * is still there, no limit is broken and it still beats no change by {@code minImprovement}.
     */
    public Recheck recheck(final PlantView view, final Candidate candidate) {
        final GoalLayer layer = goal.get();
        final List<String> problems = new ArrayList<>();
        final List<Action> rebased = new ArrayList<>();
        for (final Action action : candidate.actions()) {
            final java.util.Optional<MachineView> machine = view.machine(action.thingId());
            if (machine.isEmpty() || machine.get().revision() < 1) {
                problems.add(action.thingId() + " is no longer among the twins followed");
                rebased.add(action);
            } else {
                rebased.add(new Action(action.thingId(), action.featureId(), action.property(), action.value(),
                        machine.get().revision()));
            }
        }
        final Candidate now = new Candidate(candidate.agent(), candidate.summary(), rebased, candidate.reasoning());
        final Prediction predicted = model.predict(view, now, layer.horizon());
        final Evaluation evaluation = layer.evaluate(now, predicted.objectives(), predicted.confidence());
        final Prediction reference = model.predict(view, Candidate.noChange(), layer.horizon());
        final Evaluation noChange = layer.evaluate(Candidate.noChange(), reference.objectives(),
                reference.confidence());
        if (!allowed(evaluation, noChange, layer)) {
            problems.addAll(evaluation.violations());
        }
        if (!(evaluation.score() < noChange.score() - minImprovement)) {
            problems.add(String.format(java.util.Locale.ROOT, "no longer better than no change: score %.2f vs %.2f"
                    + " (margin %.2f)", evaluation.score(), noChange.score(), minImprovement));
        }
        return new Recheck(now, evaluation, noChange, problems);
    }

    /** The speed the machine is set to: the one requested already, else the one it runs at. */
    private static double currentSpeed(final PlantView view, final Action action) {
        return view.machine(action.thingId()).map(MachineView::requestedSpeed).filter(s -> !Double.isNaN(s))
                .orElse(100.0);
    }

    private static Map<ThingId, Long> revisions(final PlantView view) {
        final Map<ThingId, Long> revisions = new TreeMap<>();
        view.machines().forEach(machine -> revisions.put(machine.thingId(), machine.revision()));
        return revisions;
    }
}
