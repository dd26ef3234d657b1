package io.twinloop.optimizer.sequencing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.scheduling.delivery.DeliveryEvaluation;

/**
 * Generates and evaluates candidate orders of one line's queues: the current order, the solver's schedules, the
 * dispatch rules, a swap descent on the delivery penalty from the best of those, and perturbations of the best
 * (every pair exchange on a machine, then seeded shuffles) until twice the wanted number of candidates are known or
 * the queues allow no more. Every candidate is simulated on the line ({@link FlowLine#simulate}) and priced.
 */
final class CandidateSchedules {

    private final FlowLine line;
    private final SequencingSettings settings;
    private final Map<QueueOrder, SequenceEvaluation> pool = new LinkedHashMap<>();
    private int budget;

    private CandidateSchedules(final FlowLine line, final SequencingSettings settings) {
        this.line = line;
        this.settings = settings;
        this.budget = settings.localSearchEvaluations();
    }

    /** Every distinct order evaluated, best first (the current order among them). */
    static List<SequenceEvaluation> generate(final FlowLine line, final SequencingSettings settings,
            final SolverSeeds seeds) {
        final CandidateSchedules schedules = new CandidateSchedules(line, settings);
        schedules.add(line.current(), "current order");
        seeds.fitting(line).orders().forEach(order -> schedules.add(order, "solver"));
        for (final DispatchRule rule : DispatchRule.values()) {
            schedules.add(schedules.byRule(rule), rule.label());
        }
        final SequenceEvaluation best = schedules.descend(schedules.best());
        schedules.perturb(best);
        final List<SequenceEvaluation> ranked = new ArrayList<>(schedules.pool.values());
        ranked.sort(SequenceEvaluation.BETTER_FIRST);
        return ranked;
    }

    private SequenceEvaluation add(final QueueOrder order, final String origin) {
        return pool.computeIfAbsent(order, o -> {
            final DeliveryEvaluation delivery = line.evaluate(o);
            return new SequenceEvaluation(o, delivery, settings.penalty().price(delivery), origin);
        });
    }

    private SequenceEvaluation best() {
        return pool.values().stream().min(SequenceEvaluation.BETTER_FIRST).orElseThrow();
    }

    private QueueOrder byRule(final DispatchRule rule) {
        QueueOrder order = line.current();
        for (int k = 0; k < line.stations().size(); k++) {
            final int station = k;
            order = order.with(line.stations().get(k).thingId(), line.jobsAt(k).stream()
                    .sorted(rule.at(line, station)).map(job -> line.job(job).jobId()).toList());
        }
        return order;
    }

    /** First-improvement descent over pair exchanges on each machine, within the evaluation budget. */
    private SequenceEvaluation descend(final SequenceEvaluation start) {
        SequenceEvaluation current = start;
        boolean improved = true;
        while (improved && budget > 0) {
            improved = false;
            for (final QueueOrder neighbour : exchanges(current.order())) {
                if (budget-- <= 0) {
                    break;
                }
                final SequenceEvaluation next = add(neighbour, "local search from " + start.origin());
                if (next.betterThan(current)) {
                    current = next;
                    improved = true;
                    break;
                }
            }
        }
        return current;
    }

    /** Neighbours of the best for the trade-off, then shuffles, until enough candidates are known. */
    private void perturb(final SequenceEvaluation best) {
        final int wanted = 2 * settings.candidates() + 1;
        for (final QueueOrder neighbour : exchanges(best.order())) {
            if (pool.size() >= wanted) {
                return;
            }
            add(neighbour, "exchange in the best");
        }
        final SplittableRandom random = new SplittableRandom(settings.seed());
        final List<ThingId> machines = line.stations().stream().map(FlowLine.Station::thingId)
                .filter(m -> best.order().of(m).size() > 1).toList();
        for (int attempt = 0; attempt < 4 * wanted && pool.size() < wanted && !machines.isEmpty(); attempt++) {
            final ThingId machine = machines.get(random.nextInt(machines.size()));
            final List<String> shuffled = new ArrayList<>(best.order().of(machine));
            Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
            add(best.order().with(machine, shuffled), "shuffle in the best");
        }
    }

    /** Every order one exchange of two jobs on one machine away. */
    private static List<QueueOrder> exchanges(final QueueOrder order) {
        final List<QueueOrder> neighbours = new ArrayList<>();
        for (final Map.Entry<ThingId, List<String>> machine : order.byMachine().entrySet()) {
            final List<String> jobs = machine.getValue();
            for (int i = 0; i < jobs.size(); i++) {
                for (int j = i + 1; j < jobs.size(); j++) {
                    final List<String> swapped = new ArrayList<>(jobs);
                    Collections.swap(swapped, i, j);
                    neighbours.add(order.with(machine.getKey(), swapped));
                }
            }
        }
        return neighbours;
    }
}
