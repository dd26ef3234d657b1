package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.scenarios.policy.MachineObservation;
import io.twinloop.scenarios.policy.Observation;
import io.twinloop.scenarios.policy.Policy;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Policies cannot read the simulator's hidden health or wear: the only type they receive does not carry them. */
class ObservationTest {

    @Test
    void aMachineObservationHasNoHealthOrWear() {
        assertThat(Arrays.stream(MachineObservation.class.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> name.toLowerCase(Locale.ROOT)))
                .noneMatch(name -> name.contains("health") || name.contains("wear"))
                .contains("vibration", "temperature", "current", "state", "speedpercent", "waitingjobs");
        // and the snapshot it is built from does carry them: the filter is doing something
        assertThat(Arrays.stream(MachineSnapshot.class.getRecordComponents()).map(RecordComponent::getName))
                .contains("health", "wearHours");
    }

    @Test
    void policiesSeeOnlyObservations() {
        for (final Method method : Policy.class.getMethods()) {
            assertThat(method.getParameterTypes()).doesNotContain(PlantSnapshot.class, MachineSnapshot.class,
                    Plant.class);
        }
        assertThat(Arrays.stream(Observation.class.getRecordComponents()).map(RecordComponent::getType))
                .doesNotContain(PlantSnapshot.class, MachineSnapshot.class);
    }

    @Test
    void theObservableFieldsAreCopiedFromTheSnapshot() {
        final Plant plant = Plant.builder().seed(3).build();
        plant.advance(Duration.ofHours(2));
        final PlantSnapshot snapshot = plant.snapshot();
        final Observation observation = Observation.of(snapshot);
        assertThat(observation.time()).isEqualTo(snapshot.time());
        assertThat(observation.jobsShipped()).isEqualTo(snapshot.jobsShipped());
        for (int i = 0; i < snapshot.machines().size(); i++) {
            final MachineSnapshot machine = snapshot.machines().get(i);
            final MachineObservation seen = observation.machines().get(i);
            assertThat(seen.id()).isEqualTo(machine.id());
            assertThat(seen.state()).isEqualTo(machine.state());
            assertThat(seen.vibration()).isEqualTo(machine.vibration());
            assertThat(seen.energyKwh()).isEqualTo(machine.energyKwh());
            assertThat(seen.partsProduced()).isEqualTo(machine.partsProduced());
            assertThat(seen.waitingJobs()).isEqualTo(machine.waitingJobs());
        }
    }
}
