package io.twinloop.cli.bench;

import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine.Option;

/** The options every timed benchmark shares: how long it warms up and how long it measures. */
final class MeasuredWindow {

    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds (default ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "default ${DEFAULT-VALUE}")
    private int warmupSeconds;

    int seconds() {
        return seconds;
    }

    int warmupSeconds() {
        return warmupSeconds;
    }

    /**
     * Lets the load run through the warm-up, then raises {@code measuring} for the measured seconds.
     *
     * @return how long the window really was and the CPU the process spent in it
     */
    Measured measure(final AtomicBoolean measuring) throws InterruptedException {
        return measure(measuring, () -> { });
    }

    /** As {@link #measure(AtomicBoolean)}, running {@code atStart} as the measured window begins. */
    Measured measure(final AtomicBoolean measuring, final Runnable atStart) throws InterruptedException {
        Thread.sleep(warmupSeconds * 1000L);
        atStart.run();
        measuring.set(true);
        final CpuMeter cpu = CpuMeter.start();
        final long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        return new Measured((System.nanoTime() - start) / 1e9, cpu.read());
    }

    /** One measured window: its length and the CPU spent in it. */
    record Measured(double seconds, CpuMeter.Reading cpu) {}
}
