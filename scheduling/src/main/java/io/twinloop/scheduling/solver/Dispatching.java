package io.twinloop.scheduling.solver;

import java.util.Arrays;

import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.MachineSequences;

/**
 * Giffler-Thompson active schedule generation with the "most work remaining" priority rule: the classic quick,
 * reasonable start (within some 10-30% of optimum on the benchmark sets) for local search and the fallback when a
 * solver finds nothing within its budget.
 */
public final class Dispatching {

    private Dispatching() {
    }

    public static MachineSequences mostWorkRemaining(final JobShop shop) {
        return generate(shop, null);
    }

    /**
     * The same rule with each job's remaining work scaled by a random factor in [0.7, 1.3), a different start for a
     * second search thread; deterministic for a seed.
     */
    public static MachineSequences randomized(final JobShop shop, final long seed) {
        return generate(shop, new java.util.SplittableRandom(seed));
    }

    private static MachineSequences generate(final JobShop shop, final java.util.SplittableRandom random) {
        final int jobs = shop.jobCount();
        final int[] next = new int[jobs];
        final int[] jobReady = new int[jobs];
        final int[] remaining = new int[jobs];
        for (int j = 0; j < jobs; j++) {
            next[j] = shop.firstOperation(j);
            jobReady[j] = shop.jobRelease(j);
            for (int op = shop.firstOperation(j); op <= shop.lastOperation(j); op++) {
                remaining[j] += shop.duration(op);
            }
        }
        final int[] machineReady = new int[shop.machineCount()];
        for (int m = 0; m < machineReady.length; m++) {
            machineReady[m] = shop.machineAvailableFrom(m);
        }
        final int[][] sequences = new int[shop.machineCount()][];
        final int[] filled = new int[shop.machineCount()];
        for (int m = 0; m < sequences.length; m++) {
            sequences[m] = new int[shop.operationsOn(m).length];
        }
        for (int scheduled = 0; scheduled < shop.operationCount(); scheduled++) {
            // the operation that can finish first fixes the machine and the conflict window
            int firstEnd = Integer.MAX_VALUE;
            int machine = -1;
            for (int j = 0; j < jobs; j++) {
                if (next[j] > shop.lastOperation(j)) {
                    continue;
                }
                final int op = next[j];
                final int end = Math.max(jobReady[j], machineReady[shop.machine(op)]) + shop.duration(op);
                if (end < firstEnd) {
                    firstEnd = end;
                    machine = shop.machine(op);
                }
            }
            int chosen = -1;
            double chosenPriority = 0;
            for (int j = 0; j < jobs; j++) {
                if (next[j] > shop.lastOperation(j) || shop.machine(next[j]) != machine) {
                    continue;
                }
                final int start = Math.max(jobReady[j], machineReady[machine]);
                final double priority = remaining[j] * (random == null ? 1 : 0.7 + 0.6 * random.nextDouble());
                if (start < firstEnd && (chosen < 0 || priority > chosenPriority)) {
                    chosen = j;
                    chosenPriority = priority;
                }
            }
            final int op = next[chosen];
            final int start = Math.max(jobReady[chosen], machineReady[machine]);
            jobReady[chosen] = start + shop.duration(op);
            machineReady[machine] = jobReady[chosen];
            remaining[chosen] -= shop.duration(op);
            next[chosen]++;
            sequences[machine][filled[machine]++] = op;
        }
        return MachineSequences.of(shop, Arrays.copyOf(sequences, sequences.length));
    }
}
