package io.twinloop.scheduling.solver;

import io.twinloop.scheduling.jobshop.JobShop;

/** Minimizes the makespan of a job shop within a time budget. Implementations are thread-safe and reusable. */
public interface JobShopSolver {

    /** Short name for logs and benchmark tables. */
    String name();

    /**
     * @return always a valid schedule: the best found, else the warm start, else a dispatching schedule
     */
    SolverResult solve(JobShop shop, SolveRequest request);
}
