package io.twinloop.scenarios;

import static io.twinloop.scenarios.ReportPages.parse;
import static io.twinloop.scenarios.ReportPages.refused;
import static io.twinloop.scenarios.ReportPages.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.report.Comparison;
import io.twinloop.scenarios.report.Metric;
import io.twinloop.scenarios.report.ReportException;
import io.twinloop.scenarios.report.ReportWriter;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.ResultFiles;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code bench report} on results the real runner wrote: the automotive example, 1 day, seeds 1–2, both baselines;
 * and edited copies of those files for a comparison that is not 0 %, and refusals.
 */
class ReportTest {

    @TempDir
    static Path results;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheBaselines() throws Exception {
        if (!ScenarioFiles.corpusPresent() || ScenarioFiles.example("automotive-parts-line.json").isEmpty()) {
            return;
        }
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.example("automotive-parts-line.json").get());
        for (final PolicyKind kind : List.of(PolicyKind.BASELINE, PolicyKind.THRESHOLD)) {
            final List<io.twinloop.scenarios.run.RunResult> runs = new ArrayList<>();
            for (long seed = 1; seed <= 2; seed++) {
                final var result = BenchRunner.run(scenario, kind, seed, 1);
                runs.add(result);
                ResultFiles.writeJson(results, result);
            }
            ResultFiles.writeCsv(results, runs); // a folder holds CSVs too: the reader must skip them
        }
    }

    private static void assumeResults() throws IOException {
        assumeTrue(ScenarioFiles.corpusPresent(), "../shared/corpus/tariffs is absent: skipped");
        try (var files = Files.list(results)) {
            assumeTrue(files.findAny().isPresent(), "examples/scenarios not found: skipped");
        }
    }

    @Test
    void theReportOfARealRunShowsEveryMetricAndThePublishedTable() throws Exception {
        assumeResults();
        final Path out = dir.resolve("report.html");
        final ReportWriter.Written written = ReportWriter.write(List.of(results), out);

        assertThat(written.runs()).isEqualTo(4);
        final Document page = parse(out);
        final String text = Files.readString(out);
        assertThat(page.getElementsByTagName("h2").item(0).getTextContent()).isEqualTo("automotive-parts-line");
        final NodeList figures = page.getElementsByTagName("figure");
        assertThat(figures.getLength()).isEqualTo(Metric.values().length);
        for (final Metric metric : Metric.values()) {
            assertThat(text).contains("data-metric=\"" + metric.field() + "\"").contains(metric.title());
        }
        assertThat(page.getElementsByTagName("svg").getLength()).isEqualTo(Metric.values().length);
        assertThat(text).doesNotContain("<script").doesNotContain("http://www.w3.org/2000/svg\" href")
                .doesNotContainPattern("(src|href)=\"https?:");

        // the published table: threshold vs baseline from the means of the JSON files, computed here
        assertThat(changeCell(page, "threshold", "ENERGY_PER_UNIT"))
                .isEqualTo(Comparison.percent(expectedChange("energyPerGoodUnitKwh")));
        assertThat(changeCell(page, "threshold", "THROUGHPUT"))
                .isEqualTo(Comparison.percent(expectedChange("goodUnits")));
        assertThat(row(page, "twinloop", "THROUGHPUT").getTextContent()).contains("no twinloop results");
        // over one day the two baselines behave alike: the margins are not reached, and the page says so
        assertThat(row(page, "threshold", "THROUGHPUT").getAttribute("class")).isEqualTo("missed");
        assertThat(row(page, "threshold", "THROUGHPUT").getTextContent()).contains("does NOT reach the published");
        // the runner records each machine's time: the busiest machine is the baseline's most producing one
        final Map<String, Double> producing = new HashMap<>();
        try (var files = Files.list(results)) {
            for (final Path file : files.filter(f -> f.toString().endsWith("_baseline_seed1.json")
                    || f.toString().endsWith("_baseline_seed2.json")).toList()) {
                ScenarioFiles.JSON.readTree(file.toFile()).get("machineTime").fields().forEachRemaining(m -> producing
                        .merge(m.getKey(), m.getValue().get("hoursByState").path("RUNNING").asDouble(), Double::sum));
            }
        }
        assertThat(producing).hasSize(5);
        assertThat(ReportPages.element(page, "table", "class", "bottleneck").getAttribute("data-machine"))
                .isEqualTo(producing.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
        assertThat(ReportPages.element(page, "p", "data-figure", "throughput").getTextContent())
                .contains("staffed hours");
    }

    @Test
    void aChangeBeyondThePublishedMarginIsComputedFromTheMeansAndShownAsReached() throws Exception {
        assumeResults();
        final Path copies = Files.createDirectory(dir.resolve("copies"));
        final List<Path> files;
        try (var listed = Files.list(results)) {
            files = listed.filter(f -> f.toString().endsWith(".json")).toList();
        }
        final Map<Long, Long> baselineUnits = new HashMap<>();
        for (final Path file : files) {
            final ObjectNode node = (ObjectNode) ScenarioFiles.JSON.readTree(file.toFile());
            if (node.get("policy").asText().equals("baseline")) {
                baselineUnits.put(node.get("seed").asLong(), node.get("goodUnits").asLong());
            }
        }
        for (final Path file : files) {
            final ObjectNode node = (ObjectNode) ScenarioFiles.JSON.readTree(file.toFile());
            if (node.get("policy").asText().equals("threshold")) {
                // pretend it made 30 % more than the calendar baseline of its seed (the tuned baselines themselves
                // differ by several per cent within a day)
                node.put("goodUnits", Math.round(baselineUnits.get(node.get("seed").asLong()) * 1.3));
            }
            Files.writeString(copies.resolve(file.getFileName()), node.toString());
        }
        final Path out = dir.resolve("report.html");
        ReportWriter.write(List.of(copies), out);
        final Document page = parse(out);
        final double base = mean(copies, "baseline", "goodUnits");
        final double raised = mean(copies, "threshold", "goodUnits");
        assertThat(changeCell(page, "threshold", "THROUGHPUT"))
                .isEqualTo(Comparison.percent((raised - base) / base * 100));
        assertThat((raised - base) / base * 100).isCloseTo(30, offset(0.2));
        assertThat(row(page, "threshold", "THROUGHPUT").getAttribute("class")).isEqualTo("reached");
    }

    @Test
    void eachSeedIsComparedWithTheBaselinesRunOfTheSameSeed() throws Exception {
        final Path input = Files.createDirectory(dir.resolve("paired"));
        final double[] twinloopUnits = {130, 90, 100, 500};
        for (int seed = 1; seed <= 4; seed++) {
            if (seed <= 3) { // seed 4 has no baseline run: it cannot be paired
                Files.writeString(input.resolve("b" + seed + ".json"),
                        result("line", "baseline", seed).put("goodUnits", 100).toString());
            }
            Files.writeString(input.resolve("t" + seed + ".json"),
                    result("line", "twinloop", seed).put("goodUnits", twinloopUnits[seed - 1]).toString());
        }
        final Path out = dir.resolve("report.html");

        ReportWriter.write(List.of(input), out);

        final Document page = parse(out);
        final Element table = seedTable(page, "twinloop");
        final NodeList rows = table.getElementsByTagName("tr");
        assertThat(rows.getLength()).as("header, seeds 1-3, summary").isEqualTo(5);
        assertThat(throughputCell(rows, 1).getTextContent()).isEqualTo("100 → 130 (+30.0 %)");
        assertThat(throughputCell(rows, 1).getAttribute("class")).contains("better");
        assertThat(throughputCell(rows, 2).getTextContent()).isEqualTo("100 → 90.0 (-10.0 %)");
        assertThat(throughputCell(rows, 2).getAttribute("class")).contains("worse");
        assertThat(throughputCell(rows, 3).getAttribute("class")).contains("same");
        assertThat(throughputCell(rows, 4).getTextContent()).isEqualTo("better on 1 of 3 seeds");
        assertThat(seedTableOrNull(page, "threshold")).as("no threshold runs, no table").isNull();
    }

    @Test
    void namedFilesAndTextAreEscaped() throws Exception {
        final Path file = dir.resolve("odd.json");
        Files.writeString(file, result("<b>line & \"co\"</b>", "baseline", 1).toString());
        final Path out = dir.resolve("report.html");
        ReportWriter.write(List.of(file), out);
        final Document page = parse(out);
        assertThat(page.getElementsByTagName("h2").item(0).getTextContent()).isEqualTo("<b>line & \"co\"</b>");
        assertThat(row(page, "threshold", "ENERGY_PER_UNIT").getTextContent()).contains("no threshold results");
    }

    @Test
    void badInputIsRefusedNamingTheFileAndNoReportIsWritten() throws Exception {
        final Path out = dir.resolve("report.html");
        final Path notJson = dir.resolve("notes.json");
        Files.writeString(notJson, "scenario,policy\n");
        refused(List.of(notJson), out, notJson + ": not a bench plant result: not JSON (line 1");

        final Path noFigures = dir.resolve("scenario.json");
        final ObjectNode missing = result("x", "baseline", 1);
        missing.remove("unplannedDowntimeHours");
        Files.writeString(noFigures, missing.toString());
        refused(List.of(noFigures), out, noFigures + ": missing field 'unplannedDowntimeHours'");

        final Path wrongType = dir.resolve("wrong.json");
        Files.writeString(wrongType, result("x", "baseline", 1).put("goodUnits", "many").toString());
        refused(List.of(wrongType), out, wrongType + ": field 'goodUnits' must be a number, is \"many\"");

        final Path array = dir.resolve("array.json");
        Files.writeString(array, "[1, 2]");
        refused(List.of(array), out, array + ": not a bench plant result: expected a JSON object");

        final Path absent = dir.resolve("absent.json");
        refused(List.of(absent), out, absent + ": no such file or folder");

        final Path empty = Files.createDirectory(dir.resolve("empty"));
        refused(List.of(empty), out, empty + ": folder holds no result file (*.json)");

        final Path a = dir.resolve("a.json");
        final Path b = dir.resolve("b.json");
        Files.writeString(a, result("x", "baseline", 1).toString());
        Files.writeString(b, result("x", "baseline", 1).toString());
        refused(List.of(a, b), out, b + ": scenario 'x', policy baseline, seed 1 is also in " + a);
        Files.writeString(b, result("x", "threshold", 1).put("days", 2).toString());
        refused(List.of(a, b), out, "runs 2.0 days, but " + a);

        final Path negative = dir.resolve("negative.json");
        final ObjectNode negativeSplit = result("x", "baseline", 1);
        negativeSplit.putObject("energyKwhByState").put("RUNNING", 5.0).put("STANDBY", -1.0);
        Files.writeString(negative, negativeSplit.toString());
        refused(List.of(negative), out, negative + ": field 'energyKwhByState.STANDBY' must be a finite number ≥ 0");

        final Path unreadable = dir.resolve("unreadable.json");
        Files.writeString(unreadable, result("x", "baseline", 1).toString());
        if (unreadable.toFile().setReadable(false) && !Files.isReadable(unreadable)) { // root reads anything
            refused(List.of(unreadable), out, unreadable + ": cannot read");
        }
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void aFailedReportLeavesAnEarlierOneUntouched() throws Exception {
        final Path out = dir.resolve("report.html");
        Files.writeString(out, "earlier");
        final Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{");
        assertThatThrownBy(() -> ReportWriter.write(List.of(bad), out)).isInstanceOf(ReportException.class);
        assertThat(out).hasContent("earlier");
    }

    private static double expectedChange(final String field) throws IOException {
        final double base = mean(results, "baseline", field);
        return (mean(results, "threshold", field) - base) / base * 100;
    }

    private static double mean(final Path folder, final String policy, final String field) throws IOException {
        final List<Double> values = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                final JsonNode node = ScenarioFiles.JSON.readTree(file.toFile());
                if (node.get("policy").asText().equals(policy)) {
                    values.add(node.get(field).asDouble());
                }
            }
        }
        assertThat(values).hasSize(2);
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Element row(final Document page, final String policy, final String figure) {
        final NodeList rows = page.getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            final Element row = (Element) rows.item(i);
            if (row.getAttribute("data-policy").equals(policy) && row.getAttribute("data-figure").equals(figure)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + policy + " " + figure);
    }

    private static Element seedTable(final Document page, final String policy) {
        final Element table = seedTableOrNull(page, policy);
        assertThat(table).as("seed-by-seed table of " + policy).isNotNull();
        return table;
    }

    private static Element seedTableOrNull(final Document page, final String policy) {
        final NodeList tables = page.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            final Element table = (Element) tables.item(i);
            if (table.getAttribute("class").equals("seeds") && table.getAttribute("data-policy").equals(policy)) {
                return table;
            }
        }
        return null;
    }

    private static Element throughputCell(final NodeList rows, final int row) {
        final NodeList cells = ((Element) rows.item(row)).getElementsByTagName("td");
        for (int i = 0; i < cells.getLength(); i++) {
            final Element cell = (Element) cells.item(i);
            if (cell.getAttribute("data-metric").equals(Metric.THROUGHPUT.field())) {
                return cell;
            }
        }
        throw new AssertionError("no throughput cell in row " + row);
    }

    private static String changeCell(final Document page, final String policy, final String figure) {
        return row(page, policy, figure).getElementsByTagName("td").item(4).getTextContent();
    }
}
