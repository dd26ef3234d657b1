package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.energy.TwinCalendar;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;
import io.twinloop.optimizer.whatif.SurrogateModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A {@link PlantModel} that prices failure risk with the maintenance agent's estimate instead of the base model's:
 * the base model (e.g. the {@link SurrogateModel}) predicts every candidate on the view with each machine's health
 * shown as 1 (so it adds no failure risk of its own), and this model adds, for every machine the candidate does not
 * maintain, the expected cost of a failure within the horizon: probability × (repair cost + the units lost during the
 * repair at the machine's speed), the repair's downtime and the lost units. A failed machine left as it is loses the
 * whole horizon; repairing it loses the repair time and costs the repair (minus the planned maintenance the base
 * model charges). A maintenance started while the twin's shift calendar shows nobody working loses no output for the
 * part of it before the next shift: the base model's lost units for it are given back in that share (an idle night
 * is the cheapest time to maintain; without this the goal layer judged a press's maintenance at 22:00 as dear as one
 * in the shift, and the shift-off agent switched the press off instead). Use it in place of the base model when the {@link MaintenanceAgent} is one of the agents; the
 * agent must have seen the view first (the orchestrator asks agents before the model).
 *
 * @param estimates the repair and lost-production figures (the surrogate's estimates, not the plant's truth)
 */
public record MaintenanceRiskModel(PlantModel base, MaintenanceAgent agent, SurrogateModel.Settings estimates)
        implements PlantModel {

    public MaintenanceRiskModel {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(estimates, "estimates");
    }

    /** One machine's failure exposure over the horizon if it is not maintained. */
    private record Exposure(ThingId machine, double probability, double repairHours, double unitsPerHour,
            boolean failed) {
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final double hours = horizon.toMillis() / 3_600_000.0;
        final List<MachineView> healthy = new ArrayList<>();
        final List<Exposure> exposures = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            healthy.add(machine.isMachine() ? new MachineView(machine.thingId(), machine.revision(),
                    machine.operational().setValue("HealthIndex", 1.0), machine.desired(), machine.technical())
                    : machine);
            if (!machine.isMachine() || "MAINTENANCE".equals(machine.state()) || "OFF".equals(machine.state())) {
                continue;
            }
            final boolean failed = "FAILED".equals(machine.state());
            final double speed = Double.isNaN(machine.requestedSpeed()) ? 100 : machine.requestedSpeed();
            final double unitsPerHour = estimates.unitsPerHourAtFullSpeed() * speed / 100.0;
            // the part of the risk a maintenance takes away: a maintained machine is new, and a new machine wearing
            // at the same rate keeps its own risk within the horizon (charged to every candidate alike, so left out)
            final double probability = failed ? 1 : agent.risk(machine.thingId(), horizon).avoidableProbability();
            if (probability > 0) {
                // a failure some time within the horizon loses at most what is left of it; on average half of it
                final double repair = failed ? hours : Math.min(estimates.repairHours(), hours / 2);
                exposures.add(new Exposure(machine.thingId(), probability, repair, unitsPerHour, failed));
            }
        }
        final Map<ThingId, Double> offShift = offShiftShares(view, view.readAt());
        final Forecast forecast = base.forecast(PlantView.of(healthy, view.readAt()), horizon);
        final double carryOnUnits = offShift.isEmpty() ? 0
                : forecast.predict(Candidate.noChange()).objectives().throughputUnits();
        return candidate -> {
            final Prediction predicted = forecast.predict(candidate);
            return predict(offShift.isEmpty() ? predicted : offShift(predicted, candidate, offShift, carryOnUnits),
                    candidate, exposures, hours);
        };
    }

    /**
     * Per machine whose twin shows a shift calendar: the share of a maintenance started now (the estimates'
     * maintenance hours) that falls outside the shifts.
     */
    private Map<ThingId, Double> offShiftShares(final PlantView view, final Instant now) {
        final Map<ThingId, Double> shares = new HashMap<>();
        final Duration maintenance = Duration.ofMillis(Math.round(estimates.maintenanceHours() * 3_600_000.0));
        if (maintenance.isZero() || maintenance.isNegative()) {
            return shares;
        }
        for (final MachineView machine : view.machines()) {
            if (machine.isMachine()) {
                TwinCalendar.of(machine).ifPresent(calendar -> shares.put(machine.thingId(), 1 - calendar
                        .staffedBetween(now, now.plus(maintenance)).toMillis() / (double) maintenance.toMillis()));
            }
        }
        return shares;
    }

    /** The base prediction with the off-shift share of the units its maintenances lose given back. */
    private Prediction offShift(final Prediction base, final Candidate candidate, final Map<ThingId, Double> shares,
            final double carryOnUnits) {
        double share = 0;
        for (final Action action : candidate.actions()) {
            if ("/MaintenanceRequest".equals(action.property().toString()) && action.value().isBoolean()
                    && action.value().asBoolean()) {
                share = Math.max(share, shares.getOrDefault(action.thingId(), 0.0));
            }
        }
        final double lost = Math.max(0, carryOnUnits - base.objectives().throughputUnits());
        if (!(share > 0) || !(lost > 0)) {
            return base;
        }
        final double given = share * lost;
        final Objectives o = base.objectives();
        return new Prediction(new Objectives(o.costEur() - given * estimates.lostUnitCostEur(), o.energyKwh(),
                o.downtimeHours(), o.throughputUnits() + given), base.confidence(), base.model() + "+off-shift");
    }

    private Prediction predict(final Prediction base, final Candidate candidate, final List<Exposure> exposures,
            final double hours) {
        final Set<ThingId> maintained = new HashSet<>();
        for (final Action action : candidate.actions()) {
            if ("/MaintenanceRequest".equals(action.property().toString()) && action.value().isBoolean()
                    && action.value().asBoolean()) {
                maintained.add(action.thingId());
            }
        }
        double cost = base.objectives().costEur();
        double downtime = base.objectives().downtimeHours();
        double throughput = base.objectives().throughputUnits();
        for (final Exposure exposure : exposures) {
            if (maintained.contains(exposure.machine())) {
                if (exposure.failed()) {
                    final double extraHours = Math.max(0, Math.min(estimates.repairHours(), hours)
                            - estimates.maintenanceHours());
                    cost += estimates.repairCostEur() - estimates.maintenanceCostEur()
                            + extraHours * exposure.unitsPerHour() * estimates.lostUnitCostEur();
                    downtime += extraHours;
                    throughput -= extraHours * exposure.unitsPerHour();
                }
                continue;
            }
            final double lostUnits = exposure.probability() * exposure.repairHours() * exposure.unitsPerHour();
            cost += (exposure.failed() ? 0 : exposure.probability() * estimates.repairCostEur())
                    + lostUnits * estimates.lostUnitCostEur();
            downtime += exposure.probability() * exposure.repairHours();
            throughput -= lostUnits;
        }
        return new Prediction(new Objectives(cost, base.objectives().energyKwh(), downtime, Math.max(0, throughput)),
                base.confidence(), base.model() + "+maintenance-risk");
    }
}
