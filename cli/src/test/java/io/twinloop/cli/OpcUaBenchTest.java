package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code bench opcua} wires twin server, plant, OPC UA server and connector, runs to the end and prints its figure
 * lines; a short run, since only the benchmark itself says anything about speed.
 */
class OpcUaBenchTest {

    @Test
    void printsValuesPerSecondAndLatency() {
        final CommandRun run = CommandRun.of("bench", "opcua", "--seconds", "2", "--warmup-seconds", "1");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("OPC UA values into the twin, end to end").contains("values/s")
                .contains("p99").contains("the plant meanwhile").contains("CPU").contains("45 monitored items");
                // CNC 17 (9 values, 4 for the job arrays, 3 for quality, the plant clock), press 14, robot 14
    }

    @Test
    void runsWithTheSecurityItIsGivenAndSplitsTheCpuByPart() {
        final CommandRun run = CommandRun.of("bench", "opcua", "--seconds", "2", "--warmup-seconds", "1",
                "--security", "None");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("security None").contains("CPU per value by part: twin server")
                .contains("out of order");

        final CommandRun wrong = CommandRun.of("bench", "opcua", "--security", "Encrypt");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("--security must be SignAndEncrypt, Sign or None, was Encrypt");
    }

    @Test
    void eitherObserverFindsThePlantsChangesInTheTwinsEvents() {
        for (final String observer : new String[] {"raw", "client"}) {
            final CommandRun run = CommandRun.of("bench", "opcua", "--seconds", "2", "--warmup-seconds", "1",
                    "--observer", observer);
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            final Matcher timed = Pattern.compile("(\\d+) changes of 6 numeric points timed").matcher(run.out());
            assertThat(timed.find()).as(run.out()).isTrue();
            assertThat(Long.parseLong(timed.group(1))).as("%s observer: %s", observer, run.out()).isPositive();
        }

        final CommandRun wrong = CommandRun.of("bench", "opcua", "--seconds", "1", "--warmup-seconds", "1",
                "--observer", "none");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("--observer must be raw or client, was none");
    }
}
