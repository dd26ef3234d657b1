package io.twinloop.scheduling.solver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.twinloop.scheduling.jobshop.Schedule;

/**
 * What a solve may use: a wall-time budget, a seed (solvers are deterministic for a seed where the library allows;
 * time limits still make results depend on the machine's speed), an optional warm start (the current plan, which the
 * result is never worse than), how many candidate schedules to return besides the best, and an iteration limit per
 * tabu search (0: none; with one search thread and no CP-SAT, a limit reached before the budget makes the result the
 * same on any machine).
 */
public record SolveRequest(Duration budget, long seed, Optional<Schedule> warmStart, int candidates,
        long iterationLimit) {

    public SolveRequest {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(warmStart, "warmStart");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        if (iterationLimit < 0) {
            throw new IllegalArgumentException("the iteration limit must be >= 0 (0: none), got " + iterationLimit);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("at least one candidate (the best) is returned, asked for " + candidates);
        }
    }

    public static SolveRequest of(final Duration budget) {
        return new SolveRequest(budget, 1L, Optional.empty(), 1, 0);
    }

    public SolveRequest withSeed(final long newSeed) {
        return new SolveRequest(budget, newSeed, warmStart, candidates, iterationLimit);
    }

    public SolveRequest withWarmStart(final Schedule plan) {
        return new SolveRequest(budget, seed, Optional.of(plan), candidates, iterationLimit);
    }

    /** Ask for up to {@code count} distinct good schedules (best first), e.g. 20 to test against delivery dates. */
    public SolveRequest withCandidates(final int count) {
        return new SolveRequest(budget, seed, warmStart, count, iterationLimit);
    }

    /** Each tabu search stops after {@code limit} iterations (0: only the budget stops it). */
    public SolveRequest withIterationLimit(final long limit) {
        return new SolveRequest(budget, seed, warmStart, candidates, limit);
    }

    long deadlineNanos(final long startNanos) {
        return startNanos + budget.toNanos();
    }
}
