package io.twinloop.cli.bench;

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
}
