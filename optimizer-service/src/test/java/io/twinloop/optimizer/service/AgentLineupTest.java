package io.twinloop.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
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

    private static final ThingId PRESS = ThingId.of("line", "press-1");
    /** Two shifts of 8 h from 06:00 UTC on weekdays; the press warms up 5 min at 35 kW from OFF. */
    private static final String CALENDAR = "{\"ShiftsPerDay\":2,\"ShiftHours\":8.0,\"FirstShiftStarts\":\"06:00\","
            + "\"WorkingDays\":\"MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY\",\"Zone\":\"UTC\"}";
    private static final String WARM_UP = "{\"WarmUpFromOffMinutes\":5.0,\"WarmUpFromStandbyMinutes\":1.0,"
            + "\"WarmUpPower\":35.0}";

    private static String job(final int n) {
        return "{\"JobId\":\"J" + n + "\",\"DueDate\":\"2026-01-09T12:00:00Z\",\"Quantity\":10}";
    }

    /** The press as its twin shows it: worn {@code wearHours} of a 200 h life, running a job or idle. */
    private static MachineView press(final long revision, final double wearHours, final boolean running) {
        final String operational = String.format(java.util.Locale.ROOT, "{\"State\":\"%s\",\"Mode\":\"RUN\","
                        + "\"Speed\":100.0,\"PowerDraw\":%s,\"CurrentJob\":\"%s\",\"HealthIndex\":%s,"
                        + "\"MaintenanceRequest\":false,\"JobQueue\":[" + job(1) + "," + job(2) + "]}",
                running ? "RUNNING" : "STANDBY", running ? "45.0" : "5.0", running ? "J0" : "",
                Math.exp(-Math.pow(wearHours / 200, 4.41)));
        return MachineView.of(PRESS, JsonObject.of("{\"_revision\":" + revision + ",\"features\":{"
                + "\"OperationalData\":{\"properties\":" + operational + "},\"TechnicalData\":{\"properties\":"
                + WARM_UP + "},\"ShiftCalendar\":{\"properties\":" + CALENDAR + "}}}"));
    }

    /**
     * A press with a material risk (11 % within 24 h, not urgent) stands idle after the evening shift: the night is
     * when its maintenance loses nothing. Press-shop seed 1 lost two presses this way: every evening the shift-off
     * agent switched them off (the plant maintains no machine that is OFF), and the model charged a maintenance at
     * 22:00 the shift's lost output, so no change looked cheaper; in the shifts their queues were never empty and the
     * risk never urgent.
     */
    @Test
    void aPressWhoseMaintenanceIsWantedIsMaintainedAfterTheShiftNotSwitchedOff() {
        final AgentLineup lineup = AgentLineup.standard(() -> GOAL, Optional.empty(), 0.25,
                SurrogateModel.Settings.defaults(), MaintenanceAgent.Settings.defaults());
        final Instant monday = Instant.parse("2026-01-05T06:00:00Z");
        // the shift: running, worn from 100 to 116 h of its 200 h life
        for (int h = 0; h < 16; h++) {
            final PlantView view = PlantView.of(List.of(press(10 + h, 100 + h, true)), monday.plusSeconds(3600L * h));
            lineup.agents().forEach(agent -> agent.propose(view));
        }
        // 22:00, the shift over: idle, nobody there until 06:00
        final PlantView night = PlantView.of(List.of(press(30, 116, false)), Instant.parse("2026-01-05T22:00:00Z"));
        final List<Candidate> candidates = new ArrayList<>();
        lineup.agents().forEach(agent -> candidates.addAll(agent.propose(night)));

        assertThat(candidates).filteredOn(c -> c.agent().equals("shift-off")).as("no switch-off of the press")
                .isEmpty();
        final Candidate maintain = candidates.stream().filter(c -> c.agent().equals("maintenance")).findFirst()
                .orElseThrow();
        assertThat(maintain.summary()).startsWith("maintain " + PRESS + " now");
        final PlantModel.Forecast forecast = lineup.model().forecast(night, Duration.ofHours(24));
        final Objectives carryOn = forecast.predict(Candidate.noChange()).objectives();
        final Objectives maintained = forecast.predict(maintain).objectives();
        // off-shift the maintenance costs its crew hours, no output: cheaper than the risk it takes away
        assertThat(maintained.costEur()).as("maintained at night against carrying on")
                .isLessThan(carryOn.costEur());
        assertThat(maintained.throughputUnits()).isGreaterThanOrEqualTo(carryOn.throughputUnits());
        // in the shift the same maintenance loses two hours of output (the surrogate's 60 units/h at 4 EUR)
        final PlantView shift = PlantView.of(List.of(press(31, 116, true)), Instant.parse("2026-01-06T10:00:00Z"));
        final Objectives inShift = lineup.model().forecast(shift, Duration.ofHours(24)).predict(maintain)
                .objectives();
        assertThat(inShift.costEur() - maintained.costEur()).isGreaterThan(400);
    }
}
