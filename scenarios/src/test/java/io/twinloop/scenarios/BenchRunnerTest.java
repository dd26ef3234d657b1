package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.scenarios.policy.Decision;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import io.twinloop.scenarios.policy.PolicyKind;
import io.twinloop.scenarios.run.BenchRunner;
import io.twinloop.scenarios.run.RunResult;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunnerTest {

    @TempDir
    Path dir;

    @Test
    void bothBaselinesRunADayWithinTheBoundsAndWithoutApprovals() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        for (final PolicyKind kind : List.of(PolicyKind.BASELINE, PolicyKind.THRESHOLD)) {
            final RunResult result = BenchRunner.run(scenario, kind, 7, 1);
            assertThat(result.policy()).isEqualTo(kind.cliName());
            assertThat(result.goodUnits()).as(kind + " makes parts").isPositive();
            assertThat(result.energyKwh()).isPositive();
            assertThat(result.energyPerGoodUnitKwh()).isCloseTo(result.energyKwh() / result.goodUnits(),
                    org.assertj.core.data.Offset.offset(1e-9));
            // prices are 0.08 or 0.16 EUR/kWh, so the energy cost lies between the two
            assertThat(result.energyCostEur()).isBetween(0.08 * result.energyKwh() - 1e-6,
                    0.16 * result.energyKwh() + 1e-6);
            assertThat(result.totalCostEur()).isCloseTo(result.energyCostEur() + result.downtimeCostEur()
                    + result.maintenanceCostEur(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(result.safetyBoundViolations()).isZero();
            assertThat(result.actionsNeedingApproval()).isZero();
            assertThat(result.declaredOnly()).isNotEmpty();
            // all the energy but what the plant drew before the first observation, most of it producing
            final double split = result.energyKwhByState().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(split).isLessThanOrEqualTo(result.energyKwh() + 1e-9)
                    .isGreaterThan(0.95 * result.energyKwh());
            assertThat(result.energyKwhByState().get("RUNNING")).isGreaterThan(split / 2);
        }
    }

    @Test
    void theCalendarBaselineMaintainsOnItsIntervalAndTheThresholdRuleOnVibration() {
        // the test scenario wears machines out 20 times faster and maintains every 12 h
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        final RunResult calendar = BenchRunner.run(scenario, PolicyKind.BASELINE, 1, 2);
        assertThat(calendar.preventiveMaintenances()).isGreaterThanOrEqualTo(4 * 3); // 4 machines, every 12 h
        assertThat(calendar.plannedMaintenanceHours()).isPositive();
        final RunResult threshold = BenchRunner.run(scenario, PolicyKind.THRESHOLD, 1, 2);
        assertThat(threshold.preventiveMaintenances()).isNotEqualTo(calendar.preventiveMaintenances());
    }

    @Test
    void theSameSeedAndPolicyGiveTheSameResult() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        final RunResult first = BenchRunner.run(scenario, PolicyKind.THRESHOLD, 11, 1);
        final RunResult again = BenchRunner.run(scenario, PolicyKind.THRESHOLD, 11, 1);
        assertThat(again).usingRecursiveComparison().ignoringFields("wallMillis").isEqualTo(first);
        final RunResult other = BenchRunner.run(scenario, PolicyKind.THRESHOLD, 12, 1);
        assertThat(other.energyKwh()).isNotEqualTo(first.energyKwh());
    }

    @Test
    void aSpeedOutsideTheSafetyBoundIsRefusedAndCounted() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        final Policy reckless = new Policy() {
            @Override
            public String name() {
                return "reckless";
            }

            @Override
            public List<Decision> decide(final Observation observation) {
                return List.of(Decision.automatic(new Command.SetSpeed("press-1", 119), "within"),
                        Decision.automatic(new Command.SetSpeed("cnc-1", 125), "outside the bound of 60..120"),
                        new Decision(new Command.SetSpeed("conveyor-1", 110), true, "big change"));
            }
        };
        final RunResult result = BenchRunner.run(scenario, reckless, 1, 0.1, Duration.ofHours(1));
        assertThat(result.safetyBoundViolations()).isEqualTo(3); // 0.1 day = 2.4 h: observations at 0, 1, 2 h
        assertThat(result.actionsNeedingApproval()).isEqualTo(3);
    }

    @Test
    void theCrewLimitHoldsMaintenanceBack() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir)); // crewLimit 1
        final AtomicLong mostInMaintenance = new AtomicLong();
        final Policy eager = new Policy() {
            @Override
            public String name() {
                return "eager";
            }

            @Override
            public List<Decision> decide(final Observation observation) {
                mostInMaintenance.accumulateAndGet(observation.machines().stream()
                        .filter(m -> m.state() == MachineState.MAINTENANCE).count(), Math::max);
                return observation.machines().stream().filter(m -> m.state() != MachineState.MAINTENANCE)
                        .map(MachineObservation::id)
                        .map(id -> Decision.automatic(new Command.RequestMaintenance(id), "always")).toList();
            }
        };
        final RunResult result = BenchRunner.run(scenario, eager, 1, 0.5, Duration.ofMinutes(10));
        assertThat(result.maintenanceHeldForCrew()).isPositive();
        assertThat(mostInMaintenance.get()).isEqualTo(1);
        assertThat(result.preventiveMaintenances()).isPositive();
    }

    @Test
    void theTwinloopPolicyIsNoObservationPolicy() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        assertThat(PolicyKind.TWINLOOP.throughStack()).isTrue();
        assertThatThrownBy(() -> PolicyKind.TWINLOOP.create(scenario))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("through the real stack");
    }

    @Test
    void aRunLongerThanThePricesIsRefusedBeforeItStarts() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir)); // 10 days of prices
        assertThatThrownBy(() -> BenchRunner.run(scenario, PolicyKind.BASELINE, 1, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need prices until");
    }

    @Test
    void theAutomotiveExampleRunsADay() {
        assumeThat(ScenarioFiles.corpusPresent()).as("../shared/corpus/tariffs is absent: skipped").isTrue();
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.example("automotive-parts-line.json")
                .orElseThrow());
        final RunResult result = BenchRunner.run(scenario, PolicyKind.BASELINE, 1, 1);
        assertThat(result.goodUnits()).isPositive();
        assertThat(result.safetyBoundViolations()).isZero();
    }
}
