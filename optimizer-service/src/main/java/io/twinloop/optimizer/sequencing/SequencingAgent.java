package io.twinloop.optimizer.sequencing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.scheduling.solver.CpSatSolver;

/**
 * The scheduling agent: when a machine of a line fails or returns to service, or a waiting job's due date or
 * priority changes (against the previous view), it re-sequences the line's job queues. The waiting work becomes a
 * job shop ({@link FlowLine}); the solver's schedules, dispatch rules, a swap descent and perturbations give at least
 * {@code candidates} distinct orders where the queues allow, each simulated and priced on the delivery commitments
 * ({@link CandidateSchedules}); the best {@code candidates} become {@link Candidate}s writing
 * {@code desiredProperties/JobSequence} on every machine whose order changes, for the goal layer to rank (the
 * {@link DeliveryCostModel} prices their lateness). Nothing is proposed when the current order is best or the
 * penalty it would save is below {@code minGainEur}.
 *
 * <p>After a trigger the line stays open until its best order is what the twins show (or ask for already): a
 * decision that chose another agent's candidate does not lose the re-sequencing. The solver runs only at a trigger,
 * within {@code solverBudget} on the decision's thread; between triggers the orders are evaluated anew on every
 * view (microseconds for a line's queues). A machine whose {@code JobQueue} breaks the contract is reported
 * ({@link #problems()}, a warning naming thing and field) and its own jobs are left out.
 */
public final class SequencingAgent implements Agent {

    public static final String NAME = "sequencing";

    private static final Logger LOG = LoggerFactory.getLogger(SequencingAgent.class);
    private static final JsonPointer JOB_SEQUENCE = JsonPointer.of(JobQueues.JOB_SEQUENCE);

    private final ShopFloor floor;
    private final SequencingSettings settings;
    private final Map<String, LineSituation> previous = new HashMap<>();
    private final Map<String, List<String>> open = new HashMap<>();
    private final Map<String, SolverSeeds> seeds = new HashMap<>();
    private final Map<String, LinePlan> plans = new ConcurrentHashMap<>();
    private final Map<ThingId, String> problems = new ConcurrentHashMap<>();

    /** @param estimates the repair and maintenance durations assumed for a machine that is down */
    public SequencingAgent(final SequencingSettings settings, final SurrogateModel.Settings estimates) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.floor = new ShopFloor(settings, estimates);
        preloadSolver();
    }

    /** OR-Tools unpacks its native library on first use (hundreds of ms): not on the first trigger's decision. */
    private static void preloadSolver() {
        final Thread loader = new Thread(() -> {
            try {
                CpSatSolver.loadNativeLibraries();
            } catch (final RuntimeException | LinkageError e) {
                LOG.warn("OR-Tools native library not loaded, the solver will fail and re-sequencing goes on "
                        + "without it: {}", e.toString());
            }
        }, "twinloop-ortools-preload");
        loader.setDaemon(true);
        loader.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The reader of the lines' waiting work this agent uses (the {@link DeliveryCostModel} shares it). */
    public ShopFloor floor() {
        return floor;
    }

    @Override
    public synchronized List<Candidate> propose(final PlantView view) {
        final ShopFloor.Reading reading = floor.read(view);
        report(reading);
        final List<Candidate> candidates = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final FlowLine line : reading.lines()) {
            final String name = line.name();
            seen.add(name);
            final LineSituation situation = LineSituation.of(line);
            final LineSituation before = previous.put(name, situation);
            final List<String> triggers = before == null ? situation.triggersAtFirstSight()
                    : situation.triggersSince(before);
            if (!triggers.isEmpty()) {
                open.put(name, triggers);
                final SolverSeeds solved = SolverSeeds.solve(line, settings);
                seeds.put(name, solved);
                LOG.info("re-sequencing line: line=\"{}\" triggers={} waitingJobs={} solver=\"{}\"", name, triggers,
                        line.shop().jobCount(), solved.detail());
            }
            if (open.containsKey(name)) {
                candidates.addAll(resequence(line, open.get(name)));
            }
        }
        previous.keySet().retainAll(seen);
        open.keySet().retainAll(seen);
        seeds.keySet().retainAll(seen);
        plans.keySet().retainAll(seen);
        return candidates;
    }

    /** What the agent made of each line at its last re-sequencing. */
    public Map<String, LinePlan> plans() {
        return Map.copyOf(plans);
    }

    /** The machines whose job queue could not be read at the last look, with what is wrong (thing and field). */
    public Map<ThingId, String> problems() {
        return Map.copyOf(problems);
    }

    public SequencingSettings settings() {
        return settings;
    }

    private List<Candidate> resequence(final FlowLine line, final List<String> triggers) {
        final SolverSeeds solved = seeds.getOrDefault(line.name(), new SolverSeeds(List.of(), "not run"));
        final List<SequenceEvaluation> ranked = CandidateSchedules.generate(line, settings, solved);
        final SequenceEvaluation current = ranked.stream().filter(e -> e.order().equals(line.current())).findFirst()
                .orElseThrow();
        final SequenceEvaluation best = ranked.get(0);
        final double gain = current.penaltyEur() - best.penaltyEur();
        if (best == current || gain < settings.minGainEur()) {
            final String note = best == current ? "the current order is the best of " + ranked.size()
                    : String.format(Locale.ROOT, "the best of %d orders saves %.2f EUR, below the threshold of %.2f "
                    + "EUR", ranked.size(), gain, settings.minGainEur());
            LOG.info("re-sequencing not worth it: line=\"{}\" {}", line.name(), note);
            open.remove(line.name());
            seeds.remove(line.name());
            plans.put(line.name(), new LinePlan(line.name(), triggers, current, ranked, solved.detail(), false, note));
            return List.of();
        }
        final String context = context(line, triggers, current, ranked.size(), solved.detail());
        final List<Candidate> candidates = ranked.stream().filter(e -> e != current).limit(settings.candidates())
                .map(e -> candidate(line, e, current, context)).toList();
        plans.put(line.name(), new LinePlan(line.name(), triggers, current, ranked, solved.detail(), true,
                String.format(Locale.ROOT, "%d candidates proposed; the best saves %.2f EUR", candidates.size(),
                        gain)));
        return candidates;
    }

    private Candidate candidate(final FlowLine line, final SequenceEvaluation e, final SequenceEvaluation current,
            final String context) {
        final List<Action> actions = new ArrayList<>();
        for (final ThingId machine : e.order().changedFrom(line.current())) {
            final MachineView view = line.stations().stream().filter(s -> s.thingId().equals(machine)).findFirst()
                    .orElseThrow().machine();
            final JsonArrayBuilder sequence = JsonArray.newBuilder();
            e.order().of(machine).forEach(sequence::add);
            actions.add(new Action(machine, MachineView.OPERATIONAL, JOB_SEQUENCE, sequence.build(),
                    Math.max(1, view.revision())));
        }
        final String summary = String.format(Locale.ROOT, "re-sequence %s: tardiness %.1f h -> %.1f h, late jobs %d"
                + " -> %d", e.order().describeChangesFrom(line.current()), current.tardinessHours(),
                e.tardinessHours(), current.delivery().lateJobs(), e.delivery().lateJobs());
        final String reasoning = context + String.format(Locale.ROOT, " This order (%s): %s.", e.origin(),
                describe(e));
        return new Candidate(NAME, summary, actions, reasoning);
    }

    private static String context(final FlowLine line, final List<String> triggers,
            final SequenceEvaluation current, final int evaluated, final String solver) {
        return String.format(Locale.ROOT, "Line %s, re-sequenced because %s. %d waiting jobs, due dates from %s; "
                + "%d orders simulated and held against the due dates (solver %s). Current order: %s.",
                line.name(), String.join("; ", triggers), line.shop().jobCount(), line.now(), evaluated, solver,
                describe(current));
    }

    private static String describe(final SequenceEvaluation e) {
        return String.format(Locale.ROOT, "tardiness %.2f h (weighted %.2f h), %d late, max lateness %.2f h, "
                + "makespan %.2f h, penalty %.2f EUR", e.tardinessHours(), e.delivery().weightedTardiness() / 3600.0,
                e.delivery().lateJobs(), e.delivery().maxLateness() / 3600.0, e.delivery().makespan() / 3600.0,
                e.penaltyEur());
    }

    private void report(final ShopFloor.Reading reading) {
        reading.problems().forEach((machine, problem) -> {
            if (!problem.getMessage().equals(problems.put(machine, problem.getMessage()))) {
                LOG.warn("job queue unusable, the machine's jobs are left out of re-sequencing: {}",
                        problem.getMessage());
            }
        });
        problems.keySet().removeIf(machine -> {
            final boolean fixed = !reading.problems().containsKey(machine);
            if (fixed) {
                LOG.info("job queue readable again: machine={}", machine);
            }
            return fixed;
        });
    }
}
