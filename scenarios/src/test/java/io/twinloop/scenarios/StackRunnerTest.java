package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.scenarios.policy.Decision;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.ResultFiles;
import io.twinloop.scenarios.run.RunResult;
import io.twinloop.scenarios.run.StackRunner;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import io.twinloop.scenarios.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twinloop policy end to end over real sockets: the test line's plant behind its OPC UA server, the twins in
 * the embedded twin server, the OPC UA connector, the optimizer with the standard agents and the headless approver,
 * stepped in 15 min quanta for half a simulated day. The CNC starts worn beyond its (scaled) characteristic life,
 * so it fails early; only a desired {@code MaintenanceRequest} through twin, connector and OPC UA can repair it.
 */
class StackRunnerTest {

    @TempDir
    Path dir;

    @Test
    void theAgentsActThroughTheTwinsAndTheResultIsWrittenWithTheBaselinesDemand() throws Exception {
        // the CNC (life 600 h x 0.05 = 30 h) starts at 40 h of wear: it fails within the first hours
        // a 24 h horizon: over the default 4 h an 8 h repair never pays (see the README)
        final Scenario scenario = wornCncLine();
        final List<PlantSnapshot> steps = new ArrayList<>();
        final RunResult result = StackRunner.run(scenario, 3, 0.5,
                StackSettings.defaults().withQuantum(Duration.ofMinutes(15)), steps::add);

        assertThat(result.policy()).isEqualTo("twinloop");
        assertThat(result.goodUnits()).isPositive();
        assertThat(result.failures()).as("the worn CNC failed").isPositive();
        // the repair came only through the twin: the optimizer proposed it, the approver approved it, the connector
        // wrote MaintenanceRequest to the OPC UA node, the plant took it
        assertThat(result.repairs()).isPositive();
        assertThat(result.actionsNeedingApproval()).isPositive();
        assertThat(steps).anySatisfy(step -> assertThat(cnc(step).state()).isEqualTo(MachineState.MAINTENANCE));
        assertThat(result.safetyBoundViolations()).isZero();
        assertThat(result.totalCostEur()).isCloseTo(result.energyCostEur() + result.downtimeCostEur()
                + result.maintenanceCostEur(), org.assertj.core.data.Offset.offset(1e-6));
        // 48 steps of 15 min, the start and each settled step seen, at the plant's time
        assertThat(steps).hasSize(49);
        assertThat(steps.get(48).time()).isEqualTo(ScenarioFiles.START.plusSeconds(12 * 3600));

        final Path json = ResultFiles.writeJson(Files.createDirectories(dir.resolve("out")), result);
        final JsonNode written = ScenarioFiles.JSON.readTree(Files.readString(json));
        assertThat(json.getFileName().toString()).isEqualTo("test-line_twinloop_seed3.json");
        assertThat(written.path("policy").asText()).isEqualTo("twinloop");
        assertThat(written.path("repairs").asLong()).isEqualTo(result.repairs());

        // common random numbers: the orders the twinloop run saw are the baseline's for the same seed
        final Map<String, Integer> twinloopOrders = new LinkedHashMap<>();
        steps.forEach(step -> step.machines().forEach(m -> m.waitingJobs()
                .forEach(job -> twinloopOrders.putIfAbsent(job.id(), job.parts()))));
        final Map<String, Integer> baselineOrders = baselineOrders(scenario, 3);
        final List<String> common = twinloopOrders.keySet().stream().filter(baselineOrders::containsKey).toList();
        assertThat(common).hasSizeGreaterThan(10);
        assertThat(common).allSatisfy(id -> assertThat(twinloopOrders.get(id)).as(id)
                .isEqualTo(baselineOrders.get(id)));
        // and the orders waiting at the start (released at the same instant) have the same due dates
        assertThat(steps.get(0).machines().get(0).waitingJobs()).isNotEmpty().isEqualTo(baselineBacklogAtStart);
    }

    /** The test line with its CNC worn beyond its (scaled) life, and a goal horizon over which a repair pays. */
    private Scenario wornCncLine() {
        return ScenarioLoader.load(ScenarioFiles.write(dir, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("line").path("machines").path(1))
                    .put("wearHours", 40);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("goal")).put("horizon", "PT24H");
        }));
    }

    private List<Job> baselineBacklogAtStart;

    private static MachineSnapshot cnc(final PlantSnapshot step) {
        return step.machine("cnc-1").orElseThrow();
    }

    private Map<String, Integer> baselineOrders(final Scenario scenario, final long seed) {
        final Map<String, Integer> orders = new LinkedHashMap<>();
        final Policy inner = PolicyKind.BASELINE.create(scenario);
        final Policy recording = new Policy() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public List<Decision> decide(final Observation observation) {
                if (baselineBacklogAtStart == null) {
                    baselineBacklogAtStart = observation.machines().get(0).waitingJobs();
                }
                observation.machines().forEach(m -> m.waitingJobs().forEach(
                        (Job job) -> orders.putIfAbsent(job.id(), job.parts())));
                return inner.decide(observation);
            }
        };
        BenchRunner.run(scenario, recording, seed, 0.5, Duration.ofMinutes(1));
        return orders;
    }

    @Test
    void aRunOfOneSeedDecidesTheSameWayEachTime() throws Exception {
        // the optimizer decides on request, once the step is whole and quiet: how fast events travel between plant,
        // connector, twin server and optimizer no longer changes what it sees when it decides
        final Scenario scenario = wornCncLine();
        final List<List<PlantSnapshot>> steps = List.of(new ArrayList<>(), new ArrayList<>());
        final List<JsonNode> results = new ArrayList<>();
        for (final List<PlantSnapshot> run : steps) {
            final RunResult result = StackRunner.run(scenario, 5, 0.5,
                    StackSettings.defaults().withQuantum(Duration.ofMinutes(15)), run::add);
            final com.fasterxml.jackson.databind.node.ObjectNode figures = ScenarioFiles.JSON.valueToTree(result);
            figures.remove(List.of("wallMillis", "wallMillisPerDay"));
            results.add(figures);
            assertThat(result.actionsNeedingApproval()).as("the agents acted").isPositive();
        }
        assertThat(steps.get(1)).hasSize(49).isEqualTo(steps.get(0));
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    @Test
    void badInputIsRefusedBeforeTheStackStarts() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir)); // 10 days of prices
        assertThatThrownBy(() -> BenchRunner.run(scenario, PolicyKind.TWINLOOP, 1, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need prices until");
        assertThatThrownBy(() -> BenchRunner.run(scenario, PolicyKind.TWINLOOP, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days must be a positive");
        assertThatThrownBy(() -> StackSettings.defaults().withQuantum(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantum must be whole seconds");
        assertThatThrownBy(() -> StackSettings.defaults().withSettleDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settleDeadline must be positive");
    }
}
