package io.twinloop.optimizer.sequencing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.scheduling.jobshop.Schedule;
import io.twinloop.scheduling.solver.HybridSolver;
import io.twinloop.scheduling.solver.JobShopSolver;
import io.twinloop.scheduling.solver.SolveRequest;
import io.twinloop.scheduling.solver.SolverResult;

/**
 * Candidate queue orders from the scheduling module's solver ({@link HybridSolver}: tabu search N7 beside CP-SAT):
 * the line's job shop solved for makespan within the configured budget, warm-started from the current order (so
 * the current plan is among them), asking for as many distinct schedules as candidates are wanted; each schedule
 * projected on the queues (each machine's waiting jobs by their start). The solver knows nothing of due dates, so
 * its schedules are seeds: each is simulated and judged on delivery like every other candidate.
 *
 * @param orders distinct projected orders, the solver's best first
 * @param detail what the solve did, for the reasoning
 */
record SolverSeeds(List<QueueOrder> orders, String detail) {

    private static final Logger LOG = LoggerFactory.getLogger(SolverSeeds.class);
    private static final JobShopSolver SOLVER = HybridSolver.standard();
    /** one search thread, no CP-SAT: with an iteration limit the same schedules on any machine */
    private static final JobShopSolver REPRODUCIBLE = HybridSolver.of(1, 0);

    static SolverSeeds solve(final FlowLine line, final SequencingSettings settings) {
        final Schedule plan = line.simulate(line.current());
        try {
            final JobShopSolver solver = settings.solverIterations() > 0 ? REPRODUCIBLE : SOLVER;
            final SolverResult result = solver.solve(line.shop(), SolveRequest.of(settings.solverBudget())
                    .withSeed(settings.seed()).withWarmStart(plan).withCandidates(settings.candidates())
                    .withIterationLimit(settings.solverIterations()));
            final Set<QueueOrder> orders = new LinkedHashSet<>();
            result.candidates().forEach(schedule -> orders.add(line.project(schedule)));
            final String detail = String.format(java.util.Locale.ROOT, "%s: %d schedules, makespan %.1f h (current "
                    + "order %.1f h)%s, %d ms", result.solver(), result.candidates().size(),
                    result.makespan() / 3600.0, plan.makespan() / 3600.0, result.optimal() ? " proven optimal" : "",
                    result.wallTime().toMillis());
            return new SolverSeeds(List.copyOf(orders), detail);
        } catch (final RuntimeException | LinkageError e) {
            // the rules and the local search still give candidates; the solver's absence is worth a warning
            LOG.warn("job-shop solver failed, re-sequencing without it: line={} error=\"{}\"", line.name(), e.toString());
            return new SolverSeeds(List.of(), "solver failed: " + e);
        }
    }

    /** The orders that still fit the line (the queues may have moved on since the solve). */
    SolverSeeds fitting(final FlowLine line) {
        return new SolverSeeds(orders.stream().filter(line::accepts).toList(), detail);
    }
}
