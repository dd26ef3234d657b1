package io.twinloop.scenarios.run;

import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.MachineProfile;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.WearProfile;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.Station;
import java.util.List;

/**
 * Builds the plant a scenario describes, through the plant's public builder only: machines in the scenario's flow
 * order with their kind's profile (characteristic life scaled by the scenario's {@code lifeScale}; the kind's warm-up
 * after OFF/STANDBY) and starting wear, the scenario's queue capacity, due-date policy, shift calendar, degradation
 * model, start instant and the run's seed.
 *
 * <p>The plant splits its random streams by seed in a fixed order (order book, then each machine in line order,
 * then due dates and expedites), which is what makes two policies' runs with one seed share their demand.
 */
final class PlantFactory {

    private PlantFactory() {
    }

    static Plant build(final Scenario scenario, final long seed) {
        final List<MachineStart> machines = scenario.stations().stream()
                .map(station -> machine(station, scenario.degradation().lifeScale())).toList();
        return Plant.builder()
                .startingFrom(machines, scenario.queueCapacity())
                .degradation(scenario.degradation().resolve())
                .dueDates(scenario.demand().dueDates())
                .start(scenario.start())
                .calendar(scenario.calendar().plant())
                .seed(seed)
                .build();
    }

    private static MachineStart machine(final Station station, final double lifeScale) {
        final MachineProfile kind = station.simulatedAs().profile();
        final WearProfile wear = kind.wear();
        final MachineProfile profile = kind.withWear(new WearProfile(wear.characteristicLifeHours() * lifeScale,
                wear.loadExponent(), wear.maintenanceTime(), wear.repairTime()));
        return MachineStart.builder(station.id(), station.simulatedAs()).profile(profile)
                .wearHours(station.wearHours()).build();
    }
}
