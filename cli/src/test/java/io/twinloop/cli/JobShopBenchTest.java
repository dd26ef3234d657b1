package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.bench.CorpusLocator;

/** {@code bench jssp} on one small instance with a tiny budget: both solvers run and the CSV has its columns. */
class JobShopBenchTest {

    @TempDir
    Path dir;

    @Test
    void oneInstanceTinyBudgetWritesTheCsv() throws IOException {
        assumeTrue(CorpusLocator.find("jssp").isPresent(), "the job-shop corpus ../shared/corpus/jssp is absent: skipped");
        final Path csv = dir.resolve("results.csv");
        final CommandRun run = CommandRun.of("bench", "jssp", "--instances", "ft06", "--seconds", "0.5", "--runs", "2",
                "--out", csv.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("run,instance,family,jobs,machines,solver,budget_seconds,seed,makespan,"
                + "best_known,lower_bound_known,gap_percent,solver_lower_bound,proven_optimal,wall_ms,load_average");
        assertThat(lines).hasSize(1 + 2 * 2);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
            final String[] cells = line.split(",");
            assertThat(cells).hasSize(16);
            assertThat(cells[1]).isEqualTo("ft06");
            assertThat(Integer.parseInt(cells[8])).isGreaterThanOrEqualTo(55);
            assertThat(cells[9]).isEqualTo("55");
        });
        assertThat(lines).anyMatch(l -> l.contains(",cpsat-2w,")).anyMatch(l -> l.contains(",hybrid-1ts-1cp@10%,"));
        assertThat(run.out()).contains("family solver").contains("ft     cpsat-2w").contains("ft     hybrid-1ts-1cp@10%");
    }

    @Test
    void anUnknownInstanceIsRefusedByName() {
        assumeTrue(CorpusLocator.find("jssp").isPresent(), "the job-shop corpus ../shared/corpus/jssp is absent: skipped");
        final Path csv = dir.resolve("x.csv");
        final CommandRun run = CommandRun.of("bench", "jssp", "--instances", "zz01", "--out", csv.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("zz01");
        assertThat(csv).doesNotExist();
        assertThat(dir.resolve("x.csv.part")).doesNotExist();
    }
}
