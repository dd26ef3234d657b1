package io.twinloop.optimizer.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.ditto.json.JsonPointer;
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

/**
 * The surrogate model, hour by hour at the day-ahead prices: every candidate is predicted one hour at a time with
 * {@link SurrogateModel} at that hour's average price, and a {@link TariffAgent} candidate with the speed (or
 * standby) its plan gives that hour; other candidates keep their setting all horizon, as the surrogate assumes.
 * Production is judged over the whole horizon: units lost are counted against full speed over the horizon, not
 * hour by hour, so making up later for a slow hour is not a loss (the surrogate alone counts each hour apart).
 */
public final class TariffPlanModel implements PlantModel {

    private final SurrogateModel.Settings settings;
    private final TariffAgent agent;

    public TariffPlanModel(final SurrogateModel.Settings settings, final TariffAgent agent) {
        this.settings = settings;
        this.agent = agent;
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        return candidate -> predictHourly(view, candidate, horizon);
    }

    private Prediction predictHourly(final PlantView view, final Candidate candidate, final Duration horizon) {
        final Instant now = view.readAt();
        final PriceSeries prices = agent.prices();
        final int hours = TariffAgent.hours(horizon);
        final boolean priced = !now.isBefore(prices.start()) && now.isBefore(prices.end());
        if (!priced) {
            // no price for now: the surrogate at the last known price, as it would without tariffs
            final double last = prices.points().lastEntry().getValue();
            return new SurrogateModel(settings, h -> last).predict(view, candidate, horizon);
        }
        final double[] hourly = prices.hourly(now, hours);
        final Map<ThingId, SpeedPlan> plan = agent.planOf(candidate);
        double cost = 0;
        double energy = 0;
        double downtime = 0;
        double throughput = 0;
        double confidence = 1;
        for (int h = 0; h < hours; h++) {
            final double price = hourly[h];
            // a maintenance request happens once, in the first hour (the surrogate counts its whole stop there)
            final Candidate once = h == 0 ? candidate : withoutOneOffs(candidate);
            // any other candidate (no change included) leaves the line on its current plan after the hour now: the
            // tariff agent moves it on hour by hour whatever else is decided. Holding today's speed all horizon
            // instead made "no change" a constant speed beside hourly plans, and a flat setting and the plan won in
            // turn, without end (the benchmark's flapping)
            final Candidate hour = !plan.isEmpty() ? atHour(once, plan, h, view)
                    : h == 0 ? once : following(once, agent.currentPlan(), h, view);
            final Prediction p = new SurrogateModel(settings, k -> price).predict(view, hour, Duration.ofHours(1));
            final Objectives o = p.objectives();
            // take the surrogate's per-hour lost production out; it is counted once over the horizon below
            final double lostThisHour = Math.max(0, settings.unitsPerHourAtFullSpeed() - o.throughputUnits());
            cost += o.costEur() - lostThisHour * settings.lostUnitCostEur();
            energy += o.energyKwh();
            downtime += o.downtimeHours();
            throughput += o.throughputUnits();
            confidence = Math.min(confidence, p.confidence());
        }
        cost += Math.max(0, settings.unitsPerHourAtFullSpeed() * hours - throughput) * settings.lostUnitCostEur();
        return new Prediction(new Objectives(cost, energy, downtime, throughput), confidence,
                "surrogate-hourly-tariff");
    }

    /**
     * The candidate without its one-off actions ({@code MaintenanceRequest}): repeated every hour they would count a
     * maintenance (its stop and its cost) once per hour of the horizon.
     */
    private static Candidate withoutOneOffs(final Candidate candidate) {
        final List<Action> settings = candidate.actions().stream()
                .filter(action -> !ONE_OFF.equals(action.property())).toList();
        return settings.size() == candidate.actions().size() ? candidate
                : new Candidate(candidate.agent(), candidate.summary(), settings, candidate.reasoning());
    }

    private static final JsonPointer ONE_OFF = JsonPointer.of("MaintenanceRequest");

    /**
     * A candidate that is no tariff plan, in hour {@code h} ≥ 1: its own actions, and every machine of the current
     * line plan it does not set (speed, mode or maintenance) at the plan's speed for that hour.
     */
    private static Candidate following(final Candidate candidate, final Map<ThingId, SpeedPlan> plan, final int h,
            final PlantView view) {
        if (plan.isEmpty()) {
            return candidate;
        }
        final java.util.Set<ThingId> set = new java.util.HashSet<>();
        candidate.actions().stream().filter(a -> OWN_SETTINGS.contains(a.property().toString()))
                .forEach(a -> set.add(a.thingId()));
        final List<Action> actions = new ArrayList<>(candidate.actions());
        for (final Map.Entry<ThingId, SpeedPlan> entry : plan.entrySet()) {
            if (set.contains(entry.getKey()) || entry.getValue().speed(h) <= 0) {
                continue;
            }
            final long revision = view.machine(entry.getKey()).map(MachineView::revision).orElse(1L);
            actions.add(new Action(entry.getKey(), MachineView.OPERATIONAL, JsonPointer.of("Speed"),
                    JsonValue.of(entry.getValue().speed(h)), revision));
        }
        return new Candidate(candidate.agent(), candidate.summary() + " @+" + h + "h on plan", actions,
                candidate.reasoning());
    }

    /** Settings a candidate makes on a machine that take it off the line's plan. */
    private static final java.util.Set<String> OWN_SETTINGS = java.util.Set.of("/Speed", "/Mode",
            "/MaintenanceRequest");

    /** The candidate as it stands in hour {@code h} of its plan: the planned speed, or standby. */
    private static Candidate atHour(final Candidate candidate, final Map<ThingId, SpeedPlan> plan, final int h,
            final PlantView view) {
        final List<Action> actions = new ArrayList<>();
        for (final Action action : candidate.actions()) {
            if (!plan.containsKey(action.thingId())) {
                actions.add(action);
            }
        }
        for (final Map.Entry<ThingId, SpeedPlan> entry : plan.entrySet()) {
            final double speed = entry.getValue().speed(h);
            final long revision = view.machine(entry.getKey()).map(MachineView::revision).orElse(1L);
            actions.add(speed <= 0
                    ? new Action(entry.getKey(), MachineView.OPERATIONAL, JsonPointer.of("Mode"),
                            JsonValue.of("STANDBY"), revision)
                    : new Action(entry.getKey(), MachineView.OPERATIONAL, JsonPointer.of("Speed"),
                            JsonValue.of(speed), revision));
        }
        return new Candidate(candidate.agent(), candidate.summary() + " @+" + h + "h", actions,
                candidate.reasoning());
    }
}
