package io.twinloop.scenarios.run;

import io.twinloop.optimizer.energy.PriceSeries;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
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

    private final PriceSeries prices;
    private final Bound speedBound;
    private final Map<String, MachineState> states = new HashMap<>();
    private final Map<String, Double> machineEnergyKwh = new HashMap<>();
    private final Map<MachineState, Double> energyByState = new EnumMap<>(MachineState.class);
    private final Set<String> repairing = new HashSet<>();
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

    RunLedger(final PriceSeries prices, final Bound speedBound) {
        this.prices = prices;
        this.speedBound = speedBound;
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
            machineEnergyKwh.put(machine.id(), machine.energyKwh());
            if (machine.state() != MachineState.MAINTENANCE) {
                repairing.remove(machine.id());
            }
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

    double energyKwh() {
        return lastEnergyKwh;
    }

    /**
     * The energy drawn in each state (a state absent drew none), by the state each machine had at the start of an
     * observation interval; sums to {@link #energyKwh()} less what was drawn before the first observation.
     */
    Map<String, Double> energyKwhByState() {
        final Map<String, Double> byName = new LinkedHashMap<>();
        energyByState.forEach((state, kwh) -> byName.put(state.name(), kwh));
        return byName;
    }

    double energyCostEur() {
        return energyCostEur;
    }

    /** Failed (waiting for a crew) or under repair. */
    double unplannedHours() {
        return failedHours + repairHours;
    }

    /** Hours a crew worked: repairs and preventive maintenance. */
    double crewHours() {
        return repairHours + plannedHours;
    }

    double plannedHours() {
        return plannedHours;
    }

    long speedOutsideBound() {
        return speedOutsideBound;
    }

    long preventive() {
        return preventive;
    }

    long repairs() {
        return repairs;
    }

    Observation latest() {
        return latest;
    }
}
