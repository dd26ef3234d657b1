package io.twinloop.scheduling.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.ortools.sat.CpSolver;

import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.MachineSequences;
import io.twinloop.scheduling.jobshop.Schedule;

/**
 * The improved solver: tabu search threads (N5, {@link TabuSearch}) next to CP-SAT with the remaining workers, all
 * started from the same plan (the warm start, else a dispatching schedule; CP-SAT gets it as hints) and sharing one
 * deadline. CP-SAT proves bounds and solves small instances outright; the tabu search finds good schedules on the
 * larger ones far sooner. Whoever proves optimality (CP-SAT's status, or the search reaching the lower bound) stops
 * the others. Threads + workers equal the reference's 2 workers, so both use the same CPU.
 */
public final class HybridSolver implements JobShopSolver {

    private static final Logger LOG = LoggerFactory.getLogger(HybridSolver.class);

    private final int tabuThreads;
    private final int cpSatWorkers;
    private final int patience;

    private HybridSolver(final int tabuThreads, final int cpSatWorkers, final int patience) {
        if (tabuThreads < 1 || cpSatWorkers < 0) {
            throw new IllegalArgumentException("need at least one tabu thread and no negative CP-SAT workers, got "
                    + tabuThreads + " and " + cpSatWorkers);
        }
        this.tabuThreads = tabuThreads;
        this.cpSatWorkers = cpSatWorkers;
        this.patience = patience;
    }

    /** The benchmarked configuration: one tabu search thread and one CP-SAT worker (2 threads, as the reference). */
    public static HybridSolver standard() {
        return of(1, 1);
    }

    public static HybridSolver of(final int tabuThreads, final int cpSatWorkers) {
        return new HybridSolver(tabuThreads, cpSatWorkers, TabuSearch.DEFAULT_PATIENCE);
    }

    @Override
    public String name() {
        return "hybrid-" + tabuThreads + "ts-" + cpSatWorkers + "cp";
    }

    @Override
    public SolverResult solve(final JobShop shop, final SolveRequest request) {
        final long started = System.nanoTime();
        final long deadline = request.deadlineNanos(started);
        final MachineSequences initial = request.warmStart().map(Schedule::machineSequences)
                .orElseGet(() -> Dispatching.mostWorkRemaining(shop));
        final AtomicInteger lowerBound = new AtomicInteger(shop.trivialLowerBound());
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<CpSolver> cpHandle = new AtomicReference<>();

        FutureTask<CpSatSolver.Run> cpTask = null;
        if (cpSatWorkers > 0) {
            final int[] hint = initial.semiActiveSchedule().starts();
            cpTask = new FutureTask<>(() -> {
                final CpSatSolver.Run run = CpSatSolver.start(shop, Optional.of(hint),
                        Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), request.seed(), cpSatWorkers,
                        cpHandle, done);
                if (run.optimal()) {
                    lowerBound.accumulateAndGet(run.schedule().orElseThrow().makespan(), Math::max);
                    done.set(true);
                } else {
                    lowerBound.accumulateAndGet(run.lowerBound(), Math::max);
                }
                return run;
            });
            start(cpTask, "cpsat-" + shop.name());
        }
        final List<FutureTask<TabuSearch.Outcome>> searches = new ArrayList<>();
        for (int t = 0; t < tabuThreads; t++) {
            final long seed = request.seed() * 31 + t;
            final FutureTask<TabuSearch.Outcome> search = new FutureTask<>(() -> {
                final TabuSearch.Outcome outcome = new TabuSearch(shop, seed, patience)
                        .run(initial, deadline, lowerBound::get, done::get, request.candidates());
                if (outcome.provenOptimal() || outcome.best().makespan() <= lowerBound.get()) {
                    done.set(true);
                    final CpSolver solver = cpHandle.get();
                    if (solver != null) {
                        solver.stopSearch();
                    }
                }
                return outcome;
            });
            searches.add(search);
            if (t < tabuThreads - 1) {
                start(search, "tabu-" + t + "-" + shop.name());
            }
        }
        searches.get(searches.size() - 1).run(); // the last search runs on the caller's thread

        final List<Schedule> found = new ArrayList<>();
        boolean optimal = false;
        long iterations = 0;
        String cpStatus = "none";
        try {
            for (final FutureTask<TabuSearch.Outcome> search : searches) {
                final TabuSearch.Outcome outcome = search.get();
                found.addAll(outcome.elite());
                optimal |= outcome.provenOptimal();
                iterations += outcome.iterations();
            }
            if (cpTask != null) {
                final CpSatSolver.Run run = cpTask.get();
                run.schedule().ifPresent(found::add);
                optimal |= run.optimal();
                cpStatus = run.status().toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving " + shop.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("solving " + shop.name() + " failed: " + e.getCause(), e.getCause());
        }
        request.warmStart().ifPresent(found::add);
        final List<Schedule> ranked = found.stream().distinct()
                .sorted(Comparator.comparingInt(Schedule::makespan)).limit(request.candidates()).toList();
        final Schedule best = ranked.get(0);
        final int bound = optimal ? best.makespan() : Math.min(lowerBound.get(), best.makespan());
        LOG.debug("hybrid {} makespan={} bound={} optimal={} tabuIterations={} cpsat={}", shop.name(),
                best.makespan(), bound, optimal, iterations, cpStatus);
        return new SolverResult(name(), best, bound, optimal || best.makespan() <= bound,
                Duration.ofNanos(System.nanoTime() - started), ranked,
                "tabu iterations " + iterations + ", cp-sat " + cpStatus);
    }

    private static void start(final Runnable task, final String name) {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
