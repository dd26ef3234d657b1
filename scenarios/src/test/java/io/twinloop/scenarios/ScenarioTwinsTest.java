package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.optimizer.energy.TwinCalendar;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import io.twinloop.scenarios.stack.ScenarioTwins;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twins a scenario's run works on: one per machine, pointed at its nodes, without the simulator's health. */
class ScenarioTwinsTest {

    @TempDir
    Path dir;

    @Test
    void oneTwinPerMachineNamingItsNodesAndTheEndpointWithoutHiddenHealth() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        final ScenarioTwins twins = ScenarioTwins.of(scenario, "opc.tcp://localhost:49999/twinloop/plant",
                Duration.ofMillis(7));

        assertThat(twins.machines()).containsExactly(
                java.util.Map.entry("press-1", ThingId.of("bench:S01_press_1")),
                java.util.Map.entry("cnc-1", ThingId.of("bench:S02_cnc_1")),
                java.util.Map.entry("inspect-1", ThingId.of("bench:S03_inspect_1")),
                java.util.Map.entry("conveyor-1", ThingId.of("bench:S04_conveyor_1")));
        for (final java.util.Map.Entry<String, ThingId> machine : twins.machines().entrySet()) {
            final String json = twins.things().stream().filter(t -> t.thingId().equals(machine.getValue().toString()))
                    .findFirst().map(MappedThing::toJsonString).orElseThrow();
            assertThat(json).contains("s=" + machine.getKey() + "/Speed")
                    .contains("opc.tcp://localhost:49999/twinloop/plant")
                    .doesNotContain("localhost:4840")
                    .doesNotContain("HealthIndex").doesNotContain("/Health\"")
                    .doesNotContain("\"twinloop_samplingInterval\":1000").contains("\"twinloop_samplingInterval\":7");
            for (final String other : twins.machines().keySet()) {
                if (!other.equals(machine.getKey())) {
                    assertThat(json).doesNotContain("s=" + other + "/");
                }
            }
        }
    }

    @Test
    void everyTwinShowsTheShiftCalendarAndItsKindsWarmUpForTheOptimizerToRead() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.write(dir, root -> {
            final com.fasterxml.jackson.databind.node.ObjectNode calendar =
                    (com.fasterxml.jackson.databind.node.ObjectNode) root.get("calendar");
            calendar.put("shiftsPerDay", 2);
            calendar.putArray("workingDays").add("MONDAY").add("TUESDAY").add("WEDNESDAY").add("THURSDAY")
                    .add("FRIDAY");
        }));
        final ScenarioTwins twins = ScenarioTwins.of(scenario, "opc.tcp://localhost:49999/twinloop/plant",
                Duration.ofMillis(7));
        for (final java.util.Map.Entry<String, ThingId> machine : twins.machines().entrySet()) {
            final String json = twins.things().stream().filter(t -> t.thingId().equals(machine.getValue().toString()))
                    .findFirst().map(MappedThing::toJsonString).orElseThrow();
            final MachineView view = MachineView.of(machine.getValue(),
                    org.eclipse.ditto.json.JsonFactory.readFrom(json).asObject());
            assertThat(TwinCalendar.of(view)).as(machine.getKey()).contains(scenario.calendar().plant());
            final io.twinloop.plant.machine.RestartProfile restart = scenario.stations().stream()
                    .filter(s -> s.id().equals(machine.getKey())).findFirst().orElseThrow()
                    .simulatedAs().profile().restart();
            assertThat(TwinCalendar.warmUp(view)).as(machine.getKey()).contains(new TwinCalendar.WarmUp(
                    restart.fromOff().toSeconds() / 60.0, restart.fromStandby().toSeconds() / 60.0,
                    restart.warmUpKw()));
        }
        // the CNC's: 20 min from OFF at 8 kW
        final String cnc = twins.things().stream().filter(t -> t.thingId().equals("bench:S02_cnc_1"))
                .findFirst().map(MappedThing::toJsonString).orElseThrow();
        assertThat(TwinCalendar.warmUp(MachineView.of(ThingId.of("bench:S02_cnc_1"),
                org.eclipse.ditto.json.JsonFactory.readFrom(cnc).asObject())).orElseThrow().fromOffKwh())
                .isCloseTo(8.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
    }
}
