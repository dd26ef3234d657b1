package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The WebSocket benchmarks run to the end and print their figure lines; a short run, since only the benchmarks
 * themselves say anything about speed. A failed command makes {@code ws-commands} exit non-zero.
 */
class WebSocketBenchTest {

    @Test
    void commandsBenchmarkPrintsThroughputAndLatency() {
        final CommandRun run = CommandRun.of("bench", "ws-commands", "--seconds", "1", "--warmup-seconds", "0",
                "--connections", "2", "--in-flight", "4");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("2 connection(s) x 4 in flight").contains("acknowledged modifications/s")
                .contains("p99");
    }

    @Test
    void theRawLoadGeneratorsCommandsAreAnsweredAsModifies() {
        final CommandRun run = CommandRun.of("bench", "ws-commands", "--seconds", "1", "--warmup-seconds", "0",
                "--in-flight", "4", "--load-generator", "raw");
        // the raw generator fails the run on any answer other than the modify's 204
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("raw load generator").contains("acknowledged modifications/s");
        assertThat(run.out()).doesNotContain(" 0 acknowledged modifications/s");
    }

    @Test
    void anUnknownLoadGeneratorIsRefusedByName() {
        final CommandRun run = CommandRun.of("bench", "ws-commands", "--seconds", "1", "--load-generator", "wrk");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--load-generator").contains("wrk");
    }

    @Test
    void eventsBenchmarkPrintsBothFigures() {
        final CommandRun run = CommandRun.of("bench", "ws-events", "--seconds", "1", "--warmup-seconds", "0",
                "--writer-connections", "1", "--in-flight", "2");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("end to end").contains("client alone").contains("events/s");
    }
}
