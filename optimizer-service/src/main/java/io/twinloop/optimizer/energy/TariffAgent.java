package io.twinloop.optimizer.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * Energy, tariff-aware: from the day-ahead prices over the goal's horizon, plans each running machine's speed hour
 * by hour so that it makes as many units as at the reference speed, but fewer in the expensive hours and more in
 * the cheap ones ({@link SpeedPlan}); it proposes the plan's speed for the hour starting now, for all running
 * machines of the line together (a serial line makes what its slowest machine makes). A machine whose work
 * is not urgent ({@code deferrable}) is also offered STANDBY when the hour now is a price peak, the following hours
 * making up for it; and RUN again, once the peak is over, if it stands by at the optimizer's request.
 *
 * <p>Never plans below the speed the goal's throughput floor needs, nor outside the goal's {@code Speed} bound.
 * The plans of the candidates of the latest proposal are kept for {@link TariffPlanModel}, which predicts them
 * hour by hour with the surrogate model (a plan is not a constant speed, the surrogate alone would judge it so).
 */
public final class TariffAgent implements Agent {

    /**
     * @param referenceSpeed the speed (percent) whose output over the horizon every plan keeps
     * @param peakFactor an hour is a peak when its price is at least this times the horizon's average
     * @param deferrable machines whose work may wait out a price peak in STANDBY
     * @param model the estimates the plans use (units per hour at full speed, power exponent)
     */
    public record Settings(double referenceSpeed, double peakFactor, Set<ThingId> deferrable,
            SurrogateModel.Settings model) {

        public Settings {
            if (!(referenceSpeed > 0) || !(peakFactor >= 1)) {
                throw new IllegalArgumentException("tariff agent: referenceSpeed must be > 0 and peakFactor >= 1, "
                        + "were " + referenceSpeed + " and " + peakFactor);
            }
            deferrable = Set.copyOf(deferrable);
            Objects.requireNonNull(model, "model");
        }

        public static Settings defaults() {
            return new Settings(100, 1.25, Set.of(), SurrogateModel.Settings.defaults());
        }

        public Settings withDeferrable(final Set<ThingId> machines) {
            return new Settings(referenceSpeed, peakFactor, machines, model);
        }
    }

    /** Speed bound used when the goal has none for {@code Speed}. */
    static final Bound DEFAULT_SPEED = new Bound(50, 130);

    private final PriceSeries prices;
    private final Supplier<GoalLayer> goal;
    private final Settings settings;
    private final AtomicReference<Map<Candidate, Map<ThingId, SpeedPlan>>> plans =
            new AtomicReference<>(Map.of());
    /** The line's plan at the latest proposal, for every machine it sets, whether or not a change was proposed. */
    private final AtomicReference<Map<ThingId, SpeedPlan>> current = new AtomicReference<>(Map.of());

    public TariffAgent(final PriceSeries prices, final Supplier<GoalLayer> goal, final Settings settings) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.goal = Objects.requireNonNull(goal, "goal");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public PriceSeries prices() {
        return prices;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "energy-tariff";
    }

    /** The plan behind a candidate of the latest proposal, by machine; empty for any other candidate. */
    public Map<ThingId, SpeedPlan> planOf(final Candidate candidate) {
        return plans.get().getOrDefault(candidate, Map.of());
    }

    /**
     * The plan of the latest proposal for the machines that follow it (running, not deferrable, set to the plan's
     * speed for the hour now): what "no change" means for their speeds after the hour now, since this agent moves
     * them on hour by hour. A machine set to another speed (by another agent's candidate, or a person) is not on
     * the plan and holds its setting under no change; bringing it back is a candidate like any other. Empty when
     * there is no price for now.
     */
    public Map<ThingId, SpeedPlan> currentPlan() {
        return current.get();
    }

    /** Whole hours of the goal's horizon (at least one). */
    static int hours(final Duration horizon) {
        return (int) Math.max(1, Math.ceil(horizon.toMillis() / 3_600_000.0));
    }

    @Override
    public List<Candidate> propose(final PlantView view) {
        final GoalLayer layer = goal.get();
        final Instant now = view.readAt();
        final int hours = hours(layer.horizon());
        if (now.isBefore(prices.start()) || !now.isBefore(prices.end())) {
            plans.set(Map.of());
            current.set(Map.of());
            return List.of(); // no price for now: nothing to be aware of
        }
        final double[] hourly = prices.hourly(now, hours);
        final double average = java.util.Arrays.stream(hourly).average().orElse(hourly[0]);
        int peakHour = 0;
        for (int h = 1; h < hours; h++) {
            peakHour = hourly[h] > hourly[peakHour] ? h : peakHour;
        }
        final Bound bound = layer.bounds().getOrDefault("Speed", DEFAULT_SPEED);
        final double floorSpeed = 100.0 * layer.throughputFloorPerHour() / settings.model().unitsPerHourAtFullSpeed();
        final double min = Math.max(bound.min(), floorSpeed);
        final double max = bound.max();
        final String prices = String.format(Locale.ROOT, "price now %.4f EUR/kWh, horizon %d h average %.4f, "
                + "peak %.4f at +%d h", hourly[0], hours, average, hourly[peakHour], peakHour);
        final boolean peakNow = hourly[0] >= settings.peakFactor() * average && hourly[0] > 0;

        final Map<Candidate, Map<ThingId, SpeedPlan>> proposed = new HashMap<>();
        final List<Candidate> candidates = new ArrayList<>();
        if (min > max) {
            plans.set(Map.of());
            current.set(Map.of());
            return List.of(); // the floor needs more than the bound allows: not this agent's conflict to settle
        }
        final double reference = Math.max(min, Math.min(max, settings.referenceSpeed()));
        // a serial line moves at its slowest machine: the machines on it follow one plan together
        final SpeedPlan plan = SpeedPlan.cheapest(hourly, reference, min, max, settings.model().powerExponent(),
                null);
        final double speedNow = Math.round(plan.speed(0));
        final List<Action> lineActions = new ArrayList<>();
        final Map<ThingId, SpeedPlan> linePlan = new HashMap<>();
        final Map<ThingId, SpeedPlan> onPlan = new HashMap<>();
        final List<String> changes = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            final double requested = requestedSpeed(machine);
            if (machine.running() && !Double.isNaN(machine.speed())
                    && !settings.deferrable().contains(machine.thingId())) {
                linePlan.put(machine.thingId(), plan);
                if (Math.abs(speedNow - requested) >= 1) {
                    lineActions.add(speed(machine, speedNow));
                    changes.add(String.format(Locale.ROOT, "%s %.0f -> %.0f %%", machine.thingId(), requested,
                            speedNow));
                } else {
                    onPlan.put(machine.thingId(), plan);
                }
            }
        }
        if (!lineActions.isEmpty()) {
            add(candidates, proposed, new Candidate(name(), "line speed by tariff plan: " + String.join(", ",
                    changes), lineActions, String.format(Locale.ROOT, "%s; hourly speed plan %s keeps the output "
                    + "of %.0f %% over %d h at the least energy cost (min %.0f %% for the floor of %.1f units/h)",
                    prices, plan, reference, hours, min, layer.throughputFloorPerHour())), linePlan);
        }
        for (final MachineView machine : view.machines()) {
            if (!settings.deferrable().contains(machine.thingId())) {
                continue;
            }
            if (machine.running() && !Double.isNaN(machine.speed())) {
                final SpeedPlan own = SpeedPlan.cheapest(hourly, reference, min, max,
                        settings.model().powerExponent(), null);
                final double ownNow = Math.round(own.speed(0));
                if (Math.abs(ownNow - requestedSpeed(machine)) >= 1) {
                    add(candidates, proposed, new Candidate(name(), String.format(Locale.ROOT,
                            "%s speed %.0f %% -> %.0f %% (tariff plan)", machine.thingId(), requestedSpeed(machine),
                            ownNow), List.of(speed(machine, ownNow)), String.format(Locale.ROOT, "%s; non-urgent "
                            + "work, hourly plan %s keeps the output of %.0f %% over %d h", prices, own, reference,
                            hours)), Map.of(machine.thingId(), own));
                }
                if (peakNow && hours > 1) {
                    final boolean[] standby = new boolean[hours];
                    standby[0] = true;
                    final SpeedPlan deferred = SpeedPlan.cheapest(hourly, reference, min, max,
                            settings.model().powerExponent(), standby);
                    if (deferred.speedHours() >= reference * hours - 1e-6) {
                        add(candidates, proposed, new Candidate(name(), machine.thingId()
                                + " STANDBY for the price peak (tariff plan)", List.of(new Action(machine.thingId(),
                                MachineView.OPERATIONAL, JsonPointer.of("Mode"), JsonValue.of("STANDBY"),
                                machine.revision())), String.format(Locale.ROOT, "%s; non-urgent work waits out "
                                + "this hour, plan %s makes up for it at lower prices", prices, deferred)),
                                Map.of(machine.thingId(), deferred));
                    }
                }
            } else if (!peakNow && machine.desired("Mode").filter(JsonValue::isString).map(JsonValue::asString)
                    .filter("STANDBY"::equals).isPresent()) {
                candidates.add(new Candidate(name(), machine.thingId() + " RUN again after the price peak",
                        List.of(new Action(machine.thingId(), MachineView.OPERATIONAL, JsonPointer.of("Mode"),
                                JsonValue.of("RUN"), machine.revision())),
                        prices + "; the peak is over, the deferred work resumes"));
            }
        }
        plans.set(Map.copyOf(proposed));
        current.set(Map.copyOf(onPlan));
        return candidates;
    }

    private static void add(final List<Candidate> candidates, final Map<Candidate, Map<ThingId, SpeedPlan>> plans,
            final Candidate candidate, final Map<ThingId, SpeedPlan> plan) {
        candidates.add(candidate);
        plans.put(candidate, Map.copyOf(plan));
    }

    private static double requestedSpeed(final MachineView machine) {
        return machine.desired("Speed").filter(JsonValue::isNumber).map(JsonValue::asDouble)
                .orElse(machine.speed());
    }

    private static Action speed(final MachineView machine, final double speed) {
        return new Action(machine.thingId(), MachineView.OPERATIONAL, JsonPointer.of("Speed"), JsonValue.of(speed),
                machine.revision());
    }
}
