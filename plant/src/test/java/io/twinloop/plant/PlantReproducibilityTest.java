package io.twinloop.plant;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantReproducibilityTest {

    /** Eight hours of plant time with a few setpoint changes, sampled every ten simulated minutes. */
    private static List<PlantSnapshot> shift(final long seed, final Duration chunk) {
        final Plant plant = Plant.builder().seed(seed).build();
        final List<PlantSnapshot> samples = new ArrayList<>();
        for (int minute = 0; minute < 8 * 60; minute += 10) {
            if (minute == 60) {
                plant.apply(new Command.SetSpeed("cnc-1", 120));
            }
            if (minute == 120) {
                plant.apply(new Command.SetMode("robot-1", Mode.STANDBY));
            }
            if (minute == 150) {
                plant.apply(new Command.SetMode("robot-1", Mode.RUN));
                plant.apply(new Command.RequestMaintenance("press-1"));
            }
            for (Duration done = Duration.ZERO; done.compareTo(Duration.ofMinutes(10)) < 0; done = done.plus(chunk)) {
                plant.advance(chunk);
            }
            samples.add(plant.snapshot());
        }
        return samples;
    }

    @Test
    void sameSeedAndInputsGiveTheSameTrajectoryHoweverTimeIsChunked() {
        final List<PlantSnapshot> first = shift(42, Duration.ofSeconds(1));
        final List<PlantSnapshot> second = shift(42, Duration.ofSeconds(30));
        final List<PlantSnapshot> third = shift(42, Duration.ofMillis(2500));

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(first.get(first.size() - 1).time()).isEqualTo(first.get(0).time().plus(Duration.ofMinutes(470)));
    }

    @Test
    void anotherSeedGivesAnotherTrajectory() {
        assertThat(shift(7, Duration.ofMinutes(1))).isNotEqualTo(shift(42, Duration.ofMinutes(1)));
    }

    @Test
    void theLineProducesAndShipsJobs() {
        final List<PlantSnapshot> samples = shift(42, Duration.ofMinutes(1));
        final PlantSnapshot last = samples.get(samples.size() - 1);

        assertThat(last.jobsShipped()).isPositive();
        assertThat(last.machines()).allSatisfy(machine -> {
            assertThat(machine.partsProduced()).isPositive();
            assertThat(machine.energyKwh()).isPositive();
        });
        // The press outruns the CNC, so it ends up waiting for room in the CNC's queue at some point.
        assertThat(samples).anySatisfy(sample -> assertThat(sample.machine("press-1").orElseThrow().state())
                .hasToString("BLOCKED"));
    }
}
