package io.twinloop.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU time the whole process spent during a measured window, per operation: unlike throughput and latency it
 * hardly depends on what else the machine is doing, so runs on a busy machine stay comparable.
 */
final class CpuMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long startCpuNanos;

    private CpuMeter() {
        this.startCpuNanos = os.getProcessCpuTime();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** The CPU time spent since {@link #start()}, taken at the end of the measured window. */
    Reading read() {
        return new Reading(os.getProcessCpuTime() - startCpuNanos);
    }

    /** CPU time of one measured window. */
    record Reading(long cpuNanos) {

        /** E.g. {@code CPU 180 µs per modification (server and client in this JVM), at most 11,111/s on 2 cores}. */
        String perOperation(final long operations, final String operation) {
            if (operations == 0) {
                return "no " + operation + "s to measure CPU by";
            }
            final double micros = cpuNanos / 1e3 / operations;
            final int cores = Runtime.getRuntime().availableProcessors();
            return String.format(Locale.ROOT, "CPU %.0f µs per %s (server and client in this JVM), at most %,.0f/s "
                    + "on %d cores if CPU were the only limit", micros, operation, cores * 1e6 / micros, cores);
        }
    }
}
