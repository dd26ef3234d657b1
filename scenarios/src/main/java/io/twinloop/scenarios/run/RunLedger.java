package io.twinloop.scenarios.run;

import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.time.ShiftCalendar;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.scenario.DeclaredOnly;
import io.twinloop.scenarios.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts a run observation by observation. Each interval between two observations is charged with the states the
 * machines had right after the policy's actions at its start (so a repair started at an observation counts from
 * there), and with the energy the line drew in it at the price at its start. A state change inside an interval
 * is therefore placed to within one observation interval; energy is exact (the plant integrates it).
 */
final class RunLedger {

    private static final double NANOS_PER_HOUR = 3.6e12;

    private final Scenario scenario;
    private final PriceSeries prices;
    private final Bound speedBound;
    private final ShiftCalendar calendar;
    private final Map<String, MachineState> states = new HashMap<>();
    private final Map<String, Double> speeds = new HashMap<>();
    private final Map<String, Map<MachineState, Double>> hoursByMachine = new LinkedHashMap<>();
    private final Map<String, Double> runningSpeedHours = new HashMap<>();
    private final Map<String, Double> machineEnergyKwh = new HashMap<>();
    private final Map<MachineState, Double> energyByState = new EnumMap<>(MachineState.class);
    private final Set<String> repairing = new HashSet<>();
    private Instant first;
    private Instant last;
    private double lastEnergyKwh;
    private double energyCostEur;
    private double failedHours;
    private double repairHours;
    private double plannedHours;
    private long speedOutsideBound;
    private long preventive;
    private long repairs;
    private Observation latest;

    RunLedger(final Scenario scenario) {
        this.scenario = scenario;
        this.prices = scenario.prices().series();
        this.speedBound = scenario.goal().bounds().get(Scenario.SPEED_BOUND);
        this.calendar = scenario.calendar().plant();
    }

    Bound speedBound() {
        return speedBound;
    }

    void observe(final Observation observation) {
        final double energy = observation.machines().stream().mapToDouble(MachineObservation::energyKwh).sum();
        if (last != null) {
            final double hours = Duration.between(last, observation.time()).toNanos() / NANOS_PER_HOUR;
            energyCostEur += (energy - lastEnergyKwh) * prices.price(last);
            states.forEach((id, state) -> {
                if (state == MachineState.FAILED) {
                    failedHours += hours;
                } else if (state == MachineState.MAINTENANCE && repairing.contains(id)) {
                    repairHours += hours;
                } else if (state == MachineState.MAINTENANCE) {
                    plannedHours += hours;
                }
            });
            for (final MachineObservation machine : latest.machines()) { // line order, as the result lists them
                final MachineState state = states.get(machine.id());
                hoursByMachine.computeIfAbsent(machine.id(), id -> new EnumMap<>(MachineState.class))
                        .merge(state, hours, Double::sum);
                if (state == MachineState.RUNNING) {
                    runningSpeedHours.merge(machine.id(), speeds.get(machine.id()) * hours, Double::sum);
                }
            }
            // each machine's energy of the interval charged to the state it had at its start, as the hours are
            for (final MachineObservation machine : observation.machines()) {
                final MachineState state = states.get(machine.id());
                final Double before = machineEnergyKwh.get(machine.id());
                if (state != null && before != null) {
                    energyByState.merge(state, machine.energyKwh() - before, Double::sum);
                }
            }
            // the first observation shows the plant as built, before any policy acted
            speedOutsideBound += observation.machines().stream()
                    .filter(m -> !speedBound.contains(m.speedPercent())).count();
        }
        for (final MachineObservation machine : observation.machines()) {
            states.put(machine.id(), machine.state());
            speeds.put(machine.id(), machine.speedPercent());
            machineEnergyKwh.put(machine.id(), machine.energyKwh());
            if (machine.state() != MachineState.MAINTENANCE) {
                repairing.remove(machine.id());
            }
        }
        if (first == null) {
            first = observation.time();
        }
        last = observation.time();
        lastEnergyKwh = energy;
        latest = observation;
    }

    /** A maintenance the gate started at the last observation: charged from now on. */
    void maintenanceStarted(final String machineId, final boolean repair) {
        states.put(machineId, MachineState.MAINTENANCE);
        if (repair) {
            repairing.add(machineId);
            repairs++;
        } else {
            preventive++;
        }
    }

    /**
     * The energy drawn in each state (a state absent drew none), by the state each machine had at the start of an
     * observation interval; sums to the run's energy less what was drawn before the first observation.
     */
    private Map<String, Double> energyKwhByState() {
        final Map<String, Double> byName = new LinkedHashMap<>();
        energyByState.forEach((state, kwh) -> byName.put(state.name(), kwh));
        return byName;
    }

    /**
     * The run's result from what was accounted and what the policy's side counted.
     *
     * @param safetyViolations speed setpoints asked for outside the bound; the ledger adds machines seen outside it
     */
    RunResult result(final String policy, final long seed, final double days, final long safetyViolations,
            final long needingApproval, final long heldForCrew, final long repairsWaited, final long rejected,
            final long wallMillis) {
        final List<MachineObservation> machines = latest.machines();
        final long goodUnits = machines.get(machines.size() - 1).partsProduced();
        final long failures = machines.stream().mapToLong(MachineObservation::failures).sum();
        final double unplannedHours = failedHours + repairHours; // failed (waiting for a crew) or under repair
        final double crewHours = repairHours + plannedHours;
        final double downtimeCost = unplannedHours * scenario.costs().downtimeEurPerHour();
        final double maintenanceCost = crewHours * scenario.costs().maintenanceEurPerHour();
        return new RunResult(scenario.name(), policy, seed, days, lastEnergyKwh,
                goodUnits == 0 ? Double.NaN : lastEnergyKwh / goodUnits, unplannedHours, plannedHours,
                goodUnits, latest.jobsShipped(), failures, preventive, repairs, energyCostEur, downtimeCost,
                maintenanceCost, energyCostEur + downtimeCost + maintenanceCost, safetyViolations + speedOutsideBound,
                needingApproval, heldForCrew, repairsWaited, rejected, wallMillis, energyKwhByState(),
                calendar.staffedBetween(first, last).toNanos() / NANOS_PER_HOUR, speedBound, machineTime(),
                scenario.declaredOnly().stream().map(DeclaredOnly::toString).toList(), scenario.overrides());
    }

    private Map<String, MachineTime> machineTime() {
        final Map<String, MachineTime> byMachine = new LinkedHashMap<>();
        hoursByMachine.forEach((id, hours) -> {
            final Map<String, Double> byName = new LinkedHashMap<>();
            hours.forEach((state, h) -> byName.put(state.name(), h));
            final double running = hours.getOrDefault(MachineState.RUNNING, 0.0);
            byMachine.put(id, new MachineTime(byName,
                    running == 0 ? Double.NaN : runningSpeedHours.getOrDefault(id, 0.0) / running));
        });
        return byMachine;
    }
}
