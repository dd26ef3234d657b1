package io.twinloop.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU time the whole process spent during a measured window, and the heap its threads allocated, per operation:
 * unlike throughput and latency these hardly depend on what else the machine is doing, so runs on a busy machine
 * stay comparable. Allocation is the steadier of the two (CPU per operation still grows when cores are contended,
 * as spinning and cache misses grow); it counts the threads alive at the end of the window, which for the benches
 * are the long-lived server, client and writer threads.
 */
final class CpuMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long startCpuNanos;
    private final long startAllocatedBytes;

    private CpuMeter() {
        this.startAllocatedBytes = allocatedBytes();
        this.startCpuNanos = os.getProcessCpuTime();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** The CPU time spent and heap allocated since {@link #start()}, taken at the end of the measured window. */
    Reading read() {
        final long cpu = os.getProcessCpuTime() - startCpuNanos;
        return new Reading(cpu, Math.max(0, allocatedBytes() - startAllocatedBytes));
    }

    private long allocatedBytes() {
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return 0;
        }
        long total = 0;
        for (final long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /** CPU time and allocation of one measured window. */
    record Reading(long cpuNanos, long allocatedBytes) {

        /**
         * E.g. {@code CPU 180 µs and 21 kB allocated per modification (server and client in this JVM), at most
         * 11,111/s on 2 cores}.
         */
        String perOperation(final long operations, final String operation) {
            if (operations == 0) {
                return "no " + operation + "s to measure CPU by";
            }
            final double micros = cpuNanos / 1e3 / operations;
            final int cores = Runtime.getRuntime().availableProcessors();
            return String.format(Locale.ROOT, "CPU %.0f µs and %.1f kB allocated per %s (server and client in this "
                    + "JVM), at most %,.0f/s on %d cores if CPU were the only limit", micros,
                    allocatedBytes / 1e3 / operations, operation, cores * 1e6 / micros, cores);
        }
    }
}
