package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.scenarios.policy.Decision;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.RunResult;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spare parts on hand: the test line's CNC starts far beyond its scaled life and fails within minutes; a policy that
 * only repairs asks for the repair at once. Without stock tracked the repair starts at once; with none on hand it
 * waits for the part ordered at the failure, the scenario's lead time; with one on hand it starts at once.
 */
class SparePartsTest {

    @TempDir
    Path dir;

    private Scenario scenario(final String name, final Consumer<ObjectNode> maintenance) throws Exception {
        return ScenarioLoader.load(ScenarioFiles.write(Files.createDirectories(dir.resolve(name)), root -> {
            ((ObjectNode) root.get("line").get("machines").get(1)).put("wearHours", 60);
            maintenance.accept((ObjectNode) root.get("maintenance"));
        }));
    }

    /** When the CNC first failed and when its repair began, as observed every minute. */
    private static List<Instant> firstRepair(final Scenario scenario, final RunResult[] result) {
        final List<Instant> instants = new ArrayList<>();
        final Policy repairsOnly = new Policy() {
            @Override
            public String name() {
                return "repairs-only";
            }

            @Override
            public List<Decision> decide(final Observation observation) {
                final MachineObservation cnc = observation.machines().get(1);
                if (instants.isEmpty() && cnc.state() == MachineState.FAILED
                        || instants.size() == 1 && cnc.state() == MachineState.MAINTENANCE) {
                    instants.add(observation.time());
                }
                return observation.machines().stream().filter(m -> m.state() == MachineState.FAILED)
                        .map(m -> Decision.automatic(new Command.RequestMaintenance(m.id()), "repair")).toList();
            }
        };
        result[0] = BenchRunner.run(scenario, repairsOnly, 1, 1, Duration.ofMinutes(1));
        return instants;
    }

    @Test
    void aRepairWaitsForItsPartWhenNoneIsOnHand() throws Exception {
        final RunResult[] untracked = new RunResult[1];
        final List<Instant> free = firstRepair(scenario("untracked", m -> { }), untracked);
        assertThat(free).hasSize(2);
        assertThat(Duration.between(free.get(0), free.get(1))).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(untracked[0].repairsWaitingForParts()).isZero();

        final RunResult[] none = new RunResult[1];
        final List<Instant> waited = firstRepair(scenario("none", m -> {
            m.putObject("spareParts").put("CNC_MACHINING", 0);
            m.put("sparePartsLeadTimeHours", 6);
        }), none);
        assertThat(waited).hasSize(2);
        assertThat(Duration.between(waited.get(0), waited.get(1)))
                .isBetween(Duration.ofHours(6), Duration.ofHours(6).plusMinutes(2));
        assertThat(none[0].repairsWaitingForParts()).isPositive();
        assertThat(none[0].unplannedDowntimeHours()).isGreaterThan(untracked[0].unplannedDowntimeHours());
        assertThat(none[0].declaredOnly()).noneMatch(d -> d.startsWith("/maintenance/spareParts"));

        final RunResult[] one = new RunResult[1];
        final List<Instant> stocked = firstRepair(scenario("one", m -> {
            m.putObject("spareParts").put("CNC_MACHINING", 1);
            m.put("sparePartsLeadTimeHours", 6);
        }), one);
        assertThat(stocked.get(0)).isEqualTo(free.get(0)); // the same failure (common random numbers)
        assertThat(Duration.between(stocked.get(0), stocked.get(1))).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aNegativeLeadTimeIsRefusedAtItsPointer() {
        final Path file = ScenarioFiles.write(dir, root -> ((ObjectNode) root.get("maintenance"))
                .put("sparePartsLeadTimeHours", -1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScenarioLoader.load(file))
                .hasMessageContaining("/maintenance/sparePartsLeadTimeHours");
    }
}
