package io.twinloop.plant.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinloop.plant.Plant;
import io.twinloop.plant.line.LineLayout;
import io.twinloop.plant.machine.CommandResult.Rejection.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineBehaviourTest {

    private static Plant single(final MachineKind kind, final long seed) {
        return Plant.builder().seed(seed).layout(LineLayout.builder().machine("m", kind).build()).build();
    }

    private static MachineSnapshot machine(final Plant plant) {
        return plant.snapshot().machine("m").orElseThrow();
    }

    @Test
    void energyDrawFollowsStateAndSpeed() {
        final EnergyProfile cnc = MachineKind.CNC_MACHINING.profile().energy();
        assertThat(cnc.powerKw(MachineState.OFF, 100)).isZero();
        assertThat(cnc.powerKw(MachineState.STANDBY, 100)).isEqualTo(3);
        assertThat(cnc.powerKw(MachineState.RUNNING, 100)).isEqualTo(15);
        assertThat(cnc.powerKw(MachineState.RUNNING, 50)).isLessThan(cnc.powerKw(MachineState.RUNNING, 100));
        assertThat(cnc.powerKw(MachineState.RUNNING, 130)).isGreaterThan(15);
        // Faster costs more energy per part: power grows faster than speed.
        assertThat(cnc.powerKw(MachineState.RUNNING, 130) / 130).isGreaterThan(cnc.powerKw(MachineState.RUNNING, 100) / 100);
    }

    @Test
    void energyIsIntegratedOverSimulatedTimePerState() {
        final Plant plant = single(MachineKind.CNC_MACHINING, 1);
        plant.apply(new Command.SetMode("m", Mode.STANDBY));
        plant.advance(Duration.ofHours(2));
        assertThat(machine(plant).state()).isEqualTo(MachineState.STANDBY);
        assertThat(machine(plant).energyKwh()).isCloseTo(2 * 3.0, within(1e-9));

        plant.apply(new Command.SetMode("m", Mode.OFF));
        plant.advance(Duration.ofHours(1));
        assertThat(machine(plant).state()).isEqualTo(MachineState.OFF);
        assertThat(machine(plant).powerKw()).isZero();
        assertThat(machine(plant).energyKwh()).isCloseTo(6.0, within(1e-9));

        // back from OFF: 20 min of warm-up at 8 kW (RestartProfile), then 40 min running at 15 kW
        plant.apply(new Command.SetMode("m", Mode.RUN));
        plant.advance(Duration.ofHours(1));
        assertThat(machine(plant).state()).isEqualTo(MachineState.RUNNING);
        assertThat(machine(plant).energyKwh()).isCloseTo(6.0 + 8.0 / 3 + 15.0 * 2 / 3, within(1e-9));
    }

    @Test
    void cycleTimeIsInverselyProportionalToSpeed() {
        assertThat(MachineKind.CNC_MACHINING.profile().cycleTime(100)).isEqualTo(Duration.ofSeconds(90));
        assertThat(MachineKind.CNC_MACHINING.profile().cycleTime(50)).isEqualTo(Duration.ofSeconds(180));

        final Plant nominal = single(MachineKind.CNC_MACHINING, 3);
        final Plant slow = single(MachineKind.CNC_MACHINING, 3);
        slow.apply(new Command.SetSpeed("m", 50));
        nominal.advance(Duration.ofHours(10));
        slow.advance(Duration.ofHours(10));

        // 10 h / 90 s = 400 parts, exactly: job changes cost no time and the simulation loses none to rounding.
        assertThat(machine(nominal).partsProduced()).isEqualTo(400);
        assertThat(machine(slow).partsProduced()).isEqualTo(200);
    }

    @Test
    void outOfRangeAndWrongStateCommandsAreRejectedWithAReason() {
        final Plant plant = single(MachineKind.PRESS, 1);
        final CommandResult tooFast = plant.apply(new Command.SetSpeed("m", 200));
        assertThat(tooFast.isAccepted()).isFalse();
        assertThat(tooFast.rejection().orElseThrow().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(tooFast.rejection().orElseThrow().message()).contains("60.0..120.0");
        assertThat(plant.apply(new Command.SetSpeed("m", Double.NaN)).isAccepted()).isFalse();

        plant.apply(new Command.RequestMaintenance("m"));
        plant.advance(Duration.ofSeconds(1));
        assertThat(machine(plant).state()).isEqualTo(MachineState.MAINTENANCE);
        final CommandResult run = plant.apply(new Command.SetMode("m", Mode.RUN));
        assertThat(run.rejection().orElseThrow().reason()).isEqualTo(Reason.FORBIDDEN_IN_STATE);
        assertThat(plant.apply(new Command.SetSpeed("m", 80)).rejection().orElseThrow().reason())
                .isEqualTo(Reason.FORBIDDEN_IN_STATE);
        assertThat(plant.apply(new Command.RequestMaintenance("m")).rejection().orElseThrow().reason())
                .isEqualTo(Reason.FORBIDDEN_IN_STATE);

        assertThat(plant.apply(new Command.SetMode("nope", Mode.RUN)).rejection().orElseThrow().reason())
                .isEqualTo(Reason.UNKNOWN_MACHINE);
    }

    @Test
    void maintenanceTakesItsTimeAndRestoresHealth() {
        final Plant plant = single(MachineKind.ROBOT_CELL, 5);
        plant.advance(Duration.ofHours(400));
        final double worn = machine(plant).health();
        assertThat(worn).isLessThan(1);

        plant.apply(new Command.RequestMaintenance("m"));
        plant.advance(Duration.ofMinutes(59));
        assertThat(machine(plant).state()).isEqualTo(MachineState.MAINTENANCE);
        assertThat(machine(plant).powerKw()).isEqualTo(0.5);
        plant.advance(Duration.ofMinutes(2));
        assertThat(machine(plant).state()).isIn(MachineState.RUNNING, MachineState.STANDBY);
        assertThat(machine(plant).health()).isGreaterThan(worn);
        assertThat(machine(plant).wearHours()).isLessThan(0.1);
    }

    @Test
    void jobSequenceReordersTheWaitingJobsOnly() {
        final Plant plant = single(MachineKind.CNC_MACHINING, 1);
        plant.advance(Duration.ofSeconds(1));
        final List<String> waiting = machine(plant).jobQueue();
        assertThat(waiting).hasSize(3);

        final List<String> reversed = List.of(waiting.get(2), waiting.get(1), waiting.get(0));
        assertThat(plant.apply(new Command.SetJobSequence("m", reversed)).isAccepted()).isTrue();
        assertThat(machine(plant).jobQueue()).isEqualTo(reversed);

        final CommandResult unknown = plant.apply(new Command.SetJobSequence("m", List.of("J99999")));
        assertThat(unknown.rejection().orElseThrow().reason()).isEqualTo(Reason.INVALID_ARGUMENT);
        final CommandResult twice = plant.apply(new Command.SetJobSequence("m",
                List.of(waiting.get(0), waiting.get(0), waiting.get(1))));
        assertThat(twice.isAccepted()).isFalse();
        assertThat(machine(plant).jobQueue()).isEqualTo(reversed);
    }
}
