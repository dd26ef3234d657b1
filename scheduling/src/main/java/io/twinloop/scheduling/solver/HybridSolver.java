package io.twinloop.scheduling.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.ortools.sat.CpSolver;

import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.MachineSequences;
import io.twinloop.scheduling.jobshop.Schedule;

/**
 * The improved solver: tabu search ({@link TabuSearch}, N7 neighbourhood) on some threads and CP-SAT on the others,
 * all sharing one deadline. CP-SAT gets the start plan as hints and a share of the budget: on small instances it
 * proves the optimum within it and stops everything; otherwise its thread goes on as a further tabu search from
 * CP-SAT's best schedule. Tabu search finds good schedules on the larger instances far sooner than CP-SAT (measured:
 * see the module README). Whoever proves optimality (CP-SAT's status, or a search reaching the lower bound) stops
 * the others. Threads equal the reference's 2 CP-SAT workers, so both use the same CPU.
 */
public final class HybridSolver implements JobShopSolver {

    private static final Logger LOG = LoggerFactory.getLogger(HybridSolver.class);

    private final int tabuThreads;
    private final int cpSatWorkers;
    private final double cpSatShare;
    private final int patience;
    private final boolean insertions;

    private HybridSolver(final int tabuThreads, final int cpSatWorkers, final double cpSatShare, final int patience,
            final boolean insertions) {
        if (tabuThreads < 1 || cpSatWorkers < 0) {
            throw new IllegalArgumentException("need at least one tabu thread and no negative CP-SAT workers, got "
                    + tabuThreads + " and " + cpSatWorkers);
        }
        if (!(cpSatShare > 0 && cpSatShare <= 1)) {
            throw new IllegalArgumentException("the CP-SAT share of the budget must be in (0, 1], got " + cpSatShare);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 iteration, got " + patience);
        }
        this.tabuThreads = tabuThreads;
        this.cpSatWorkers = cpSatWorkers;
        this.cpSatShare = cpSatShare;
        this.patience = patience;
        this.insertions = insertions;
    }

    /**
     * The benchmarked configuration: one tabu search thread, and one CP-SAT worker for the first 10% of the budget
     * that then continues as a second tabu search (2 threads, as the reference).
     */
    public static HybridSolver standard() {
        return of(1, 1).withCpSatShare(0.1);
    }

    /** {@code tabuThreads} searches next to CP-SAT with {@code cpSatWorkers} workers for the whole budget. */
    public static HybridSolver of(final int tabuThreads, final int cpSatWorkers) {
        return new HybridSolver(tabuThreads, cpSatWorkers, 1.0, TabuSearch.DEFAULT_PATIENCE, true);
    }

    /** CP-SAT runs for this fraction of the budget; its thread then searches with tabu search. */
    public HybridSolver withCpSatShare(final double share) {
        return new HybridSolver(tabuThreads, cpSatWorkers, share, patience, insertions);
    }

    /** Jump back to an elite solution after {@code iterations} without a new best. */
    public HybridSolver withPatience(final int iterations) {
        return new HybridSolver(tabuThreads, cpSatWorkers, cpSatShare, iterations, insertions);
    }

    /** The N7 neighbourhood ({@code true}, the default) or N5 swaps only. */
    public HybridSolver withInsertions(final boolean enabled) {
        return new HybridSolver(tabuThreads, cpSatWorkers, cpSatShare, patience, enabled);
    }

    @Override
    public String name() {
        return "hybrid-" + tabuThreads + "ts-" + cpSatWorkers + "cp"
                + (cpSatWorkers > 0 && cpSatShare < 1 ? "@" + Math.round(cpSatShare * 100) + "%" : "")
                + (insertions ? "" : "-n5");
    }

    @Override
    public SolverResult solve(final JobShop shop, final SolveRequest request) {
        final long started = System.nanoTime();
        final long deadline = request.deadlineNanos(started);
        final MachineSequences initial = request.warmStart().map(Schedule::machineSequences)
                .orElseGet(() -> Dispatching.mostWorkRemaining(shop));
        final Shared shared = new Shared(shop, request, deadline);

        final List<FutureTask<Void>> tasks = new ArrayList<>();
        if (cpSatWorkers > 0) {
            final long cpDeadline = started + (long) (request.budget().toNanos() * cpSatShare);
            tasks.add(new FutureTask<>(() -> {
                final Optional<Schedule> found = cpSat(shared, initial, cpDeadline);
                if (!shared.done.get() && cpDeadline < deadline) {
                    final MachineSequences from = found.map(Schedule::machineSequences).orElse(initial);
                    search(shared, from, request.seed() * 31 + tabuThreads);
                }
                return null;
            }));
        }
        for (int t = 0; t < tabuThreads; t++) {
            final long seed = request.seed() * 31 + t;
            // without a plan to keep close to, further threads start elsewhere: they then explore other regions
            final MachineSequences from = t == 0 || request.warmStart().isPresent() ? initial
                    : Dispatching.randomized(shop, seed);
            tasks.add(new FutureTask<>(() -> {
                search(shared, from, seed);
                return null;
            }));
        }
        for (int i = 1; i < tasks.size(); i++) {
            final Thread thread = new Thread(tasks.get(i), "hybrid-" + i + "-" + shop.name());
            thread.setDaemon(true);
            thread.start();
        }
        tasks.get(0).run(); // the first on the caller's thread
        try {
            for (final FutureTask<Void> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving " + shop.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("solving " + shop.name() + " failed: " + e.getCause(), e.getCause());
        }

        request.warmStart().ifPresent(shared.found::add);
        final List<Schedule> ranked = shared.found.stream().distinct()
                .sorted(Comparator.comparingInt(Schedule::makespan)).limit(request.candidates()).toList();
        final Schedule best = ranked.get(0);
        final boolean optimal = shared.optimal.get() || best.makespan() <= shared.lowerBound.get();
        final int bound = optimal ? best.makespan() : Math.min(shared.lowerBound.get(), best.makespan());
        LOG.debug("hybrid {} makespan={} bound={} optimal={} tabuIterations={} cpsat={}", shop.name(),
                best.makespan(), bound, optimal, shared.iterations.get(), shared.cpStatus.get());
        return new SolverResult(name(), best, bound, optimal, Duration.ofNanos(System.nanoTime() - started), ranked,
                "tabu iterations " + shared.iterations.get() + ", cp-sat " + shared.cpStatus.get());
    }

    private Optional<Schedule> cpSat(final Shared shared, final MachineSequences initial, final long cpDeadline) {
        final CpSatSolver.Run run = CpSatSolver.start(shared.shop, Optional.of(initial.semiActiveSchedule().starts()),
                Duration.ofNanos(Math.max(1, cpDeadline - System.nanoTime())), shared.request.seed(), cpSatWorkers,
                shared.cpHandle, shared.done);
        shared.cpStatus.set(run.status().toString());
        run.schedule().ifPresent(shared.found::add);
        if (run.optimal()) {
            shared.lowerBound.accumulateAndGet(run.schedule().orElseThrow().makespan(), Math::max);
            shared.optimal.set(true);
            shared.done.set(true);
        } else {
            shared.lowerBound.accumulateAndGet(run.lowerBound(), Math::max);
        }
        return run.schedule();
    }

    private void search(final Shared shared, final MachineSequences from, final long seed) {
        final TabuSearch.Outcome outcome = new TabuSearch(shared.shop, seed, patience, insertions)
                .run(from, shared.deadline, shared.lowerBound::get, shared.done::get, shared.request.candidates(),
                        shared.request.iterationLimit());
        shared.found.addAll(outcome.elite());
        shared.iterations.addAndGet(outcome.iterations());
        if (outcome.provenOptimal() || outcome.best().makespan() <= shared.lowerBound.get()) {
            shared.optimal.compareAndSet(false, outcome.provenOptimal());
            shared.done.set(true);
            final CpSolver solver = shared.cpHandle.get();
            if (solver != null) {
                solver.stopSearch();
            }
        }
    }

    /** What the threads of one solve share. */
    private static final class Shared {
        final JobShop shop;
        final SolveRequest request;
        final long deadline;
        final AtomicInteger lowerBound;
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicBoolean optimal = new AtomicBoolean();
        final AtomicReference<CpSolver> cpHandle = new AtomicReference<>();
        final AtomicReference<String> cpStatus = new AtomicReference<>("none");
        final AtomicLong iterations = new AtomicLong();
        final Queue<Schedule> found = new ConcurrentLinkedQueue<>();

        Shared(final JobShop shop, final SolveRequest request, final long deadline) {
            this.shop = shop;
            this.request = request;
            this.deadline = deadline;
            this.lowerBound = new AtomicInteger(shop.trivialLowerBound());
        }
    }
}
