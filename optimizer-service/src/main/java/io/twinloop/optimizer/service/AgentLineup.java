package io.twinloop.optimizer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.energy.ShiftOffAgent;
import io.twinloop.optimizer.energy.ShiftOffModel;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.energy.TariffAgent;
import io.twinloop.optimizer.energy.TariffPlanModel;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.maintenance.MaintenanceAgent;
import io.twinloop.optimizer.maintenance.MaintenanceRiskModel;
import io.twinloop.optimizer.quality.QualityAgent;
import io.twinloop.optimizer.quality.ScrapModel;
import io.twinloop.optimizer.sequencing.DeliveryCostModel;
import io.twinloop.optimizer.sequencing.SequencingAgent;
import io.twinloop.optimizer.sequencing.SequencingSettings;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * The agents a service runs and the model that predicts their candidates, built together: some models need their
 * agent (the tariff plan behind a candidate, the maintenance agent's failure risk), and some agents need the live
 * goal layer (its horizon, bounds and floor).
 */
public record AgentLineup(List<Agent> agents, PlantModel model) {

    public AgentLineup {
        agents = List.copyOf(agents);
    }

    /**
     * The standard lineup: other speed settings, tariff-aware energy when day-ahead prices are given, maintenance,
     * scheduling and quality with their default settings; see {@link #standard(Supplier, Optional, double,
     * SurrogateModel.Settings, MaintenanceAgent.Settings, SequencingSettings, QualityAgent.Settings)}.
     */
    public static AgentLineup standard(final Supplier<GoalLayer> goal, final Optional<PriceSeries> prices,
            final double flatPricePerKwh, final SurrogateModel.Settings estimates,
            final MaintenanceAgent.Settings maintenance) {
        return standard(goal, prices, flatPricePerKwh, estimates, maintenance, SequencingSettings.defaults());
    }

    /** The same with the given scheduling settings and the quality agent's defaults. */
    public static AgentLineup standard(final Supplier<GoalLayer> goal, final Optional<PriceSeries> prices,
            final double flatPricePerKwh, final SurrogateModel.Settings estimates,
            final MaintenanceAgent.Settings maintenance, final SequencingSettings sequencing) {
        return standard(goal, prices, flatPricePerKwh, estimates, maintenance, sequencing,
                QualityAgent.Settings.defaults());
    }

    /**
     * The standard lineup: other speed settings, tariff-aware energy when day-ahead prices are given, maintenance,
     * scheduling (re-sequencing job queues), quality (drift detection and upstream corrections), switching idle
     * machines off between shifts (when the twins show a shift calendar); predicted by the
     * surrogate (hour by hour at the prices when there are prices, else at the flat price) with the maintenance
     * agent's failure risk in place of the surrogate's own, the quality agent's scrap added and the delivery penalty
     * of the queue orders each candidate leads to.
     *
     * @param flatPricePerKwh EUR/kWh used without a price series
     */
    public static AgentLineup standard(final Supplier<GoalLayer> goal, final Optional<PriceSeries> prices,
            final double flatPricePerKwh, final SurrogateModel.Settings estimates,
            final MaintenanceAgent.Settings maintenance, final SequencingSettings sequencing,
            final QualityAgent.Settings quality) {
        final List<Agent> agents = new ArrayList<>();
        agents.add(SpeedSettingsAgent.defaults());
        PlantModel base = new SurrogateModel(estimates, hour -> flatPricePerKwh);
        if (prices.isPresent()) {
            final TariffAgent tariff = new TariffAgent(prices.get(), goal,
                    new TariffAgent.Settings(100, 1.25, java.util.Set.of(), estimates));
            agents.add(tariff);
            base = new TariffPlanModel(estimates, tariff);
        }
        final MaintenanceAgent maintenanceAgent = new MaintenanceAgent(maintenance);
        agents.add(maintenanceAgent);
        final SequencingAgent sequencingAgent = new SequencingAgent(sequencing, estimates);
        agents.add(sequencingAgent);
        final QualityAgent qualityAgent = new QualityAgent(quality);
        agents.add(qualityAgent);
        // proposes nothing unless the twins show a shift calendar and warm-up figures
        // a machine whose maintenance the maintenance agent plans is left on off-shift: the plant maintains no machine
        // that is OFF, and idle off-shift is when its maintenance loses nothing (ShiftOffModel)
        final ShiftOffAgent shiftOff = new ShiftOffAgent(ShiftOffAgent.Settings.defaults(),
                machine -> maintenanceAgent.plans().containsKey(machine));
        agents.add(shiftOff);
        final PriceSeries series = prices.orElse(null);
        return new AgentLineup(agents, new ShiftOffModel(new DeliveryCostModel(new ScrapModel(
                new MaintenanceRiskModel(base, maintenanceAgent, estimates), qualityAgent, estimates),
                sequencingAgent.floor()), shiftOff, estimates,
                instant -> series == null ? flatPricePerKwh : series.price(instant)));
    }
}
