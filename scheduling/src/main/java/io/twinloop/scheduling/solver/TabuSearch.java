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
 * Tabu search on machine sequences over the blocks of one critical path: the N5 neighbourhood of Nowicki and
 * Smutnicki (1996) swaps the first two or the last two operations of a block (never a cycle); N7 (Zhang et al. 2007)
 * adds moving an operation to the front or end of its block and the first or last one inside, where a sufficient
 * condition on heads and tails rules out a cycle. Moves are chosen by a makespan estimate from heads and tails; the reversed arc stays tabu for a random tenure around
 * 10 + jobs/machines (Zhang et al. 2007); a move that beats the best is always allowed. After many iterations
 * without improvement the search jumps back to one of its elite solutions, randomly perturbed. One instance runs
 * one search at a time (it holds the search's arrays); it is deterministic for a seed and an iteration count.
 */
final class TabuSearch {

    /** The tabu list is an operations x operations matrix: 5,000 operations take 100 MB per search. */
    static final int MAX_OPERATIONS = 5_000;
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
    private final int[] moveOp;
    private final int[] moveTo;
    private final int[] segment;
    private final int[] segmentHead;
    private final int[] tabuUntil;
    private final SplittableRandom random;
    private final int tenureMin;
    private final int tenureMax;
    private final int patience;
    private final boolean insertions;
    private int makespan;
    /**
     * Set by {@link #neighbourhood()}: the critical path is one job's chain from its earliest start, or one block of a
     * machine from the machine's availability; either is a lower bound, so the schedule is optimal.
     */
    private boolean pathIsLowerBound;

    /**
     * @param insertions false: N5 swaps only; true: N7 (Zhang et al. 2007), which also moves operations of a block to
     * its front or end and its first or last operation inside, where a sufficient condition shows no cycle can arise
     */
    TabuSearch(final JobShop shop, final long seed, final int patience, final boolean insertions) {
        this.insertions = insertions;
        if (shop.operationCount() > MAX_OPERATIONS) {
            throw new IllegalArgumentException(shop + ": the tabu search handles up to " + MAX_OPERATIONS
                    + " operations (use CpSatSolver for larger shops)");
        }
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
        this.moveOp = new int[8 * n];
        this.moveTo = new int[8 * n];
        this.segment = new int[n];
        this.segmentHead = new int[n];
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
     * Searches from {@code initial} until the deadline, {@code stop} says so, the best reaches {@code lowerBound}
     * (read as the search goes: another solver may raise it) or {@code iterationLimit} iterations are done (0: no
     * limit).
     */
    Outcome run(final MachineSequences initial, final long deadlineNanos, final IntSupplier lowerBound,
            final BooleanSupplier stop, final int keep, final long iterationLimit) {
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
            if (iterationLimit > 0 && iterations >= iterationLimit) {
                break;
            }
            if ((iterations & 31) == 0 && (System.nanoTime() >= deadlineNanos || stop.getAsBoolean()
                    || best <= lowerBound.getAsInt())) {
                break;
            }
            iterations++;
            final int moves = neighbourhood();
            if (moves == 0) {
                if (pathIsLowerBound && makespan <= best) {
                    optimal = true;
                    break;
                }
                restart(elite, iter);
                sinceBest = 0;
                continue;
            }
            final int chosen = choose(moves, best, iter);
            final int op = moveOp[chosen];
            final int from = pos[op];
            final int to = moveTo[chosen];
            move(op, to);
            if (!evaluate()) {
                // the sufficient conditions exclude this except with zero durations: undo
                move(op, from);
                evaluate();
                iter++;
                continue;
            }
            iter++;
            markTabu(op, from, to, iter + tenureMin + random.nextInt(tenureMax - tenureMin + 1));
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
        // path[length-1] is the first operation; walk forward collecting blocks (machine-adjacent runs). The first
        // block's front cannot gain when it starts at its machine's availability; when a job's release holds it,
        // another operation may well go first.
        final int first = path[length - 1];
        final boolean machineBoundStart = head[first] == shop.machineAvailableFrom(shop.machine(first));
        int moves = 0;
        int blockStart = length - 1;
        boolean firstBlock = machineBoundStart;
        int blocks = 0;
        int longBlocks = 0;
        for (int i = length - 1; i >= 0; i--) {
            final boolean closes = i == 0 || mSucc[path[i]] != path[i - 1];
            if (!closes) {
                continue;
            }
            final int size = blockStart - i + 1;
            final boolean lastBlock = i == 0;
            blocks++;
            if (size >= 2) {
                longBlocks++;
                moves = blockMoves(moves, path[blockStart], size, firstBlock, lastBlock);
            }
            firstBlock = false;
            blockStart = i - 1;
        }
        pathIsLowerBound = longBlocks == 0 || blocks == 1 && machineBoundStart;
        return moves;
    }

    /**
     * The moves of one block starting with operation {@code first}. A block that opens the path (at its machine's
     * availability) gains nothing from changing its front, one that closes it nothing from changing its end
     * (Nowicki and Smutnicki's argument).
     */
    private int blockMoves(int moves, final int first, final int size, final boolean firstBlock,
            final boolean lastBlock) {
        final int[] s = seq[shop.machine(first)];
        final int b1 = pos[first];
        final int bk = b1 + size - 1;
        if (!firstBlock) {
            moves = add(moves, s[b1], b1 + 1); // N5: swap the first two
            if (insertions) {
                for (int j = b1 + 2; j <= bk; j++) {
                    // an inner or the last operation to the front, if it cannot close a cycle
                    final int x = s[j];
                    if (jobPred[x] < 0 || head[jobPred[x]] < head[s[b1]] + p[s[b1]]) {
                        moves = add(moves, x, b1);
                    }
                }
                for (int j = b1 + 2; j < bk || (j == bk && lastBlock); j++) {
                    // the first operation to just after an inner one
                    final int x = s[b1];
                    if (jobSucc[x] < 0 || tail[jobSucc[x]] < p[s[j]] + tail[s[j]]) {
                        moves = add(moves, x, j);
                    }
                }
            }
        }
        if (!lastBlock && (firstBlock || size > 2)) {
            moves = add(moves, s[bk - 1], bk); // N5: swap the last two
        }
        if (!lastBlock && insertions) {
            for (int j = b1; j <= bk - 2; j++) {
                // an inner or the first operation to the end
                final int x = s[j];
                if (jobSucc[x] < 0 || tail[jobSucc[x]] < p[s[bk]] + tail[s[bk]]) {
                    moves = add(moves, x, bk);
                }
            }
            for (int j = b1 + 1; j <= bk - 2; j++) {
                // the last operation to just before an inner one
                final int x = s[bk];
                if (jobPred[x] < 0 || head[jobPred[x]] < head[s[j]] + p[s[j]]) {
                    moves = add(moves, x, j);
                }
            }
        }
        return moves;
    }

    /** Adds moving {@code op} to position {@code to} of its machine, unless it is a duplicate or breaks a route. */
    private int add(final int moves, final int op, final int to) {
        final int from = pos[op];
        final int[] s = seq[shop.machine(op)];
        final int low = Math.min(from, to);
        final int high = Math.max(from, to);
        // same job twice on one machine: its operations keep their order
        for (int k = low; k <= high; k++) {
            if (shop.job(s[k]) == shop.job(op) && s[k] != op) {
                return moves;
            }
        }
        // a swap of neighbours can be written two ways: always as the earlier one moving one place on
        final int canonicalOp = high - low == 1 ? s[low] : op;
        final int canonicalTo = high - low == 1 ? high : to;
        for (int i = 0; i < moves; i++) {
            if (moveOp[i] == canonicalOp && moveTo[i] == canonicalTo) {
                return moves;
            }
        }
        moveOp[moves] = canonicalOp;
        moveTo[moves] = canonicalTo;
        return moves + 1;
    }

    /** Best admissible move by estimate; if all are tabu and none beats the best, a random one. */
    private int choose(final int moves, final int best, final int iter) {
        int chosen = -1;
        int chosenEstimate = Integer.MAX_VALUE;
        int ties = 0;
        for (int i = 0; i < moves; i++) {
            final int estimate = estimate(moveOp[i], moveTo[i]);
            if (estimate >= best && isTabu(moveOp[i], moveTo[i], iter)) {
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
        return chosen >= 0 ? chosen : random.nextInt(moves);
    }

    /** Whether the move would put back an order that a recent move reversed. */
    private boolean isTabu(final int op, final int to, final int iter) {
        final int[] s = seq[shop.machine(op)];
        final int from = pos[op];
        if (from < to) {
            for (int k = from + 1; k <= to; k++) {
                if (tabuUntil[s[k] * n + op] > iter) {
                    return true;
                }
            }
        } else {
            for (int k = to; k < from; k++) {
                if (tabuUntil[op * n + s[k]] > iter) {
                    return true;
                }
            }
        }
        return false;
    }

    /** After {@code op} moved from {@code from} to {@code to}: the orders it reversed may not come back for a while. */
    private void markTabu(final int op, final int from, final int to, final int until) {
        final int[] s = seq[shop.machine(op)];
        if (from < to) {
            for (int k = from; k < to; k++) {
                tabuUntil[op * n + s[k]] = until; // op was before s[k]
            }
        } else {
            for (int k = to + 1; k <= from; k++) {
                tabuUntil[s[k] * n + op] = until; // s[k] was before op
            }
        }
    }

    /**
     * Estimate of the makespan after moving {@code op} to position {@code to} (Taillard's estimate for swaps,
     * Balas and Vazacopoulos' for insertions): heads recomputed along the changed stretch of the machine from the
     * job predecessors' current heads, tails likewise backwards; the longest path through the stretch.
     */
    private int estimate(final int op, final int to) {
        final int[] s = seq[shop.machine(op)];
        final int from = pos[op];
        final int low = Math.min(from, to);
        final int high = Math.max(from, to);
        int length = 0;
        if (from < to) {
            for (int k = from + 1; k <= to; k++) {
                segment[length++] = s[k];
            }
            segment[length++] = op;
        } else {
            segment[length++] = op;
            for (int k = to; k < from; k++) {
                segment[length++] = s[k];
            }
        }
        int previousEnd = low > 0 ? head[s[low - 1]] + p[s[low - 1]] : 0;
        for (int t = 0; t < length; t++) {
            final int x = segment[t];
            int r = Math.max(earliest[x], previousEnd);
            if (jobPred[x] >= 0) {
                r = Math.max(r, head[jobPred[x]] + p[jobPred[x]]);
            }
            segmentHead[t] = r;
            previousEnd = r + p[x];
        }
        int nextTail = high + 1 < s.length ? p[s[high + 1]] + tail[s[high + 1]] : 0;
        int estimate = 0;
        for (int t = length - 1; t >= 0; t--) {
            final int x = segment[t];
            int q = nextTail;
            if (jobSucc[x] >= 0) {
                q = Math.max(q, p[jobSucc[x]] + tail[jobSucc[x]]);
            }
            estimate = Math.max(estimate, segmentHead[t] + p[x] + q);
            nextTail = p[x] + q;
        }
        return estimate;
    }

    /** Moves {@code op} to position {@code to} of its machine's sequence, shifting the ones between. */
    private void move(final int op, final int to) {
        final int[] s = seq[shop.machine(op)];
        final int from = pos[op];
        if (from < to) {
            System.arraycopy(s, from + 1, s, from, to - from);
        } else {
            System.arraycopy(s, to, s, to + 1, from - to);
        }
        s[to] = op;
        final int low = Math.max(0, Math.min(from, to) - 1);
        final int high = Math.min(s.length - 1, Math.max(from, to) + 1);
        for (int k = low; k <= high; k++) {
            pos[s[k]] = k;
            mPred[s[k]] = k > 0 ? s[k - 1] : -1;
            mSucc[s[k]] = k + 1 < s.length ? s[k + 1] : -1;
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
            final int from = pos[moveOp[chosen]];
            move(moveOp[chosen], moveTo[chosen]);
            if (!evaluate()) {
                move(moveOp[chosen], from);
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
