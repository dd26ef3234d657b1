package io.twinloop.plant.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.twinloop.plant.Plant;
import io.twinloop.plant.line.LineLayout;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OFF/STANDBY → RUN takes each kind's warm-up: time and energy, during which no job runs. */
class RestartTest {

    private static Plant single(final MachineKind kind) {
        return Plant.builder().seed(7).layout(LineLayout.builder().machine("m", kind).build()).build();
    }

    private static MachineSnapshot machine(final Plant plant) {
        return plant.snapshot().machine("m").orElseThrow();
    }

    @Test
    void cncBackFromOffWarmsUpTwentyMinutesAtEightKilowattsBeforeItMakesAPart() {
        final Plant plant = single(MachineKind.CNC_MACHINING);
        plant.apply(new Command.SetMode("m", Mode.OFF));
        plant.advance(Duration.ofHours(1));
        final double before = machine(plant).energyKwh();
        assertThat(before).isZero();

        plant.apply(new Command.SetMode("m", Mode.RUN));
        plant.advance(Duration.ofMinutes(19));
        assertThat(machine(plant).state()).isEqualTo(MachineState.STANDBY);
        assertThat(machine(plant).powerKw()).isEqualTo(8);
        assertThat(machine(plant).currentJob()).isEmpty();
        assertThat(machine(plant).partsProduced()).isZero();

        plant.advance(Duration.ofMinutes(1));
        assertThat(machine(plant).energyKwh()).isCloseTo(20.0 / 60 * 8, within(1e-9));
        plant.advance(Duration.ofSeconds(1));
        assertThat(machine(plant).state()).isEqualTo(MachineState.RUNNING);
        // one 90 s cycle after the warm-up the first part is out
        plant.advance(Duration.ofSeconds(90));
        assertThat(machine(plant).partsProduced()).isEqualTo(1);
    }

    @Test
    void pressBackFromStandbyTakesAMinuteOfFlywheelRunUp() {
        final Plant plant = single(MachineKind.PRESS);
        plant.apply(new Command.SetMode("m", Mode.STANDBY));
        plant.advance(Duration.ofHours(1));
        plant.apply(new Command.SetMode("m", Mode.RUN));
        plant.advance(Duration.ofSeconds(59));
        assertThat(machine(plant).partsProduced()).isZero();
        assertThat(machine(plant).powerKw()).isEqualTo(35);
        plant.advance(Duration.ofSeconds(2 + 12));
        assertThat(machine(plant).partsProduced()).isEqualTo(1);
    }

    @Test
    void aMachineLeftInRunNeedsNoWarmUpAndAWarmUpBrokenOffStartsAgain() {
        final Plant plant = single(MachineKind.CNC_MACHINING);
        plant.advance(Duration.ofSeconds(91));
        assertThat(machine(plant).partsProduced()).isEqualTo(1);

        plant.apply(new Command.SetMode("m", Mode.OFF));
        plant.apply(new Command.SetMode("m", Mode.RUN));
        plant.advance(Duration.ofMinutes(10));
        plant.apply(new Command.SetMode("m", Mode.OFF));
        plant.apply(new Command.SetMode("m", Mode.RUN)); // the 10 min done are lost
        plant.advance(Duration.ofMinutes(19));
        assertThat(machine(plant).partsProduced()).isEqualTo(1);
        plant.advance(Duration.ofMinutes(3));
        assertThat(machine(plant).partsProduced()).isGreaterThan(1);
    }

    @Test
    void everyKindDeclaresAWarmUpAndBadFiguresAreRefused() {
        for (final MachineKind kind : MachineKind.values()) {
            final RestartProfile restart = kind.profile().restart();
            assertThat(restart.fromOff()).as(kind.name()).isPositive();
            assertThat(restart.fromOff()).as(kind.name()).isGreaterThanOrEqualTo(restart.fromStandby());
            assertThat(restart.warmUp(Mode.RUN)).isZero();
        }
        assertThat(MachineKind.PRESS.profile().restart().warmUpKwh(Mode.OFF)).isCloseTo(35.0 * 5 / 60, within(1e-9));
        assertThatThrownBy(() -> new RestartProfile(Duration.ofMinutes(-1), Duration.ZERO, 1))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new RestartProfile(Duration.ZERO, Duration.ZERO, Double.NaN))
                .hasMessageContaining("warm-up power");
    }
}
