package io.twinloop.scheduling.jobshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable job-shop problem: jobs are fixed sequences of operations, each needing one machine for a duration;
 * a machine runs one operation at a time. Operations are numbered 0..n-1 job after job (the ids every solver and
 * {@link Schedule} use); optional release times per job and availability times per machine carry a running plant's
 * state into a re-sequencing (a machine back from repair at t, a job that may not start before t).
 */
public final class JobShop {

    private final String name;
    private final int machineCount;
    private final int[] jobStart;
    private final int[] job;
    private final int[] machine;
    private final int[] duration;
    private final int[] jobRelease;
    private final int[] machineAvailable;

    private JobShop(final String name, final int machineCount, final int[] jobStart, final int[] job,
            final int[] machine, final int[] duration, final int[] jobRelease, final int[] machineAvailable) {
        this.name = name;
        this.machineCount = machineCount;
        this.jobStart = jobStart;
        this.job = job;
        this.machine = machine;
        this.duration = duration;
        this.jobRelease = jobRelease;
        this.machineAvailable = machineAvailable;
    }

    /**
     * A shop from per-job rows of machines and durations (row j, position k: the k-th operation of job j).
     *
     * @throws IllegalArgumentException naming the job and operation when a machine is out of range, a duration is
     * negative, a job is empty or the two tables do not have the same shape
     */
    public static JobShop of(final String name, final int machineCount, final int[][] machines, final int[][] durations) {
        Objects.requireNonNull(name, "name");
        if (machineCount < 1) {
            throw new IllegalArgumentException(name + ": machine count must be at least 1, got " + machineCount);
        }
        if (machines.length == 0 || machines.length != durations.length) {
            throw new IllegalArgumentException(name + ": need at least one job and as many duration rows as machine "
                    + "rows, got " + machines.length + " and " + durations.length);
        }
        final int jobs = machines.length;
        final int[] jobStart = new int[jobs + 1];
        for (int j = 0; j < jobs; j++) {
            if (machines[j].length == 0 || machines[j].length != durations[j].length) {
                throw new IllegalArgumentException(name + ": job " + j + " has " + machines[j].length + " machines and "
                        + durations[j].length + " durations (need the same, at least one)");
            }
            jobStart[j + 1] = jobStart[j] + machines[j].length;
        }
        final int n = jobStart[jobs];
        final int[] job = new int[n];
        final int[] machine = new int[n];
        final int[] duration = new int[n];
        for (int j = 0; j < jobs; j++) {
            for (int k = 0; k < machines[j].length; k++) {
                final int op = jobStart[j] + k;
                if (machines[j][k] < 0 || machines[j][k] >= machineCount) {
                    throw new IllegalArgumentException(name + ": job " + j + " operation " + k + " uses machine "
                            + machines[j][k] + ", outside 0.." + (machineCount - 1));
                }
                if (durations[j][k] < 0) {
                    throw new IllegalArgumentException(name + ": job " + j + " operation " + k + " has negative duration "
                            + durations[j][k]);
                }
                job[op] = j;
                machine[op] = machines[j][k];
                duration[op] = durations[j][k];
            }
        }
        return new JobShop(name, machineCount, jobStart, job, machine, duration, new int[jobs], new int[machineCount]);
    }

    /** This shop where job {@code j} may not start before {@code releases[j]}. */
    public JobShop withJobReleases(final int[] releases) {
        return new JobShop(name, machineCount, jobStart, job, machine, duration,
                nonNegative(releases, jobCount(), "job release"), machineAvailable);
    }

    /** This shop where machine {@code m} is free only from {@code availableFrom[m]} (a repair, work in progress). */
    public JobShop withMachineAvailability(final int[] availableFrom) {
        return new JobShop(name, machineCount, jobStart, job, machine, duration, jobRelease,
                nonNegative(availableFrom, machineCount, "machine availability"));
    }

    private int[] nonNegative(final int[] values, final int expected, final String what) {
        if (values.length != expected) {
            throw new IllegalArgumentException(name + ": " + what + " needs " + expected + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException(name + ": " + what + " " + i + " is negative: " + values[i]);
            }
        }
        return values.clone();
    }

    public String name() {
        return name;
    }

    public int jobCount() {
        return jobStart.length - 1;
    }

    public int machineCount() {
        return machineCount;
    }

    public int operationCount() {
        return job.length;
    }

    /** Id of the first operation of {@code j}; its operations are {@code firstOperation(j)..lastOperation(j)}. */
    public int firstOperation(final int j) {
        return jobStart[j];
    }

    public int lastOperation(final int j) {
        return jobStart[j + 1] - 1;
    }

    public int operationsOf(final int j) {
        return jobStart[j + 1] - jobStart[j];
    }

    public int job(final int op) {
        return job[op];
    }

    /** Position of {@code op} in its job, from 0. */
    public int indexInJob(final int op) {
        return op - jobStart[job[op]];
    }

    public int machine(final int op) {
        return machine[op];
    }

    public int duration(final int op) {
        return duration[op];
    }

    public int jobRelease(final int j) {
        return jobRelease[j];
    }

    public int machineAvailableFrom(final int m) {
        return machineAvailable[m];
    }

    /** Earliest start from the job alone: its release and the machine's availability. */
    public int earliestStart(final int op) {
        return Math.max(jobRelease[job[op]], machineAvailable[machine[op]]);
    }

    /** The ids of the operations that need machine {@code m}, in id order. */
    public int[] operationsOn(final int m) {
        return java.util.stream.IntStream.range(0, machine.length).filter(op -> machine[op] == m).toArray();
    }

    /** Sum of all durations: an upper bound for any semi-active schedule's makespan without releases. */
    public long totalDuration() {
        return Arrays.stream(duration).asLongStream().sum();
    }

    /**
     * The simple lower bound: the longest job (from its release) and the most loaded machine (from its
     * availability). Solvers stop when they reach it.
     */
    public int trivialLowerBound() {
        int bound = 0;
        for (int j = 0; j < jobCount(); j++) {
            int length = jobRelease[j];
            for (int op = jobStart[j]; op < jobStart[j + 1]; op++) {
                length += duration[op];
            }
            bound = Math.max(bound, length);
        }
        final int[] load = machineAvailable.clone();
        for (int op = 0; op < machine.length; op++) {
            load[machine[op]] += duration[op];
        }
        for (final int l : load) {
            bound = Math.max(bound, l);
        }
        return bound;
    }

    /** Human-readable operation reference for error messages: {@code job 3 op 2 (machine 5)}. */
    public String describe(final int op) {
        return "job " + job[op] + " op " + indexInJob(op) + " (machine " + machine[op] + ")";
    }

    /** The machine rows as given to {@link #of}; for writers and tests. */
    public List<int[]> machineRows() {
        final List<int[]> rows = new ArrayList<>();
        for (int j = 0; j < jobCount(); j++) {
            rows.add(Arrays.copyOfRange(machine, jobStart[j], jobStart[j + 1]));
        }
        return rows;
    }

    @Override
    public String toString() {
        return name + " (" + jobCount() + " jobs x " + machineCount + " machines, " + operationCount() + " operations)";
    }
}
