package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.scenarios.scenario.Problem;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioException;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import io.twinloop.scenarios.scenario.StationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aValidFileLoadsWithEverySectionAndItsDeclaredOnlyNotes() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        assertThat(scenario.name()).isEqualTo("test line");
        assertThat(scenario.stations()).extracting(s -> s.id()).containsExactly("press-1", "cnc-1", "inspect-1",
                "conveyor-1");
        assertThat(scenario.stations().get(2).kind()).isEqualTo(StationKind.INSPECTION);
        assertThat(scenario.stations().get(2).simulatedAs()).isEqualTo(MachineKind.ROBOT_CELL);
        assertThat(scenario.demand().dueDates().expeditesPerDay()).isEqualTo(6);
        assertThat(scenario.demand().dueDates().looseSlackMin()).isEqualTo(5); // the plant's default
        assertThat(scenario.prices().series().step()).isEqualTo(Duration.ofHours(1));
        assertThat(scenario.goal().bounds().get("Speed").max()).isEqualTo(120);
        assertThat(scenario.policies().maintenanceInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(scenario.policies().vibrationSmoothing()).isEqualTo(Duration.ofMinutes(30));
        assertThat(scenario.declaredOnly()).extracting(d -> d.pointer())
                .containsExactly("/line/machines/2/kind", "/goal");
        assertThat(scenario.declaredOnly().get(0).what()).contains("INSPECTION", "ROBOT_CELL");
    }

    @Test
    void notJsonNamesTheLineAndColumn() throws IOException {
        final Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"name\": \"x\",\n  \"line\": [\n}");
        assertThatThrownBy(() -> ScenarioLoader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON at line 4");
    }

    @Test
    void aMissingFileIsNamed() {
        final Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> ScenarioLoader.load(file)).hasMessageContaining(file + " /: no such file");
    }

    @Test
    void everyProblemIsReportedWithItsPointerInOneGo() {
        final Path file = ScenarioFiles.write(dir, root -> {
            final ObjectNode machines = (ObjectNode) root.get("line");
            machines.withArray("machines").add(JsonObjects.of("id", "cnc-1", "kind", "CNC_MACHINING"));
            machines.withArray("machines").add(JsonObjects.of("id", "agv-1", "kind", "AGV"));
            machines.withArray("machines").add(JsonObjects.of("id", "Bad Id", "kind", "LASER"));
            root.put("colour", "blue");
            ((ObjectNode) root.get("costs")).put("downtimeEurPerHour", "a lot");
        });
        final ScenarioException e = catchScenario(file);
        assertThat(e.problems()).extracting(Problem::pointer).contains("/line/machines/4/id",
                "/line/machines/5/simulatedAs", "/line/machines/6/id", "/line/machines/6/kind", "/colour",
                "/costs/downtimeEurPerHour");
        assertThat(e.getMessage()).contains(file + " /line/machines/4/id: machine id 'cnc-1' appears twice")
                .contains("/line/machines/5/simulatedAs: missing: the plant has no AGV kind")
                .contains("/line/machines/6/kind: 'LASER' is not one of")
                .contains("/colour: unknown field")
                .contains("/costs/downtimeEurPerHour: must be a number, found the string \"a lot\"");
    }

    @Test
    void aPriceFileThatIsMissingOrDoesNotCoverTheStartIsRefused() {
        final ScenarioException missing = catchScenario(ScenarioFiles.write(dir, root ->
                ((ObjectNode) root.get("prices")).put("file", "nowhere/prices.csv")));
        assertThat(missing.getMessage()).contains("/prices/file: price file").contains("does not exist");

        final ScenarioException late = catchScenario(ScenarioFiles.write(dir, root ->
                root.put("start", "2031-01-01T00:00:00Z")));
        assertThat(late.getMessage()).contains("/prices/file: the prices cover")
                .contains("not the scenario's start 2031-01-01T00:00:00Z");
    }

    @Test
    void aBadPriceFileReportsThePriceReadersMessage() throws IOException {
        final Path file = ScenarioFiles.valid(dir);
        Files.writeString(dir.resolve("prices.csv"), "time,eur_per_kwh\n2025-01-06T00:00:00Z,cheap\n");
        assertThat(catchScenario(file).getMessage()).contains("/prices/file:").contains("prices.csv:2:")
                .contains("'cheap' is not a decimal number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"speed", "threshold", "bound", "kind", "calendar", "slack", "crew", "model"})
    void crossChecksNameWhatIsWrong(final String what) {
        final Consumer<ObjectNode> change = switch (what) {
            case "speed" -> root -> ((ObjectNode) root.get("policies")).put("speedPercent", 125);
            case "threshold" -> root -> ((ObjectNode) root.at("/policies/threshold/vibrationMmS"))
                    .remove("CNC_MACHINING");
            case "bound" -> root -> ((ObjectNode) root.at("/goal/bounds")).remove("Speed");
            case "kind" -> root -> ((ObjectNode) root.at("/line/machines/0")).put("simulatedAs", "CONVEYOR");
            case "calendar" -> root -> ((ObjectNode) root.get("calendar")).put("shiftsPerDay", 4)
                    .put("shiftHours", 8);
            case "slack" -> root -> ((ObjectNode) root.at("/demand/dueDates")).set("tightSlack",
                    JsonObjects.of("min", 5, "max", 2));
            case "crew" -> root -> ((ObjectNode) root.get("maintenance")).put("crewLimit", 9);
            default -> root -> ((ObjectNode) root.get("degradation")).put("model", "my-own");
        };
        final String expected = switch (what) {
            case "speed" -> "/policies/speedPercent: fixed speed 125.0 % is outside the goal's Speed bound";
            case "threshold" -> "/policies/threshold/vibrationMmS/CNC_MACHINING: missing: machine cnc-1";
            case "bound" -> "/goal/bounds/Speed: missing";
            case "kind" -> "/line/machines/0/simulatedAs: a PRESS is simulated as itself";
            case "calendar" -> "/calendar/shiftHours: 4 shifts of 8.0 h do not fit in a day";
            case "slack" -> "/demand/dueDates/tightSlack/min: must not be above max";
            case "crew" -> "/maintenance/crewLimit: must be a whole number within 1..4, was 9";
            default -> "/degradation/model: unknown degradation model 'my-own'";
        };
        assertThat(catchScenario(ScenarioFiles.write(dir, change)).getMessage()).contains(expected);
    }

    @Test
    void theShippedExamplesLoad() {
        assumeThat(ScenarioFiles.corpusPresent()).as("../shared/corpus/tariffs is absent: skipped").isTrue();
        for (final String name : new String[] {"automotive-parts-line.json", "press-shop.json",
                "mixed-line-frequent-changes.json"}) {
            final Scenario scenario = ScenarioLoader.load(ScenarioFiles.example(name).orElseThrow());
            assertThat(scenario.stations()).isNotEmpty();
            assertThat(scenario.declaredOnly()).isNotEmpty();
        }
        final Scenario automotive = ScenarioLoader.load(ScenarioFiles.example("automotive-parts-line.json")
                .orElseThrow());
        // the shift calendar and spare parts are simulated now (3 × 8 h on weekdays: the weekend is off)
        assertThat(automotive.declaredOnly()).extracting(d -> d.pointer()).contains("/line/machines/3/kind",
                "/line/machines/4/kind").doesNotContain("/calendar", "/maintenance/spareParts");
        assertThat(automotive.calendar().plant().staffed(java.time.Instant.parse("2023-10-07T12:00:00Z")))
                .isFalse();
        final Scenario mixed = ScenarioLoader.load(ScenarioFiles.example("mixed-line-frequent-changes.json")
                .orElseThrow());
        assertThat(mixed.declaredOnly()).extracting(d -> d.pointer()).contains("/demand/jobParts")
                .doesNotContain("/calendar");
    }

    private static ScenarioException catchScenario(final Path file) {
        try {
            ScenarioLoader.load(file);
        } catch (final ScenarioException e) {
            assertThat(e.file()).isEqualTo(file);
            return e;
        }
        throw new AssertionError("expected " + file + " to be refused");
    }
}
