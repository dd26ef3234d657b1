package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.bench.CorpusLocator;

/** {@code bench report} over what {@code bench plant} wrote, and its refusal of a file that is not a result. */
class PlantReportTest {

    @TempDir
    Path dir;

    @Test
    void aReportOfAShortPlantRunIsWritten() throws IOException {
        assumeTrue(CorpusLocator.find("tariffs").isPresent(), "../shared/corpus/tariffs is absent: skipped");
        final Path results = dir.resolve("results");
        final CommandRun plant = CommandRun.of("bench", "plant", "--scenario", PlantBenchTest.example(
                "automotive-parts-line.json"), "--policy", "baseline", "--days", "0.1", "--out", results.toString());
        assertThat(plant.exitCode()).as(plant.out() + plant.err()).isZero();

        final Path out = dir.resolve("report.html");
        final CommandRun report = CommandRun.of("bench", "report", results.toString(), "--out", out.toString());
        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(report.out()).contains("1 run(s) of 1 scenario(s)");
        assertThat(Files.readString(out)).contains("<h2>automotive-parts-line</h2>")
                .contains("no threshold results in the input");
    }

    @Test
    void aFileThatIsNotAResultIsRefusedNamingIt() throws IOException {
        final Path file = dir.resolve("x.json");
        Files.writeString(file, "{\"scenario\": \"s\"}");
        final Path out = dir.resolve("report.html");
        final CommandRun run = CommandRun.of("bench", "report", file.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains(file + ": missing field").contains("no report written");
        assertThat(out).doesNotExist();
    }

    @Test
    void noResultsIsAUsageError() {
        assertThat(CommandRun.of("bench", "report").exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
    }
}
