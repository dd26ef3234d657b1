package io.twinloop.scheduling.jobshop;

import java.util.Arrays;

/**
 * The order in which each machine processes its operations. Together with the shop it determines the earliest
 * (semi-active) schedule, or none when the orders contradict the jobs' routes (a cycle). This is what local search
 * moves and what a warm start hands over.
 */
public final class MachineSequences {

    private final JobShop shop;
    private final int[][] sequences;

    private MachineSequences(final JobShop shop, final int[][] sequences) {
        this.shop = shop;
        this.sequences = sequences;
    }

    /**
     * @throws IllegalArgumentException when a machine's sequence is not exactly the operations needing it
     */
    public static MachineSequences of(final JobShop shop, final int[][] sequences) {
        if (sequences.length != shop.machineCount()) {
            throw new IllegalArgumentException(shop.name() + ": need " + shop.machineCount() + " machine sequences, got "
                    + sequences.length);
        }
        final int[][] copy = new int[sequences.length][];
        for (int m = 0; m < sequences.length; m++) {
            final int[] expected = shop.operationsOn(m);
            final int[] sorted = sequences[m].clone();
            Arrays.sort(sorted);
            if (!Arrays.equals(expected, sorted)) {
                throw new IllegalArgumentException(shop.name() + ": the sequence of machine " + m + " must hold exactly "
                        + "its operations " + Arrays.toString(expected) + ", got " + Arrays.toString(sequences[m]));
            }
            copy[m] = sequences[m].clone();
        }
        return new MachineSequences(shop, copy);
    }

    public JobShop shop() {
        return shop;
    }

    public int[] sequence(final int machine) {
        return sequences[machine].clone();
    }

    /** A copy of all sequences, for solvers that edit them. */
    public int[][] toArrays() {
        final int[][] copy = new int[sequences.length][];
        for (int m = 0; m < sequences.length; m++) {
            copy[m] = sequences[m].clone();
        }
        return copy;
    }

    /**
     * The earliest schedule that keeps these orders: each operation starts when its job predecessor, its machine
     * predecessor, its release and its machine's availability all allow.
     *
     * @throws IllegalArgumentException when the orders contradict the jobs' routes (no schedule can keep them)
     */
    public Schedule semiActiveSchedule() {
        final int n = shop.operationCount();
        final int[] machinePred = new int[n];
        final int[] machineSucc = new int[n];
        Arrays.fill(machinePred, -1);
        Arrays.fill(machineSucc, -1);
        for (final int[] sequence : sequences) {
            for (int i = 1; i < sequence.length; i++) {
                machinePred[sequence[i]] = sequence[i - 1];
                machineSucc[sequence[i - 1]] = sequence[i];
            }
        }
        final int[] waiting = new int[n];
        final int[] queue = new int[n];
        int tail = 0;
        for (int op = 0; op < n; op++) {
            waiting[op] = (shop.indexInJob(op) > 0 ? 1 : 0) + (machinePred[op] >= 0 ? 1 : 0);
            if (waiting[op] == 0) {
                queue[tail++] = op;
            }
        }
        final int[] starts = new int[n];
        for (int head = 0; head < tail; head++) {
            final int op = queue[head];
            int start = shop.earliestStart(op);
            if (shop.indexInJob(op) > 0) {
                start = Math.max(start, starts[op - 1] + shop.duration(op - 1));
            }
            if (machinePred[op] >= 0) {
                start = Math.max(start, starts[machinePred[op]] + shop.duration(machinePred[op]));
            }
            starts[op] = start;
            if (op < shop.lastOperation(shop.job(op)) && --waiting[op + 1] == 0) {
                queue[tail++] = op + 1;
            }
            if (machineSucc[op] >= 0 && --waiting[machineSucc[op]] == 0) {
                queue[tail++] = machineSucc[op];
            }
        }
        if (tail < n) {
            throw new IllegalArgumentException(shop.name() + ": the machine sequences contradict the job routes ("
                    + (n - tail) + " operations on a cycle or behind one)");
        }
        return Schedule.of(shop, starts);
    }
}
