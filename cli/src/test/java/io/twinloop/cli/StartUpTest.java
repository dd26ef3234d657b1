package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher's fast start relies on: the class-data training run (run under {@code -XX:ArchiveClassesAtExit}
 * by the {@code twinloop} script) completes, and the cold-start bench starts a real new JVM on a data folder.
 */
class StartUpTest {

    @TempDir
    Path data;

    @Test
    void theClassDataTrainingRunExercisesATwinServerAndEndsWell() {
        final CommandRun run = CommandRun.of("class-data-training");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(TwinLoop.EXIT_OK);
    }

    @Test
    void theColdStartBenchTimesANewJvmUntilItAnswers() {
        final CommandRun run = CommandRun.of("bench", "twin-server", "--cold-start-only", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(TwinLoop.EXIT_OK);
        // an empty folder holds no thing, so the first answer is Ditto's 404 for it
        assertThat(run.out()).containsPattern("new JVM.*: first served request \\(404\\) after \\d+ ms \\(its CPU time");
    }

    @Test
    void theColdStartBenchNeedsTheFolderToStartOn() {
        final CommandRun run = CommandRun.of("bench", "twin-server", "--cold-start-only");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("--cold-start-only needs --data DIR");
    }

    @Test
    void aNegativeMemoryForHeldThingsIsRefusedBeforeTheServerStarts() {
        final CommandRun run = CommandRun.of("twin-server", "--port", "0", "--data", data.toString(),
                "--held-things-mb", "-5");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("--held-things-mb must not be negative, was -5");
    }
}
