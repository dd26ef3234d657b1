package io.twinloop.optimizer.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.plant.time.ShiftCalendar;

/**
 * Adds what the base model cannot know, having no calendar, to every prediction:
 *
 * <ul>
 *   <li>a machine switched {@code OFF} whose twin shows a shift starting within the horizon loses that shift's
 *       output (up to the horizon) unless the candidate sets it to {@code RUN}: the line's units per hour at full
 *       speed × those hours, at the estimates' lost-unit cost, per machine left off (the base model leaves a
 *       stopped machine out of the line's rate, so it would see no loss at all);</li>
 *   <li>a {@link ShiftOffAgent} switch-off is carrying on (the base model's no change: nobody works off-shift
 *       either way) less the net energy the agent computed (standby saved minus the warm-up) at the price now;</li>
 *   <li>a restart costs its warm-up's energy at the price now.</li>
 * </ul>
 *
 * @param estimates the line's output at full speed and the cost of a lost unit (the surrogate's estimates)
 * @param price EUR/kWh at an instant (the tariff, or a flat price)
 */
public record ShiftOffModel(PlantModel base, ShiftOffAgent agent, SurrogateModel.Settings estimates,
        ToDoubleFunction<Instant> price) implements PlantModel {

    public ShiftOffModel {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(estimates, "estimates");
        Objects.requireNonNull(price, "price");
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final Forecast forecast = base.forecast(view, horizon);
        final Instant now = view.readAt();
        final Instant end = now.plus(horizon);
        final Map<ThingId, Double> offIntoShift = new HashMap<>();
        final Map<ThingId, Double> warmUpKwh = new HashMap<>();
        for (final MachineView machine : view.machines()) {
            final String mode = machine.desired("Mode").filter(JsonValue::isString).map(JsonValue::asString)
                    .orElse(machine.mode());
            final Optional<ShiftCalendar> calendar = TwinCalendar.of(machine);
            if (!"OFF".equals(mode) || calendar.isEmpty()) {
                continue;
            }
            final Instant shift = calendar.get().nextStaffed(now);
            final Instant until = min(end, calendar.get().staffedUntil(shift));
            if (shift.isBefore(until)) {
                offIntoShift.put(machine.thingId(), Duration.between(shift, until).toMillis() / 3_600_000.0);
            }
            warmUpKwh.put(machine.thingId(), TwinCalendar.warmUp(machine).map(TwinCalendar.WarmUp::fromOffKwh)
                    .orElse(0.0));
        }
        final double eurPerKwh = priceAt(now);
        return candidate -> {
            final Prediction predicted;
            final Optional<Double> saving = ShiftOffAgent.NAME.equals(candidate.agent()) ? agent.saving(candidate)
                    : Optional.empty();
            if (saving.isPresent()) {
                final Objectives carryOn = forecast.predict(Candidate.noChange()).objectives();
                predicted = new Prediction(new Objectives(carryOn.costEur() - saving.get() * eurPerKwh,
                        carryOn.energyKwh() - saving.get(), carryOn.downtimeHours(), carryOn.throughputUnits()),
                        0.8, "shift-off");
            } else {
                predicted = forecast.predict(candidate);
            }
            double lostUnits = 0;
            double warmUp = 0;
            for (final Map.Entry<ThingId, Double> off : offIntoShift.entrySet()) {
                if (restarts(candidate, off.getKey())) {
                    warmUp += warmUpKwh.getOrDefault(off.getKey(), 0.0);
                } else {
                    // per machine: each one left off stops the line on its own (an overcount when several are,
                    // the same for every candidate; it makes each restart worth its own shift)
                    lostUnits += estimates.unitsPerHourAtFullSpeed() * off.getValue();
                }
            }
            for (final Map.Entry<ThingId, Double> machine : warmUpKwh.entrySet()) {
                if (!offIntoShift.containsKey(machine.getKey()) && restarts(candidate, machine.getKey())) {
                    warmUp += machine.getValue();
                }
            }
            if (lostUnits == 0 && warmUp == 0) {
                return predicted;
            }
            final Objectives o = predicted.objectives();
            return new Prediction(new Objectives(o.costEur() + lostUnits * estimates.lostUnitCostEur()
                    + warmUp * eurPerKwh, o.energyKwh() + warmUp, o.downtimeHours(),
                    Math.max(0, o.throughputUnits() - lostUnits)), predicted.confidence(),
                    predicted.model() + "+shift-off");
        };
    }

    private static boolean restarts(final Candidate candidate, final ThingId machine) {
        for (final Action action : candidate.actions()) {
            if (action.thingId().equals(machine) && "/Mode".equals(action.property().toString())
                    && action.value().isString() && "RUN".equals(action.value().asString())) {
                return true;
            }
        }
        return false;
    }

    private static Instant min(final Instant a, final Instant b) {
        return a.isBefore(b) ? a : b;
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
