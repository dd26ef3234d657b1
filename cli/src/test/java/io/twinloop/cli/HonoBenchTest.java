package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench hono} starts the Kafka broker process, the twin server, the meter twins, the Hono connector and the
 * adapter stand-in, runs to the end and prints its figure lines; a short run, since only the benchmark itself says
 * anything about speed.
 */
class HonoBenchTest {

    @Test
    void printsMessagesPerSecondAndLatency() {
        final CommandRun run = CommandRun.of("bench", "hono", "--seconds", "2", "--warmup-seconds", "1",
                "--devices", "3", "--rate", "100");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Hono telemetry into the twin, end to end").contains("msgs/s consumed")
                .contains("p99").contains("CPU").contains("3 devices").contains("0 dropped");
    }
}
