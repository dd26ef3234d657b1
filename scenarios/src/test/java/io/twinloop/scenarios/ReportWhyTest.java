package io.twinloop.scenarios;

import static io.twinloop.scenarios.ReportPages.element;
import static io.twinloop.scenarios.ReportPages.parse;
import static io.twinloop.scenarios.ReportPages.refused;
import static io.twinloop.scenarios.ReportPages.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.scenarios.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report's "where and why not" sections on made-up results: the energy split, the stops and the busiest
 * machine's time, each table's figures and the sentence under it; and the refusals of malformed machine times.
 */
class ReportWhyTest {

    @TempDir
    Path dir;

    @Test
    void theEnergySplitShowsWhereEachPolicysEnergyWentAndWhatTheBaselinesSplitBounds() throws Exception {
        final Path folder = Files.createDirectory(dir.resolve("split"));
        final double[][] baseline = {{80, 20}, {70, 30}}; // RUNNING, STANDBY per seed: 25 % not producing
        for (int seed = 1; seed <= 2; seed++) {
            final ObjectNode calendar = result("line", "baseline", seed);
            calendar.putObject("energyKwhByState").put("RUNNING", baseline[seed - 1][0])
                    .put("STANDBY", baseline[seed - 1][1]);
            Files.writeString(folder.resolve("baseline" + seed + ".json"), calendar.toString());
            final ObjectNode twinloop = result("line", "twinloop", seed);
            twinloop.putObject("energyKwhByState").put("RUNNING", 76.0).put("OFF", 4.0);
            Files.writeString(folder.resolve("twinloop" + seed + ".json"), twinloop.toString());
            // written before the split was recorded: read, and left out of the split
            Files.writeString(folder.resolve("threshold" + seed + ".json"),
                    result("line", "threshold", seed).toString());
        }
        final Path out = dir.resolve("report.html");

        ReportWriter.write(List.of(folder), out);

        final Document page = parse(out);
        final Element table = element(page, "table", "class", "energy");
        final String text = table.getTextContent();
        assertThat(text).contains("RUNNING").contains("STANDBY").contains("OFF").doesNotContain("threshold");
        assertThat(cell(table, "baseline", "RUNNING")).isEqualTo("75.0 (75.0 %)");
        assertThat(cell(table, "baseline", "STANDBY")).isEqualTo("25.0 (25.0 %)");
        assertThat(cell(table, "twinloop", "OFF")).isEqualTo("4.000 (5.0 %)");
        assertThat(cell(table, "twinloop", "STANDBY")).isEqualTo("0 (0.0 %)");
        assertThat(Files.readString(out)).contains("The calendar baseline drew 25.0 % of its energy while its "
                + "machines were not producing").contains("The published -28 % is more than that")
                .contains("twinloop: 5.0 % not producing.");
    }

    /** The text of the energy table's cell of a policy and a state. */
    private static String cell(final Element table, final String policy, final String state) {
        final NodeList cells = row(table, policy).getElementsByTagName("td");
        for (int j = 0; j < cells.getLength(); j++) {
            if (state.equals(((Element) cells.item(j)).getAttribute("data-state"))) {
                return cells.item(j).getTextContent();
            }
        }
        throw new AssertionError("no cell for " + policy + " / " + state);
    }

    @Test
    void theStopsShowPlannedBesideUnplannedAndSayWhenTheBaselineLeftNothingToCut() throws Exception {
        final Path folder = Files.createDirectory(dir.resolve("stops"));
        for (int seed = 1; seed <= 2; seed++) {
            write(folder, result("line", "baseline", seed).put("failures", 0).put("unplannedDowntimeHours", 0)
                    .put("plannedMaintenanceHours", 40));
            // one failure of 6 h on seed 2; 10 and 14 h planned
            write(folder, result("line", "twinloop", seed).put("failures", seed - 1)
                    .put("unplannedDowntimeHours", 6.0 * (seed - 1)).put("plannedMaintenanceHours", 6 + 4 * seed));
        }
        final Path out = dir.resolve("report.html");

        ReportWriter.write(List.of(folder), out);

        final Document page = parse(out);
        final Element stops = element(page, "table", "class", "stops");
        assertThat(cells(stops, "baseline")).containsExactly("baseline", "0", "0", "40.0", "40.0", "–");
        // 3 h unplanned + 12 h planned = 15 h of the baseline's 40: -62.5 %
        assertThat(cells(stops, "twinloop")).containsExactly("twinloop", "0.500", "3.000", "12.0", "15.0",
                "-62.5 %");
        assertThat(why(page, "downtime")).startsWith("The calendar baseline had no unplanned downtime in any run")
                .contains("at 40.0 machine-hours of planned maintenance per run")
                .contains("the published -35 % cannot be measured on this line")
                .endsWith("twinloop: 0.5 failures, 3.0 h unplanned, 12.0 h planned (all stops -62.5 %).");

        write(folder, result("line", "baseline", 1).put("failures", 2).put("unplannedDowntimeHours", 8)
                .put("plannedMaintenanceHours", 40));
        ReportWriter.write(List.of(folder), out);
        assertThat(why(parse(out), "downtime")).startsWith("The calendar baseline lost 4.0 machine-hours per run to "
                + "1.0 failures, beside 40.0 h of planned maintenance.");
    }

    @Test
    void theBusiestMachinesHoursBoundTheThroughputAndTheSentenceSaysByHowMuch() throws Exception {
        final Path folder = Files.createDirectory(dir.resolve("busiest"));
        for (int seed = 1; seed <= 2; seed++) {
            // press produces 90 of 100 staffed hours (and 95 on seed 2), the robot 40: the press bounds the line
            write(folder, timed(result("line", "baseline", seed).put("goodUnits", 1000), 130,
                    machine("press", 85 + 5 * seed, 100, "STANDBY", 100 - 85 - 5 * seed),
                    machine("robot", 40, 100, "STANDBY", 60)));
            write(folder, timed(result("line", "twinloop", seed).put("goodUnits", 1050), 130,
                    machine("press", 95, 104, "OFF", 5), machine("robot", 42, 100, "OFF", 58)));
        }
        final Path out = dir.resolve("report.html");

        ReportWriter.write(List.of(folder), out);

        final Document page = parse(out);
        final Element table = element(page, "table", "class", "bottleneck");
        assertThat(table.getAttribute("data-machine")).isEqualTo("press");
        assertThat(cells(table, "baseline")).containsExactly("baseline", "100", "92.5 (92.5 %)", "0 (0.0 %)",
                "7.500 (7.5 %)", "100 %", "1,000");
        assertThat(cells(table, "twinloop")).containsExactly("twinloop", "100", "95.0 (95.0 %)", "5.000 (5.0 %)",
                "0 (0.0 %)", "104 %", "1,050");
        // 100 / 92.5 - 1 = 8.1 % of room; +21 % needs 100 % x 1.21 x 0.925 = 112 % in every staffed hour
        assertThat(why(page, "throughput"))
                .startsWith("In the calendar baseline the busiest machine, press, produced in 92.5 of the line's "
                        + "100.0 staffed hours (92.5 %) at a mean speed of 100 %; its other hours (staffed or not): "
                        + "standby 7.5 h.")
                .contains("at that speed and scrap rate would make at most 8.1 % more")
                .contains("a mean speed of 112 % through every staffed hour (the safety bound allows up to 130 %)")
                // 1,050 units in 95 h against 1,000 in 92.5 h: +2.2 % per producing hour
                .endsWith("twinloop: 95.0 % of the staffed hours producing at 104 % (+5.0 % good units, +2.2 % per "
                        + "hour press produced).");

        // a bound of 110 % leaves +21 % out of reach
        assertThat(throughputWhy(folder, out, 110, 92.5, "STANDBY")).contains("a mean speed of 112 % through every "
                + "staffed hour — above the safety bound's 110 %: out of reach on this line as built.");
        // producing in 75 of 100 staffed hours leaves room for +33 %
        assertThat(throughputWhy(folder, out, 130, 75, "MAINTENANCE")).contains("would make at most 33.3 % more. "
                + "The published +21 % is within that room");
    }

    /**
     * The report's throughput sentence after both seeds' baseline runs are written again with the press producing in
     * {@code producing} of 100 staffed hours and in {@code other} for the rest.
     */
    private static String throughputWhy(final Path folder, final Path out, final double boundMax,
            final double producing, final String other) throws Exception {
        for (int seed = 1; seed <= 2; seed++) {
            write(folder, timed(result("line", "baseline", seed).put("goodUnits", 1000), boundMax,
                    machine("press", producing, 100, other, 100 - producing),
                    machine("robot", 40, 100, "STANDBY", 60)));
        }
        ReportWriter.write(List.of(folder), out);
        return why(parse(out), "throughput");
    }

    @Test
    void resultsWithoutMachineTimesGetNoBusiestMachineTable() throws Exception {
        final Path folder = Files.createDirectory(dir.resolve("old"));
        write(folder, result("line", "baseline", 1));
        write(folder, timed(result("line", "twinloop", 1), 130, machine("press", 90, 100, "STANDBY", 10)));
        final Path out = dir.resolve("report.html");

        ReportWriter.write(List.of(folder), out);

        final Document page = parse(out);
        assertThat(element(page, "table", "class", "bottleneck")).isNull();
        assertThat(element(page, "table", "class", "stops")).isNotNull();
    }

    @Test
    void malformedMachineTimesAreRefusedNamingTheField() throws Exception {
        final Path out = dir.resolve("report.html");
        final Path file = dir.resolve("run.json");

        final ObjectNode partial = timed(result("line", "baseline", 1), 130, machine("press", 90, 100, "STANDBY", 10));
        partial.remove("staffedHours");
        Files.writeString(file, partial.toString());
        refused(List.of(file), out, file + ": missing field 'staffedHours': a result with speedBound, machineTime "
                + "must carry all of staffedHours, speedBound, machineTime");

        Files.writeString(file, timed(result("line", "baseline", 1), 130,
                machine("press", -2, 100, "STANDBY", 10)).toString());
        refused(List.of(file), out, file + ": field 'machineTime.press.hoursByState.RUNNING' must be a finite "
                + "number ≥ 0 (hours), is -2.0");

        Files.writeString(file, timed(result("line", "baseline", 1), 130,
                machine("press", 90, -100, "STANDBY", 10)).toString());
        refused(List.of(file), out, file + ": field 'machineTime.press.runningSpeedPercent' must be a finite number "
                + "≥ 0 or NaN, is -100.0");

        final ObjectNode noMax = timed(result("line", "baseline", 1), 130, machine("press", 90, 100, "STANDBY", 10));
        noMax.putObject("speedBound").put("min", 50);
        Files.writeString(file, noMax.toString());
        refused(List.of(file), out, file + ": missing field 'speedBound.max'");
    }

    /** One machine's time: its producing hours at a mean speed, and hours in one other state. */
    private static ObjectNode machine(final String id, final double producing, final double speed,
            final String other, final double otherHours) {
        final ObjectNode machine = ScenarioFiles.JSON.createObjectNode();
        machine.putObject(id).put("runningSpeedPercent", speed).putObject("hoursByState").put("RUNNING", producing)
                .put(other, otherHours);
        return machine;
    }

    /** {@code result} with 100 staffed hours, the bound's max and the machines' times. */
    private static ObjectNode timed(final ObjectNode result, final double boundMax, final ObjectNode... machines) {
        result.put("staffedHours", 100.0).putObject("speedBound").put("min", 50).put("max", boundMax);
        final ObjectNode times = result.putObject("machineTime");
        for (final ObjectNode machine : machines) {
            times.setAll(machine);
        }
        return result;
    }

    private static void write(final Path folder, final ObjectNode result) throws java.io.IOException {
        Files.writeString(folder.resolve(result.get("policy").asText() + result.get("seed").asLong() + ".json"),
                result.toString());
    }

    private static String why(final Document page, final String figure) {
        final Element why = element(page, "p", "data-figure", figure);
        assertThat(why).as("the " + figure + " sentence").isNotNull();
        return why.getTextContent();
    }

    /** The texts of a table's row of {@code policy}. */
    private static List<String> cells(final Element table, final String policy) {
        final NodeList cells = row(table, policy).getElementsByTagName("td");
        return java.util.stream.IntStream.range(0, cells.getLength()).mapToObj(j -> cells.item(j).getTextContent())
                .toList();
    }

    private static Element row(final Element table, final String policy) {
        final NodeList rows = table.getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            if (policy.equals(((Element) rows.item(i)).getAttribute("data-policy"))) {
                return (Element) rows.item(i);
            }
        }
        throw new AssertionError("no row of " + policy);
    }
}
