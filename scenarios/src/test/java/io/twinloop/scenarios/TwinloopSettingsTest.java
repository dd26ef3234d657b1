package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.optimizer.maintenance.MaintenanceAgent;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ScenarioException;
import io.twinloop.scenarios.scenario.ScenarioLoader;
import io.twinloop.scenarios.scenario.ScenarioOverride;
import io.twinloop.scenarios.scenario.TwinloopSettings;
import io.twinloop.scenarios.stack.LoopStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twinloop policy's maintenance knobs in the scenario ({@code policies.twinloop}) and the overrides a tuning
 * procedure sets them with ({@code bench plant --set}): read, checked, handed to the maintenance agent.
 */
class TwinloopSettingsTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionTheKnobsAreTheFormerFixedValues() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir));
        assertThat(scenario.policies().twinloop()).isEqualTo(TwinloopSettings.defaults());
        final MaintenanceAgent.Settings agent = LoopStack.maintenance(scenario);
        assertThat(agent.materialProbability()).isEqualTo(0.05);
        assertThat(agent.urgentProbability()).isEqualTo(0.15);
        assertThat(agent.horizon()).isEqualTo(Duration.ofHours(24));
        assertThat(scenario.overrides()).isEmpty();
    }

    @Test
    void theSectionSetsTheMaintenanceAgent() {
        final Path file = ScenarioFiles.write(dir, root -> ((ObjectNode) root.get("policies")).set("twinloop",
                JsonObjects.of("materialRisk", 0.1, "urgentRisk", 0.3, "riskHorizonHours", 48)));
        final MaintenanceAgent.Settings agent = LoopStack.maintenance(ScenarioLoader.load(file));
        assertThat(agent.materialProbability()).isEqualTo(0.1);
        assertThat(agent.urgentProbability()).isEqualTo(0.3);
        assertThat(agent.horizon()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void overridesReplaceValuesBeforeTheCheckAndAreRecorded() {
        final Scenario scenario = ScenarioLoader.load(ScenarioFiles.valid(dir), List.of(
                ScenarioOverride.parse("/policies/twinloop/urgentRisk=0.25"),
                ScenarioOverride.parse("/policies/baseline/maintenanceIntervalHours=36")));
        assertThat(scenario.policies().twinloop().urgentRisk()).isEqualTo(0.25);
        assertThat(scenario.policies().twinloop().materialRisk()).isEqualTo(0.05);
        assertThat(scenario.policies().maintenanceInterval()).isEqualTo(Duration.ofHours(36));
        assertThat(scenario.overrides()).containsExactly("/policies/twinloop/urgentRisk=0.25",
                "/policies/baseline/maintenanceIntervalHours=36");
    }

    @Test
    void badKnobsAndBadOverridesAreRefusedNamingWhere() {
        final Path file = ScenarioFiles.valid(dir);
        assertThatThrownBy(() -> ScenarioLoader.load(file, List.of(
                ScenarioOverride.parse("/policies/twinloop/materialRisk=0.4"))))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("/policies/twinloop/materialRisk: material risk 0.4 is above the urgent risk");
        assertThatThrownBy(() -> ScenarioLoader.load(file, List.of(
                ScenarioOverride.parse("/policies/twinloop/urgentRisk=1.5"))))
                .hasMessageContaining("/policies/twinloop/urgentRisk: must be within");
        assertThatThrownBy(() -> ScenarioLoader.load(file, List.of(
                ScenarioOverride.parse("/policies/twinloop/horizon=12"))))
                .hasMessageContaining("/policies/twinloop/horizon: unknown field");
        assertThatThrownBy(() -> ScenarioLoader.load(file, List.of(
                ScenarioOverride.parse("/name/first=1"))))
                .hasMessageContaining("/name/first: cannot apply the override /name/first=1");
        assertThatThrownBy(() -> ScenarioOverride.parse("/policies/twinloop/urgentRisk"))
                .hasMessageContaining("expected POINTER=JSON");
        assertThatThrownBy(() -> ScenarioOverride.parse("/goal/horizon=PT12H"))
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> ScenarioOverride.parse("policies=1")).hasMessageContaining("JSON Pointer");
    }
}
