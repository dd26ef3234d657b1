package io.twinloop.scheduling.solver;

import java.time.Duration;
import java.util.List;

import io.twinloop.scheduling.jobshop.Schedule;

/**
 * The outcome of a solve: the best schedule (always valid: built through {@link Schedule#of}), the best proven lower
 * bound on the makespan, whether the best is proven optimal, the wall time used, and distinct alternative schedules
 * (best first, the best included) when the request asked for them.
 */
public record SolverResult(String solver, Schedule best, int lowerBound, boolean optimal, Duration wallTime,
        List<Schedule> candidates, String detail) {

    public SolverResult {
        candidates = List.copyOf(candidates);
    }

    public int makespan() {
        return best.makespan();
    }
}
