package io.twinloop.cli.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Latencies of one benchmark run, sorted, for percentiles; gathered by one {@link Recorder} per sequential worker. */
final class Latencies {

    private final long[] sortedNanos;

    private Latencies(final long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    static Latencies of(final Collection<Recorder> recorders) {
        return new Latencies(recorders.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).sorted().toArray());
    }

    int count() {
        return sortedNanos.length;
    }

    double percentileMillis(final double quantile) {
        return sortedNanos.length == 0 ? 0
                : sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(quantile * sortedNanos.length))] / 1e6;
    }

    double maxMillis() {
        return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** {@code latency p50 … ms, p99 … ms, max … ms}, as every benchmark prints it. */
    String summary() {
        return String.format(Locale.ROOT, "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentileMillis(0.50),
                percentileMillis(0.99), maxMillis());
    }

    /** Latencies of one worker that does one thing at a time (so it needs no synchronization). */
    static final class Recorder {

        private long[] nanos = new long[1 << 14];
        private int count;

        void add(final long latencyNanos) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latencyNanos;
        }

        int count() {
            return count;
        }

        long[] nanos() {
            return Arrays.copyOf(nanos, count);
        }
    }
}
