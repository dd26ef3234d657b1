package io.twinloop.scheduling.solver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.IntervalVar;
import com.google.ortools.sat.LinearExpr;

import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.Schedule;

/**
 * The reference: OR-Tools CP-SAT on the standard disjunctive model (a fixed-size interval per operation, job
 * precedences as linear constraints, one NoOverlap per machine, makespan minimized), with a number of workers and the
 * request's time budget and seed. A warm start becomes solution hints.
 */
public final class CpSatSolver implements JobShopSolver {

    private static final Logger LOG = LoggerFactory.getLogger(CpSatSolver.class);

    private final int workers;

    private CpSatSolver(final int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("CP-SAT needs at least 1 worker, got " + workers);
        }
        this.workers = workers;
    }

    /** The benchmark reference: 2 workers. */
    public static CpSatSolver reference() {
        return withWorkers(2);
    }

    public static CpSatSolver withWorkers(final int workers) {
        return new CpSatSolver(workers);
    }

    /**
     * Loads OR-Tools' native library (extracted from its jar: a second or more on a busy machine). Benchmarks call it
     * before timing; solves call it anyway.
     */
    public static void loadNativeLibraries() {
        Loader.loadNativeLibraries();
    }

    @Override
    public String name() {
        return "cpsat-" + workers + "w";
    }

    @Override
    public SolverResult solve(final JobShop shop, final SolveRequest request) {
        final long started = System.nanoTime();
        final Run run = start(shop, request.warmStart().map(Schedule::starts), request.budget(), request.seed(),
                workers, new AtomicReference<>(), new java.util.concurrent.atomic.AtomicBoolean());
        final Schedule best = run.schedule().or(() -> request.warmStart())
                .orElseGet(() -> Dispatching.mostWorkRemaining(shop).semiActiveSchedule());
        final List<Schedule> candidates = new ArrayList<>(List.of(best));
        request.warmStart().filter(plan -> !plan.equals(best)).filter(plan -> request.candidates() > 1)
                .ifPresent(candidates::add);
        return new SolverResult(name(), best, run.lowerBound(), run.optimal() && run.schedule().isPresent(),
                Duration.ofNanos(System.nanoTime() - started), candidates, run.status().toString());
    }

    /** One CP-SAT solve's outcome. */
    record Run(CpSolverStatus status, Optional<Schedule> schedule, int lowerBound) {
        boolean optimal() {
            return status == CpSolverStatus.OPTIMAL;
        }
    }

    /**
     * Builds and solves the standard model. {@code handle} receives the running solver so that another thread can
     * stop it early ({@link CpSolver#stopSearch()}); {@code cancelled} skips the solve when set before it starts;
     * {@code hint} are start times to try first.
     */
    static Run start(final JobShop shop, final Optional<int[]> hint, final Duration budget, final long seed,
            final int workers, final AtomicReference<CpSolver> handle, final java.util.concurrent.atomic.AtomicBoolean cancelled) {
        Loader.loadNativeLibraries();
        final CpModel model = new CpModel();
        final int n = shop.operationCount();
        final long horizon = horizon(shop);
        final IntVar[] starts = new IntVar[n];
        final List<List<IntervalVar>> perMachine = new ArrayList<>();
        for (int m = 0; m < shop.machineCount(); m++) {
            perMachine.add(new ArrayList<>());
        }
        for (int op = 0; op < n; op++) {
            starts[op] = model.newIntVar(shop.earliestStart(op), horizon, "s" + op);
            perMachine.get(shop.machine(op)).add(
                    model.newFixedSizeIntervalVar(starts[op], shop.duration(op), "i" + op));
            if (shop.indexInJob(op) > 0) {
                model.addGreaterOrEqual(starts[op], LinearExpr.affine(starts[op - 1], 1, shop.duration(op - 1)));
            }
        }
        perMachine.forEach(model::addNoOverlap);
        final IntVar makespan = model.newIntVar(shop.trivialLowerBound(), horizon, "makespan");
        for (int j = 0; j < shop.jobCount(); j++) {
            final int last = shop.lastOperation(j);
            model.addGreaterOrEqual(makespan, LinearExpr.affine(starts[last], 1, shop.duration(last)));
        }
        model.minimize(makespan);
        hint.ifPresent(values -> {
            int end = 0;
            for (int op = 0; op < n; op++) {
                model.addHint(starts[op], values[op]);
                end = Math.max(end, values[op] + shop.duration(op));
            }
            model.addHint(makespan, end);
        });

        final CpSolver solver = new CpSolver();
        solver.getParameters()
                .setMaxTimeInSeconds(budget.toNanos() / 1e9)
                .setNumWorkers(workers)
                .setRandomSeed((int) (seed & 0x7fffffff))
                .setLogSearchProgress(false);
        handle.set(solver);
        // a partner that finished while the model was built would otherwise find no solver to stop
        final CpSolverStatus status = cancelled.get() ? CpSolverStatus.UNKNOWN : solver.solve(model);
        handle.set(null);
        Optional<Schedule> schedule = Optional.empty();
        int bound = shop.trivialLowerBound();
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            final int[] values = new int[n];
            for (int op = 0; op < n; op++) {
                values[op] = (int) solver.value(starts[op]);
            }
            // the values are re-checked by the validator: a solver's word is not taken for it
            schedule = Optional.of(Schedule.of(shop, values));
            bound = Math.max(bound, (int) Math.ceil(solver.bestObjectiveBound() - 1e-6));
        }
        LOG.debug("cp-sat {} workers={} status={} makespan={} bound={}", shop.name(), workers, status,
                schedule.map(Schedule::makespan).orElse(-1), bound);
        return new Run(status, schedule, bound);
    }

    private static long horizon(final JobShop shop) {
        int latest = 0;
        for (int j = 0; j < shop.jobCount(); j++) {
            latest = Math.max(latest, shop.jobRelease(j));
        }
        for (int m = 0; m < shop.machineCount(); m++) {
            latest = Math.max(latest, shop.machineAvailableFrom(m));
        }
        return latest + shop.totalDuration();
    }
}
