package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;

/**
 * The fast model for routine decisions: closed-form estimates per machine from its twin values. Power scales with
 * speed to the power {@code powerExponent} (fans and drives), output with speed, the failure hazard rises as health
 * falls and with speed; a maintenance request trades a planned stop now for the failure risk over the horizon.
 * Line throughput is that of the slowest running machine (a serial line). Desired values already requested count as
 * applied. Prices are a function of the hour ahead.
 *
 * <p>A forecast computes every machine's share once; a candidate only recomputes the machines it changes, so a
 * decision over many machines and candidates costs about one machine per candidate.
 *
 * @param settings the estimated parameters (see {@link Settings})
 * @param pricePerKwh EUR/kWh for the hour {@code h} ahead (0 = now)
 */
public record SurrogateModel(Settings settings, DoubleUnaryOperator pricePerKwh) implements PlantModel {

    /**
     * Estimated, not true, plant parameters.
     *
     * @param unitsPerHourAtFullSpeed a machine's output at Speed 100 %
     * @param powerExponent power ∝ speed^exponent while running
     * @param repairHours downtime of a failure
     * @param maintenanceHours downtime of a planned maintenance
     * @param failureRatePerHourAtZeroHealth hazard of a machine at health 0 and speed 100 %; it falls with health²
     * @param lostUnitCostEur contribution lost per unit not produced
     * @param maintenanceCostEur cost of one planned maintenance
     * @param repairCostEur cost of one failure repair, besides the lost production
     */
    public record Settings(double unitsPerHourAtFullSpeed, double powerExponent, double repairHours,
            double maintenanceHours, double failureRatePerHourAtZeroHealth, double lostUnitCostEur,
            double maintenanceCostEur, double repairCostEur) {

        public static Settings defaults() {
            return new Settings(60, 1.5, 8, 2, 0.05, 4.0, 150, 1_200);
        }
    }

    /** One machine's share of the objectives over the horizon; {@code rate} NaN when it does not produce. */
    private record Share(double energy, double energyCost, double downtime, double fixedCost, double rate) {
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final double hours = horizon.toMillis() / 3_600_000.0;
        final double[] prices = new double[(int) Math.ceil(hours)];
        for (int h = 0; h < prices.length; h++) {
            prices[h] = pricePerKwh.applyAsDouble(h);
        }
        final List<MachineView> machines = view.machines();
        final Map<ThingId, Integer> index = new HashMap<>();
        final Share[] base = new Share[machines.size()];
        for (int i = 0; i < base.length; i++) {
            index.put(machines.get(i).thingId(), i);
            base[i] = share(machines.get(i), Map.of(), hours, prices);
        }
        return candidate -> predict(candidate, machines, index, base, hours, prices);
    }

    private Prediction predict(final Candidate candidate, final List<MachineView> machines,
            final Map<ThingId, Integer> index, final Share[] base, final double hours, final double[] prices) {
        final Map<Integer, Map<String, JsonValue>> changes = new HashMap<>();
        for (final Action action : candidate.actions()) {
            final Integer i = index.get(action.thingId());
            if (i != null) {
                changes.computeIfAbsent(i, k -> new HashMap<>()).put(action.property().toString().substring(1),
                        action.value());
            }
        }
        double energy = 0;
        double energyCost = 0;
        double downtime = 0;
        double fixedCost = 0;
        double lineRate = Double.POSITIVE_INFINITY;
        for (int i = 0; i < base.length; i++) {
            final Map<String, JsonValue> change = changes.get(i);
            final Share share = change == null ? base[i] : share(machines.get(i), change, hours, prices);
            energy += share.energy();
            energyCost += share.energyCost();
            downtime += share.downtime();
            fixedCost += share.fixedCost();
            if (!Double.isNaN(share.rate())) {
                lineRate = Math.min(lineRate, share.rate());
            }
        }
        final double throughput = Double.isInfinite(lineRate) ? 0 : lineRate * hours;
        final double lost = Math.max(0, settings.unitsPerHourAtFullSpeed() * hours - throughput);
        final double cost = energyCost + fixedCost + lost * settings.lostUnitCostEur();
        return new Prediction(new Objectives(cost, energy, downtime, throughput), 0.6, "surrogate");
    }

    private Share share(final MachineView machine, final Map<String, JsonValue> change, final double hours,
            final double[] prices) {
        final double speedNow = orDefault(machine.speed(), 100);
        final double requested = orDefault(machine.requestedSpeed(), speedNow);
        final JsonValue speedChange = change.get("Speed");
        final double speed = speedChange != null && speedChange.isNumber() ? speedChange.asDouble() : requested;
        final JsonValue maintenance = change.get("MaintenanceRequest");
        final boolean maintain = maintenance != null && maintenance.isBoolean() && maintenance.asBoolean();
        final boolean stopped = !machine.running() && !"STANDBY".equals(machine.state()) || isStop(change);
        final double health = Math.max(0, Math.min(1, orDefault(machine.health(), 1)));
        final double ratio = speedNow > 0 ? speed / speedNow : 1;

        double up = stopped ? 0 : hours;
        double downtime = 0;
        double fixedCost = 0;
        if (maintain) {
            up = Math.max(0, up - settings.maintenanceHours());
            downtime += settings.maintenanceHours();
            fixedCost += settings.maintenanceCostEur();
        } else if (!stopped) {
            final double hazard = settings.failureRatePerHourAtZeroHealth() * (1 - health) * (1 - health)
                    * Math.pow(speed / 100.0, 2);
            final double failureProbability = 1 - Math.exp(-hazard * hours);
            downtime += failureProbability * settings.repairHours();
            fixedCost += failureProbability * settings.repairCostEur();
            up -= failureProbability * settings.repairHours();
        }
        final double powerNow = orDefault(machine.powerKw(), 0);
        final double power = machine.running() ? powerNow * Math.pow(ratio, settings.powerExponent()) : powerNow;
        double energy = 0;
        double energyCost = 0;
        final double upShare = up / Math.max(hours, 1e-9);
        for (int h = 0; h < prices.length; h++) {
            final double slice = Math.min(1, hours - h) * upShare;
            energy += power * slice;
            energyCost += power * slice * prices[h];
        }
        final double rate = stopped ? Double.NaN : settings.unitsPerHourAtFullSpeed() * speed / 100.0 * up / hours;
        return new Share(energy, energyCost, downtime, fixedCost, rate);
    }

    private static boolean isStop(final Map<String, JsonValue> change) {
        final JsonValue mode = change.get("Mode");
        return mode != null && mode.isString() && ("OFF".equals(mode.asString()) || "STANDBY".equals(mode.asString()));
    }

    private static double orDefault(final double value, final double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }
}
