package io.twinloop.optimizer.goal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The trade-off a person should see beside the chosen point: the feasible evaluations no other feasible one
 * dominates (at least as good in cost, energy, downtime and throughput, better in one), best score first.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    public static List<Evaluation> of(final List<Evaluation> evaluations) {
        final List<Evaluation> feasible = evaluations.stream().filter(Evaluation::feasible).toList();
        final List<Evaluation> front = new ArrayList<>();
        for (final Evaluation candidate : feasible) {
            final boolean dominated = feasible.stream()
                    .anyMatch(other -> other.predicted().dominates(candidate.predicted()));
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingDouble(Evaluation::score));
        return List.copyOf(front);
    }
}
