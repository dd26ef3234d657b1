package io.twinloop.optimizer.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;

/**
 * Predicts the {@link ShiftOffAgent}'s candidates, which the base model cannot: it knows no calendar, so it would
 * count a machine switched off for the night as lost output. A switch-off is predicted as carrying on (the base
 * model's no change: nobody works off-shift either way) less the net energy the agent computed (standby saved
 * minus the warm-up) at the price now. A restart is predicted as no change on the view with the machine shown
 * back in {@code RUN}, standing by (what it will be after its warm-up), plus the warm-up's energy; without it the
 * base model counts the switched-off machine as stopped over the horizon. Every other candidate goes to the base
 * model unchanged.
 *
 * @param price EUR/kWh at an instant (the tariff, or a flat price)
 */
public record ShiftOffModel(PlantModel base, ShiftOffAgent agent, ToDoubleFunction<Instant> price)
        implements PlantModel {

    public ShiftOffModel {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(price, "price");
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final Forecast forecast = base.forecast(view, horizon);
        return candidate -> {
            if (!ShiftOffAgent.NAME.equals(candidate.agent())) {
                return forecast.predict(candidate);
            }
            final double eurPerKwh = priceAt(view.readAt());
            final java.util.Optional<Double> saving = agent.saving(candidate);
            if (saving.isPresent()) {
                final Objectives carryOn = forecast.predict(Candidate.noChange()).objectives();
                return new Prediction(new Objectives(carryOn.costEur() - saving.get() * eurPerKwh,
                        carryOn.energyKwh() - saving.get(), carryOn.downtimeHours(), carryOn.throughputUnits()),
                        0.8, "shift-off");
            }
            return restarted(view, candidate, horizon, eurPerKwh);
        };
    }

    private Prediction restarted(final PlantView view, final Candidate candidate, final Duration horizon,
            final double eurPerKwh) {
        final Set<ThingId> restarted = new HashSet<>();
        for (final Action action : candidate.actions()) {
            if ("/Mode".equals(action.property().toString()) && action.value().isString()
                    && "RUN".equals(action.value().asString())) {
                restarted.add(action.thingId());
            }
        }
        double warmUpKwh = 0;
        final List<MachineView> machines = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            if (!restarted.contains(machine.thingId())) {
                machines.add(machine);
                continue;
            }
            warmUpKwh += TwinCalendar.warmUp(machine).map(TwinCalendar.WarmUp::fromOffKwh).orElse(0.0);
            machines.add(new MachineView(machine.thingId(), machine.revision(), machine.operational()
                    .setValue("Mode", "RUN").setValue("State", "STANDBY"),
                    machine.desired().remove("Mode"), machine.technical(), machine.calendar()));
        }
        final Objectives carryOn = base.forecast(PlantView.of(machines, view.readAt()), horizon)
                .predict(Candidate.noChange()).objectives();
        return new Prediction(new Objectives(carryOn.costEur() + warmUpKwh * eurPerKwh,
                carryOn.energyKwh() + warmUpKwh, carryOn.downtimeHours(), carryOn.throughputUnits()), 0.8,
                "shift-off");
    }

    private double priceAt(final Instant instant) {
        try {
            final double value = price.applyAsDouble(instant);
            return Double.isFinite(value) ? value : 0;
        } catch (final RuntimeException outsideTheSeries) {
            return 0;
        }
    }
}
