package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.bench.CorpusLocator;

/** {@code bench plant} on a shipped scenario for a short run, and its refusals. */
class PlantBenchTest {

    @TempDir
    Path dir;

    @Test
    void twoSeedsOfTheAutomotiveLineWriteJsonAndCsv() throws IOException {
        assumeTrue(CorpusLocator.find("tariffs").isPresent(), "../shared/corpus/tariffs is absent: skipped");
        final CommandRun run = CommandRun.of("bench", "plant", "--scenario", example("automotive-parts-line.json"),
                "--policy", "threshold", "--seeds", "2", "--days", "0.25", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("declared, not simulated: /line/machines/3/kind").contains("seed 2:");
        assertThat(dir.resolve("automotive-parts-line_threshold_seed1.json")).isRegularFile();
        assertThat(dir.resolve("automotive-parts-line_threshold_seed2.json")).isRegularFile();
        final List<String> csv = Files.readAllLines(dir.resolve("automotive-parts-line_threshold.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("scenario,policy,seed,days,energyKwh,energyPerGoodUnitKwh");
        assertThat(csv.get(1)).startsWith("automotive-parts-line,threshold,1,0.2500,");
    }

    @Test
    void aTwinloopRunLongerThanThePricesIsRefusedBeforeTheStackStarts() {
        assumeTrue(CorpusLocator.find("tariffs").isPresent(), "../shared/corpus/tariffs is absent: skipped");
        final CommandRun run = CommandRun.of("bench", "plant", "--scenario", example("press-shop.json"),
                "--policy", "twinloop", "--days", "4000", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("need prices until");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aQuantumBelowOneMinuteIsAUsageError() {
        final CommandRun run = CommandRun.of("bench", "plant", "--scenario", "x.json", "--policy", "twinloop",
                "--quantum-minutes", "0");
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("--quantum-minutes at least 1");
    }

    @Test
    void aBadScenarioIsRefusedNamingFileAndPath() throws IOException {
        final Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"name\": 3}");
        final CommandRun run = CommandRun.of("bench", "plant", "--scenario", file.toString(), "--policy", "baseline",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains(file + " /name: must be a non-empty string").contains(file + " /line: missing");
    }

    @Test
    void setOverridesAScenarioValueAndEveryResultRecordsIt() throws IOException {
        assumeTrue(CorpusLocator.find("tariffs").isPresent(), "../shared/corpus/tariffs is absent: skipped");
        final CommandRun run = CommandRun.of("bench", "plant", "--scenario", example("automotive-parts-line.json"),
                "--policy", "baseline", "--days", "0.25", "--out", dir.toString(),
                "--set", "/policies/baseline/maintenanceIntervalHours=2");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("override: /policies/baseline/maintenanceIntervalHours=2");
        assertThat(Files.readString(dir.resolve("automotive-parts-line_baseline_seed1.json")))
                .contains("\"overrides\"").contains("/policies/baseline/maintenanceIntervalHours=2");
    }

    @Test
    void aBadOverrideIsRefusedNamingIt() {
        final CommandRun usage = CommandRun.of("bench", "plant", "--scenario", "x.json", "--policy", "baseline",
                "--set", "/policies/twinloop/urgentRisk");
        assertThat(usage.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(usage.err()).contains("--set: override '/policies/twinloop/urgentRisk': expected POINTER=JSON");
        assumeTrue(CorpusLocator.find("tariffs").isPresent(), "../shared/corpus/tariffs is absent: skipped");
        final CommandRun refused = CommandRun.of("bench", "plant", "--scenario", example("press-shop.json"),
                "--policy", "twinloop", "--out", dir.toString(), "--set", "/policies/twinloop/urgentRisk=2");
        assertThat(refused.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(refused.err()).contains("/policies/twinloop/urgentRisk: must be within");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anUnknownPolicyIsAUsageError() {
        final CommandRun run = CommandRun.of("bench", "plant", "--scenario", "x.json", "--policy", "magic");
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("unknown policy 'magic'");
    }

    static String example(final String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            final Optional<Path> file = Optional.of(d.resolve("examples/scenarios").resolve(name))
                    .filter(Files::isRegularFile);
            if (file.isPresent()) {
                return file.get().toString();
            }
        }
        throw new IllegalStateException("examples/scenarios/" + name + " not found above the working folder");
    }
}
