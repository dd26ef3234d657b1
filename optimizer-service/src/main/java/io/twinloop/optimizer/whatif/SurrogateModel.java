package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.HashMap;
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

    @Override
    public Prediction predict(final PlantView view, final Candidate candidate, final Duration horizon) {
        final double hours = horizon.toMillis() / 3_600_000.0;
        final Map<ThingId, Map<String, JsonValue>> changes = new HashMap<>();
        for (final Action action : candidate.actions()) {
            changes.computeIfAbsent(action.thingId(), id -> new HashMap<>())
                    .put(action.property().toString().substring(1), action.value());
        }
        double energy = 0;
        double energyCost = 0;
        double downtime = 0;
        double fixedCost = 0;
        double lineRate = Double.POSITIVE_INFINITY;
        boolean anyRunning = false;
        for (final MachineView machine : view.machines()) {
            final Map<String, JsonValue> change = changes.getOrDefault(machine.thingId(), Map.of());
            final double speedNow = orDefault(machine.speed(), 100);
            // what is requested already will be applied: no change means the requested speed, not the current one
            final double requested = machine.desired("Speed").filter(JsonValue::isNumber).map(JsonValue::asDouble)
                    .orElse(speedNow);
            final double speed = change.containsKey("Speed") && change.get("Speed").isNumber()
                    ? change.get("Speed").asDouble() : requested;
            final boolean maintain = change.containsKey("MaintenanceRequest")
                    && change.get("MaintenanceRequest").isBoolean() && change.get("MaintenanceRequest").asBoolean();
            final boolean stopped = !machine.running() && !"STANDBY".equals(machine.state()) || isStop(change);
            final double health = Math.max(0, Math.min(1, orDefault(machine.health(), 1)));
            final double ratio = speedNow > 0 ? speed / speedNow : 1;

            double up = stopped ? 0 : hours;
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
            for (int h = 0; h < Math.ceil(hours); h++) {
                final double slice = Math.min(1, hours - h) * (up / Math.max(hours, 1e-9));
                energy += power * slice;
                energyCost += power * slice * pricePerKwh.applyAsDouble(h);
            }
            if (!stopped) {
                anyRunning = true;
                lineRate = Math.min(lineRate, settings.unitsPerHourAtFullSpeed() * speed / 100.0 * up / hours);
            }
        }
        final double throughput = anyRunning ? lineRate * hours : 0;
        final double lost = Math.max(0, settings.unitsPerHourAtFullSpeed() * hours - throughput);
        final double cost = energyCost + fixedCost + lost * settings.lostUnitCostEur();
        return new Prediction(new Objectives(cost, energy, downtime, throughput), 0.6, "surrogate");
    }

    private static boolean isStop(final Map<String, JsonValue> change) {
        final JsonValue mode = change.get("Mode");
        return mode != null && mode.isString() && ("OFF".equals(mode.asString()) || "STANDBY".equals(mode.asString()));
    }

    private static double orDefault(final double value, final double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }
}
