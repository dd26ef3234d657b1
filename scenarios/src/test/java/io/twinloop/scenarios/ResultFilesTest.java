package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.ResultFiles;
import io.twinloop.scenarios.run.RunResult;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsWrittenAsJsonAndACsvRowWithTheSameFigures() throws IOException {
        final RunResult result = BenchRunner.run(ScenarioLoader.load(ScenarioFiles.valid(dir)), PolicyKind.BASELINE,
                3, 0.5);
        final Path json = ResultFiles.writeJson(dir, result);
        final Path csv = ResultFiles.writeCsv(dir, List.of(result));

        assertThat(json.getFileName().toString()).isEqualTo("test-line_baseline_seed3.json");
        final JsonNode node = ScenarioFiles.JSON.readTree(json.toFile());
        for (final String column : RunResult.COLUMNS) {
            assertThat(node.has(column)).as(column).isTrue();
        }
        assertThat(node.get("goodUnits").asLong()).isEqualTo(result.goodUnits());
        assertThat(node.get("declaredOnly").isArray()).isTrue();

        assertThat(csv.getFileName().toString()).isEqualTo("test-line_baseline.csv");
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0).split(",")).containsExactlyElementsOf(RunResult.COLUMNS);
        final String[] row = lines.get(1).split(",");
        assertThat(row).hasSize(RunResult.COLUMNS.size());
        assertThat(Long.parseLong(row[RunResult.COLUMNS.indexOf("goodUnits")])).isEqualTo(result.goodUnits());
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }
}
