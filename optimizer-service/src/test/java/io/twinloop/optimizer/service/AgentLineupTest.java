package io.twinloop.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.energy.ShiftOffModel;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.maintenance.MaintenanceAgent;
import io.twinloop.optimizer.maintenance.MaintenanceRiskModel;
import io.twinloop.optimizer.quality.ScrapModel;
import io.twinloop.optimizer.sequencing.DeliveryCostModel;
import io.twinloop.optimizer.sequencing.SequencingAgent;
import io.twinloop.optimizer.sequencing.SequencingSettings;
import io.twinloop.optimizer.whatif.SurrogateModel;

class AgentLineupTest {

    private static final GoalLayer GOAL = new GoalLayer(new Weights(1, 0.2, 50), 0,
            Map.of("Speed", new Bound(50, 130)), Duration.ofHours(4));

    @Test
    void withoutPricesTheTariffAgentStaysOut() {
        final AgentLineup lineup = AgentLineup.standard(() -> GOAL, Optional.empty(), 0.25,
                SurrogateModel.Settings.defaults(), MaintenanceAgent.Settings.defaults());

        assertThat(lineup.agents()).extracting(Agent::name)
                .containsExactly("energy", "maintenance", "sequencing", "quality", "shift-off");
        // the shift-off model outermost: it adds what no other model knows (the calendar) to every prediction
        assertThat(lineup.model()).isInstanceOf(ShiftOffModel.class);
        final DeliveryCostModel delivery = (DeliveryCostModel) ((ShiftOffModel) lineup.model()).base();
        assertThat(delivery.base()).isInstanceOf(ScrapModel.class);
        assertThat(((ScrapModel) delivery.base()).base()).isInstanceOf(MaintenanceRiskModel.class);
    }

    @Test
    void withPricesTheTariffAgentJoinsAndTheModelPricesHourByHour() {
        final Map<Instant, Double> hourly = new TreeMap<>();
        for (int h = 0; h < 24; h++) {
            hourly.put(Instant.parse("2026-11-22T00:00:00Z").plusSeconds(3600L * h), h < 8 ? 0.1 : 0.3);
        }
        final AgentLineup lineup = AgentLineup.standard(() -> GOAL, Optional.of(PriceSeries.of("test", hourly)),
                0.25, SurrogateModel.Settings.defaults(), MaintenanceAgent.Settings.defaults());

        assertThat(lineup.agents()).extracting(Agent::name).containsExactly("energy", "energy-tariff", "maintenance",
                "sequencing", "quality", "shift-off");
        assertThat(((MaintenanceRiskModel) ((ScrapModel) ((DeliveryCostModel) ((ShiftOffModel) lineup.model())
                .base()).base()).base()).base()
                .getClass().getSimpleName())
                .isEqualTo("TariffPlanModel");
    }

    @Test
    void theSequencingAgentTakesTheServiceConfiguration() {
        final SequencingSettings demo = OptimizerConfig.defaults(java.nio.file.Path.of("data")).sequencing();
        final AgentLineup lineup = AgentLineup.standard(() -> GOAL, Optional.empty(), 0.25,
                SurrogateModel.Settings.defaults(), MaintenanceAgent.Settings.defaults(), demo);

        assertThat(demo.lines()).singleElement().asList().extracting(Object::toString)
                .containsExactly("demo:Press01", "demo:CNC01", "demo:Robot01");
        assertThat(lineup.agents()).filteredOn(SequencingAgent.class::isInstance).singleElement()
                .extracting(agent -> ((SequencingAgent) agent).settings()).isEqualTo(demo);
    }
}
