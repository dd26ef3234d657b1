package io.twinloop.scheduling.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.MachineSequences;
import io.twinloop.scheduling.jobshop.Schedule;

/**
 * Tabu search on machine sequences with the N5 neighbourhood of Nowicki and Smutnicki (1996): swap the first two or
 * the last two operations of the blocks of one critical path, which never creates a cycle. Moves are chosen by
 * Taillard's makespan estimate from heads and tails; the reversed arc stays tabu for a random tenure around
 * 10 + jobs/machines (Zhang et al. 2007); a move that beats the best is always allowed. After many iterations
 * without improvement the search jumps back to one of its elite solutions, randomly perturbed. One instance runs
 * one search at a time (it holds the search's arrays); it is deterministic for a seed and an iteration count.
 */
final class TabuSearch {

    /** Iterations without a new best before jumping back to an elite solution. */
    static final int DEFAULT_PATIENCE = 4_000;
    private static final int ELITE = 8;
    private static final int PERTURBATION_MOVES = 4;

    private final JobShop shop;
    private final int n;
    private final int[] p;
    private final int[] earliest;
    private final int[] jobPred;
    private final int[] jobSucc;
    private final int[][] seq;
    private final int[] pos;
    private final int[] mPred;
    private final int[] mSucc;
    private final int[] head;
    private final int[] tail;
    private final int[] order;
    private final int[] indegree;
    private final int[] path;
    private final int[] moveU;
    private final int[] moveV;
    private final int[] tabuUntil;
    private final SplittableRandom random;
    private final int tenureMin;
    private final int tenureMax;
    private final int patience;
    private int makespan;

    TabuSearch(final JobShop shop, final long seed, final int patience) {
        this.shop = shop;
        this.n = shop.operationCount();
        this.p = new int[n];
        this.earliest = new int[n];
        this.jobPred = new int[n];
        this.jobSucc = new int[n];
        for (int op = 0; op < n; op++) {
            p[op] = shop.duration(op);
            earliest[op] = shop.earliestStart(op);
            jobPred[op] = shop.indexInJob(op) > 0 ? op - 1 : -1;
            jobSucc[op] = op < shop.lastOperation(shop.job(op)) ? op + 1 : -1;
        }
        this.seq = new int[shop.machineCount()][];
        this.pos = new int[n];
        this.mPred = new int[n];
        this.mSucc = new int[n];
        this.head = new int[n];
        this.tail = new int[n];
        this.order = new int[n];
        this.indegree = new int[n];
        this.path = new int[n];
        this.moveU = new int[2 * n];
        this.moveV = new int[2 * n];
        this.tabuUntil = new int[n * n];
        this.random = new SplittableRandom(seed);
        this.tenureMin = 10 + shop.jobCount() / shop.machineCount();
        this.tenureMax = (int) Math.round(tenureMin * (shop.jobCount() <= 2 * shop.machineCount() ? 1.4 : 1.5));
        this.patience = patience;
    }

    /** What a search found. */
    record Outcome(Schedule best, boolean provenOptimal, long iterations, List<Schedule> elite) {
    }

    /**
     * Searches from {@code initial} until the deadline, {@code stop} says so, or the best reaches {@code lowerBound}
     * (read as the search goes: another solver may raise it).
     */
    Outcome run(final MachineSequences initial, final long deadlineNanos, final IntSupplier lowerBound,
            final BooleanSupplier stop, final int keep) {
        load(initial.toArrays());
        if (!evaluate()) {
            throw new IllegalArgumentException(shop.name() + ": the initial sequences contain a cycle");
        }
        int best = makespan;
        int[][] bestSeq = copy(seq);
        final List<Elite> elite = new ArrayList<>();
        final int eliteSize = Math.max(ELITE, keep);
        remember(elite, eliteSize);
        boolean optimal = false;
        long iterations = 0;
        int sinceBest = 0;
        int iter = 0;
        while (true) {
            if ((iterations & 31) == 0 && (System.nanoTime() >= deadlineNanos || stop.getAsBoolean()
                    || best <= lowerBound.getAsInt())) {
                break;
            }
            iterations++;
            final int moves = neighbourhood();
            if (moves == 0) {
                // the critical path is one job or one machine block: nothing can shorten it
                if (makespan <= best) {
                    optimal = true;
                    break;
                }
                restart(elite, iter);
                sinceBest = 0;
                continue;
            }
            final int chosen = choose(moves, best, iter);
            final int u = moveU[chosen];
            final int v = moveV[chosen];
            swap(u, v);
            if (!evaluate()) {
                // only possible with zero durations; undo and forbid
                swap(v, u);
                evaluate();
                tabuUntil[v * n + u] = iter + tenureMax;
                continue;
            }
            iter++;
            tabuUntil[u * n + v] = iter + tenureMin + random.nextInt(tenureMax - tenureMin + 1);
            if (makespan < best) {
                best = makespan;
                bestSeq = copy(seq);
                sinceBest = 0;
            } else if (++sinceBest > patience) {
                restart(elite, iter);
                sinceBest = 0;
                continue;
            }
            if (elite.size() < eliteSize || makespan <= elite.get(elite.size() - 1).makespan) {
                remember(elite, eliteSize);
            }
        }
        final Schedule bestSchedule = MachineSequences.of(shop, bestSeq).semiActiveSchedule();
        final List<Schedule> candidates = new ArrayList<>();
        candidates.add(bestSchedule);
        for (final Elite e : elite) {
            if (candidates.size() >= keep) {
                break;
            }
            final Schedule schedule = MachineSequences.of(shop, e.sequences).semiActiveSchedule();
            if (!schedule.equals(bestSchedule)) {
                candidates.add(schedule);
            }
        }
        return new Outcome(bestSchedule, optimal, iterations, candidates);
    }

    private void load(final int[][] sequences) {
        for (int m = 0; m < sequences.length; m++) {
            seq[m] = sequences[m].clone();
            for (int i = 0; i < seq[m].length; i++) {
                final int op = seq[m][i];
                pos[op] = i;
                mPred[op] = i > 0 ? seq[m][i - 1] : -1;
                mSucc[op] = i + 1 < seq[m].length ? seq[m][i + 1] : -1;
            }
        }
    }

    /** Heads, tails and makespan by a topological pass; false when the sequences hold a cycle. */
    private boolean evaluate() {
        int size = 0;
        for (int op = 0; op < n; op++) {
            indegree[op] = (jobPred[op] >= 0 ? 1 : 0) + (mPred[op] >= 0 ? 1 : 0);
            if (indegree[op] == 0) {
                order[size++] = op;
            }
        }
        int cmax = 0;
        for (int i = 0; i < size; i++) {
            final int op = order[i];
            int r = earliest[op];
            final int jp = jobPred[op];
            if (jp >= 0 && head[jp] + p[jp] > r) {
                r = head[jp] + p[jp];
            }
            final int mp = mPred[op];
            if (mp >= 0 && head[mp] + p[mp] > r) {
                r = head[mp] + p[mp];
            }
            head[op] = r;
            cmax = Math.max(cmax, r + p[op]);
            final int js = jobSucc[op];
            if (js >= 0 && --indegree[js] == 0) {
                order[size++] = js;
            }
            final int ms = mSucc[op];
            if (ms >= 0 && --indegree[ms] == 0) {
                order[size++] = ms;
            }
        }
        if (size < n) {
            return false;
        }
        for (int i = n - 1; i >= 0; i--) {
            final int op = order[i];
            int q = 0;
            final int js = jobSucc[op];
            if (js >= 0) {
                q = p[js] + tail[js];
            }
            final int ms = mSucc[op];
            if (ms >= 0 && p[ms] + tail[ms] > q) {
                q = p[ms] + tail[ms];
            }
            tail[op] = q;
        }
        makespan = cmax;
        return true;
    }

    /** Fills the N5 moves of one critical path (random among ties); returns how many. */
    private int neighbourhood() {
        int end = -1;
        int ties = 0;
        for (int op = 0; op < n; op++) {
            if (head[op] + p[op] == makespan && tail[op] == 0 && random.nextInt(++ties) == 0) {
                end = op;
            }
        }
        int length = 0;
        int op = end;
        while (op >= 0) {
            path[length++] = op;
            final int jp = jobPred[op];
            final int mp = mPred[op];
            final boolean viaJob = jp >= 0 && head[jp] + p[jp] == head[op];
            final boolean viaMachine = mp >= 0 && head[mp] + p[mp] == head[op];
            if (viaJob && viaMachine) {
                op = random.nextBoolean() ? jp : mp;
            } else {
                op = viaJob ? jp : viaMachine ? mp : -1;
            }
        }
        // path[length-1] is the first operation; walk forward collecting blocks (machine-adjacent runs)
        int moves = 0;
        int blockStart = length - 1;
        boolean firstBlock = true;
        for (int i = length - 1; i >= 0; i--) {
            final boolean closes = i == 0 || mSucc[path[i]] != path[i - 1];
            if (!closes) {
                continue;
            }
            final int size = blockStart - i + 1;
            final boolean lastBlock = i == 0;
            if (size >= 2) {
                if (!firstBlock) {
                    moves = add(moves, path[blockStart], path[blockStart - 1]);
                }
                if (!lastBlock && (firstBlock || size > 2)) {
                    moves = add(moves, path[i + 1], path[i]);
                }
            }
            firstBlock = false;
            blockStart = i - 1;
        }
        return moves;
    }

    private int add(final int moves, final int u, final int v) {
        if (jobPred[v] == u) {
            return moves; // same job twice in a row on one machine: the order is fixed
        }
        moveU[moves] = u;
        moveV[moves] = v;
        return moves + 1;
    }

    /** Best admissible move by estimate; if all are tabu, the one whose tabu ends first. */
    private int choose(final int moves, final int best, final int iter) {
        int chosen = -1;
        int chosenEstimate = Integer.MAX_VALUE;
        int ties = 0;
        int oldest = 0;
        for (int i = 0; i < moves; i++) {
            final int u = moveU[i];
            final int v = moveV[i];
            final int estimate = estimate(u, v);
            final boolean tabu = tabuUntil[v * n + u] > iter;
            if (tabu && estimate >= best) {
                if (tabuUntil[v * n + u] < tabuUntil[moveV[oldest] * n + moveU[oldest]]) {
                    oldest = i;
                }
                continue;
            }
            if (estimate < chosenEstimate) {
                chosen = i;
                chosenEstimate = estimate;
                ties = 1;
            } else if (estimate == chosenEstimate && random.nextInt(++ties) == 0) {
                chosen = i;
            }
        }
        return chosen >= 0 ? chosen : oldest;
    }

    /** Taillard's estimate of the makespan after swapping adjacent {@code u} (first) and {@code v} on a machine. */
    private int estimate(final int u, final int v) {
        final int a = mPred[u];
        final int b = mSucc[v];
        int rv = earliest[v];
        if (jobPred[v] >= 0) {
            rv = Math.max(rv, head[jobPred[v]] + p[jobPred[v]]);
        }
        if (a >= 0) {
            rv = Math.max(rv, head[a] + p[a]);
        }
        int ru = Math.max(earliest[u], rv + p[v]);
        if (jobPred[u] >= 0) {
            ru = Math.max(ru, head[jobPred[u]] + p[jobPred[u]]);
        }
        int qu = b >= 0 ? p[b] + tail[b] : 0;
        if (jobSucc[u] >= 0) {
            qu = Math.max(qu, p[jobSucc[u]] + tail[jobSucc[u]]);
        }
        int qv = qu + p[u];
        if (jobSucc[v] >= 0) {
            qv = Math.max(qv, p[jobSucc[v]] + tail[jobSucc[v]]);
        }
        return Math.max(rv + p[v] + qv, ru + p[u] + qu);
    }

    /** Swaps machine-adjacent {@code u} (first) and {@code v}. */
    private void swap(final int u, final int v) {
        final int[] s = seq[shop.machine(u)];
        final int i = pos[u];
        final int a = mPred[u];
        final int b = mSucc[v];
        s[i] = v;
        s[i + 1] = u;
        pos[v] = i;
        pos[u] = i + 1;
        mPred[v] = a;
        mSucc[v] = u;
        mPred[u] = v;
        mSucc[u] = b;
        if (a >= 0) {
            mSucc[a] = v;
        }
        if (b >= 0) {
            mPred[b] = u;
        }
    }

    /** Back to a random elite solution, a few random critical swaps away, with a fresh tabu list. */
    private void restart(final List<Elite> elite, final int iter) {
        load(elite.get(random.nextInt(elite.size())).sequences);
        evaluate();
        for (int k = 0; k < PERTURBATION_MOVES; k++) {
            final int moves = neighbourhood();
            if (moves == 0) {
                break;
            }
            final int chosen = random.nextInt(moves);
            swap(moveU[chosen], moveV[chosen]);
            if (!evaluate()) {
                swap(moveV[chosen], moveU[chosen]);
                evaluate();
            }
        }
        Arrays.fill(tabuUntil, 0);
    }

    private void remember(final List<Elite> elite, final int size) {
        final int hash = Arrays.deepHashCode(seq);
        for (final Elite e : elite) {
            if (e.hash == hash && e.makespan == makespan && Arrays.deepEquals(e.sequences, seq)) {
                return;
            }
        }
        elite.add(new Elite(makespan, hash, copy(seq)));
        elite.sort(Comparator.comparingInt(e -> e.makespan));
        if (elite.size() > size) {
            elite.remove(elite.size() - 1);
        }
    }

    private static int[][] copy(final int[][] arrays) {
        final int[][] copy = new int[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i].clone();
        }
        return copy;
    }

    /** A remembered good solution. */
    private record Elite(int makespan, int hash, int[][] sequences) {
    }
}
