package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.machine.EnergyProfile;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineProfile;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.Mode;
import io.twinloop.plant.machine.SpeedRange;
import io.twinloop.plant.machine.WearProfile;

/**
 * The plant engine's starting state from the twins ({@link PlantView}) and the optimizer's {@link PlantEstimates}:
 * each machine starts in the state, mode and speed its twin shows, with the jobs its twin shows waiting, worn as far
 * as its health index says under the estimated Weibull life, and runs with estimated cycle time, power and wear.
 * Whatever the twin does not show is assumed and the assumption is listed ({@link #assumptions()}), so a prediction
 * says what it rests on.
 *
 * @param machines the engine's machines in flow order
 * @param things the twin of each engine machine id
 * @param assumptions what was not in the twins and was assumed
 */
public record LineStart(List<MachineStart> machines, Map<String, ThingId> things, List<String> assumptions) {

    public LineStart {
        machines = List.copyOf(machines);
        things = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(things));
        assumptions = List.copyOf(assumptions);
    }

    /**
     * @throws WhatIfException the view has no machine, or a machine's twin shows values the engine cannot start from
     */
    public static LineStart of(final PlantView view, final PlantEstimates estimates) {
        final List<MachineView> ordered = inFlowOrder(view, estimates.lineOrder());
        if (ordered.isEmpty()) {
            throw new WhatIfException("the view holds no machine twin (no OperationalData): nothing to simulate");
        }
        final List<String> assumptions = new ArrayList<>();
        if (estimates.lineOrder().isEmpty() && ordered.size() > 1) {
            assumptions.add("line order assumed from thing ids: " + ordered.stream()
                    .map(m -> m.thingId().toString()).toList());
        }
        final List<MachineStart> machines = new ArrayList<>();
        final Map<String, ThingId> things = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            final MachineView machine = ordered.get(i);
            final String id = engineId(i, machine.thingId());
            try {
                machines.add(start(id, machine, estimates, assumptions));
            } catch (final IllegalArgumentException e) {
                throw new WhatIfException("cannot start the engine from twin " + machine.thingId() + ": "
                        + e.getMessage(), e);
            }
            things.put(id, machine.thingId());
        }
        return new LineStart(machines, things, assumptions);
    }

    /** The engine id of a twin (plain characters, unique by position). */
    public Optional<String> engineId(final ThingId thingId) {
        return things.entrySet().stream().filter(e -> e.getValue().equals(thingId)).map(Map.Entry::getKey)
                .findFirst();
    }

    private static String engineId(final int index, final ThingId thingId) {
        final String plain = thingId.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        final String id = "m" + index + "-" + plain;
        return id.length() > 63 ? id.substring(0, 63) : id;
    }

    /** The view's machine twins in flow order: those in {@code order} first, as listed, the others by thing id. */
    public static List<MachineView> inFlowOrder(final PlantView view, final List<ThingId> order) {
        final List<MachineView> machines = new ArrayList<>(view.machines().stream().filter(MachineView::isMachine)
                .toList());
        machines.sort(Comparator.comparingInt((MachineView m) -> {
            final int at = order.indexOf(m.thingId());
            return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(MachineView::thingId));
        return machines;
    }

    private static MachineStart start(final String id, final MachineView machine, final PlantEstimates estimates,
            final List<String> assumptions) {
        final ThingId thing = machine.thingId();
        final int parts = estimates.meanJobParts();
        final MachineState state;
        if (machine.text("State").isEmpty()) {
            state = machine.powerKw() > 0 && !Double.isNaN(machine.speed()) ? MachineState.RUNNING
                    : MachineState.STANDBY;
            assumptions.add(thing + ": no State in the twin, assumed " + state);
        } else {
            state = MachineState.valueOf(parseState(machine));
        }
        final Mode mode = state == MachineState.OFF ? Mode.OFF : Mode.parse(machine.mode()).orElseGet(() -> {
            assumptions.add(thing + ": mode '" + machine.mode() + "' unknown, assumed RUN");
            return Mode.RUN;
        });
        double speed = machine.speed();
        if (Double.isNaN(speed)) {
            assumptions.add(thing + ": no Speed in the twin, assumed 100 %");
            speed = 100;
        }
        final MachineKind kind = kindOf(thing);
        final MachineStart.Builder start = MachineStart.builder(id, kind)
                .profile(profile(machine, kind, speed, state, estimates, assumptions))
                .mode(mode).state(state).speedPercent(speed)
                .wearHours(wearHours(machine, estimates, assumptions))
                .queue(queue(machine, parts, assumptions));
        final Optional<String> current = machine.text("CurrentJob").filter(j -> !j.isBlank());
        if (state == MachineState.RUNNING || current.isPresent()) {
            final Job job = new Job(current.orElse("whatif-" + id + "-current"), parts);
            // how far along its job a machine is, no twin shows: on average half way
            start.currentJob(job, parts / 2);
            assumptions.add(thing + ": " + (current.isEmpty() ? "works on a job the twin does not name; " : "")
                    + "its job assumed " + parts / 2 + " of " + parts + " parts done");
        }
        if (state == MachineState.BLOCKED) {
            start.heldJob(new Job("whatif-" + id + "-held", parts));
        }
        if (state == MachineState.MAINTENANCE) {
            final double half = Math.max(1.0 / 60, estimates.surrogate().maintenanceHours() / 2);
            start.maintenanceLeft(Duration.ofSeconds(Math.round(half * 3600)));
            assumptions.add(String.format(Locale.ROOT, "%s: in maintenance, assumed %.1f h left (half of %.1f h)",
                    thing, half, estimates.surrogate().maintenanceHours()));
        }
        return start.build();
    }

    private static String parseState(final MachineView machine) {
        final String state = machine.state().toUpperCase(Locale.ROOT);
        for (final MachineState known : MachineState.values()) {
            if (known.name().equals(state)) {
                return state;
            }
        }
        throw new IllegalArgumentException("State '" + machine.state() + "' is none of "
                + List.of(MachineState.values()));
    }

    /** Labels only (snapshots show a kind); the profile comes from the estimates, not from the kind's figures. */
    private static MachineKind kindOf(final ThingId thing) {
        final String name = thing.getName().toLowerCase(Locale.ROOT);
        if (name.contains("press")) {
            return MachineKind.PRESS;
        } else if (name.contains("robot")) {
            return MachineKind.ROBOT_CELL;
        } else if (name.contains("conveyor")) {
            return MachineKind.CONVEYOR;
        }
        return MachineKind.CNC_MACHINING;
    }

    private static MachineProfile profile(final MachineView machine, final MachineKind kind, final double speed,
            final MachineState state, final PlantEstimates estimates, final List<String> assumptions) {
        final ThingId thing = machine.thingId();
        final double cycleSeconds = technical(machine, "NominalCycleTime")
                .orElse(3600 / estimates.surrogate().unitsPerHourAtFullSpeed());
        final double min = Math.min(speed, technical(machine, "SpeedMin").orElse(1.0));
        final double max = Math.max(speed, technical(machine, "SpeedMax").orElse(1_000.0));
        final double exponent = estimates.surrogate().powerExponent();
        final double f = estimates.standbyPowerFraction();
        final double power = machine.powerKw();
        final double atFull;
        if (state == MachineState.RUNNING && power > 0) {
            // calibrated on what it draws now: standby + (full - standby)·s^e = power at speed s
            atFull = power / (f + (1 - f) * Math.pow(speed / 100, exponent));
        } else if (technical(machine, "RatedPower").isPresent()) {
            atFull = technical(machine, "RatedPower").get();
        } else if (state == MachineState.STANDBY && power > 0 && f > 0) {
            atFull = power / f;
        } else {
            atFull = 10;
            assumptions.add(thing + ": power at 100 % unknown (not running, no TechnicalData/RatedPower), assumed"
                    + " 10 kW");
        }
        final double standby = atFull * f;
        final EnergyProfile energy = new EnergyProfile(standby, atFull, exponent, standby, standby / 4, standby / 4);
        final WearProfile wear = new WearProfile(estimates.lifeHours(), estimates.wearSpeedExponent(),
                hours(estimates.surrogate().maintenanceHours()), hours(estimates.surrogate().repairHours()));
        return new MachineProfile(Duration.ofMillis(Math.round(cycleSeconds * 1000)), new SpeedRange(min, max),
                energy, kind.profile().signatures(), wear);
    }

    private static double wearHours(final MachineView machine, final PlantEstimates estimates,
            final List<String> assumptions) {
        final double health = machine.health();
        if (Double.isNaN(health)) {
            assumptions.add(machine.thingId() + ": no HealthIndex in the twin, assumed as good as new");
            return 0;
        }
        final double h = Math.max(1e-12, Math.min(1, health));
        return estimates.lifeHours() * Math.pow(-Math.log(h), 1 / estimates.weibullShape());
    }

    private static List<Job> queue(final MachineView machine, final int parts, final List<String> assumptions) {
        final Optional<JsonValue> shown = machine.operational().getValue("JobQueue").filter(JsonValue::isArray);
        if (shown.isEmpty()) {
            return List.of();
        }
        final List<Job> jobs = new ArrayList<>();
        int unsized = 0;
        for (final JsonValue entry : shown.get().asArray()) {
            if (entry.isString()) {
                jobs.add(new Job(entry.asString(), parts));
                unsized++;
            } else if (entry.isObject()) {
                final JsonObject job = entry.asObject();
                final String jobId = job.getValue("JobId").filter(JsonValue::isString).map(JsonValue::asString)
                        .orElse("whatif-" + machine.thingId() + "-q" + jobs.size());
                final Optional<Integer> quantity = job.getValue("Quantity").filter(JsonValue::isNumber)
                        .map(JsonValue::asInt).filter(q -> q > 0);
                if (quantity.isEmpty()) {
                    unsized++;
                }
                jobs.add(new Job(jobId, quantity.orElse(parts)));
            }
        }
        if (unsized > 0) {
            assumptions.add(machine.thingId() + ": " + unsized + " queued job(s) without a Quantity, assumed "
                    + parts + " parts each");
        }
        return jobs;
    }

    private static Optional<Double> technical(final MachineView machine, final String property) {
        return machine.technical().getValue(property).filter(JsonValue::isNumber).map(JsonValue::asDouble)
                .filter(v -> Double.isFinite(v) && v > 0);
    }

    private static Duration hours(final double hours) {
        return Duration.ofSeconds(Math.round(hours * 3600));
    }
}
