package io.twinloop.plant.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plant started from outside state (what-if runs) shows that state and moves on from it. */
class MachineStartTest {

    @Test
    void aPlantStartedFromStatesShowsThemAndMovesOnFromThem() {
        final Plant plant = Plant.builder()
                .startingFrom(List.of(
                        MachineStart.builder("press-1", MachineKind.PRESS).speedPercent(110).wearHours(300)
                                .state(MachineState.BLOCKED).heldJob(new Job("A1", 4)).build(),
                        MachineStart.builder("cnc-1", MachineKind.CNC_MACHINING).state(MachineState.RUNNING)
                                .currentJob(new Job("B1", 3), 2)
                                .queue(List.of(new Job("B2", 5), new Job("B3", 6))).build(),
                        MachineStart.builder("robot-1", MachineKind.ROBOT_CELL).state(MachineState.MAINTENANCE)
                                .maintenanceLeft(Duration.ofMinutes(10)).build()), 2)
                .build();

        final PlantSnapshot start = plant.snapshot();
        final MachineSnapshot press = start.machine("press-1").orElseThrow();
        assertThat(press.state()).isEqualTo(MachineState.BLOCKED);
        assertThat(press.speedPercent()).isEqualTo(110);
        assertThat(press.wearHours()).isEqualTo(300);
        assertThat(press.health()).isLessThan(1);
        // the order book tops up the first queue at once
        assertThat(press.jobQueue()).hasSize(2);
        final MachineSnapshot cnc = start.machine("cnc-1").orElseThrow();
        assertThat(cnc.state()).isEqualTo(MachineState.RUNNING);
        assertThat(cnc.currentJob()).contains("B1");
        assertThat(cnc.jobQueue()).containsExactly("B2", "B3");
        assertThat(start.machine("robot-1").orElseThrow().state()).isEqualTo(MachineState.MAINTENANCE);

        // the CNC has one part of B1 left (90 s): it finishes B1, the blocked press still waits (CNC queue full)
        plant.advance(Duration.ofSeconds(95));
        final PlantSnapshot later = plant.snapshot();
        assertThat(later.machine("cnc-1").orElseThrow().jobsCompleted()).isEqualTo(1);
        assertThat(later.machine("cnc-1").orElseThrow().currentJob()).contains("B2");
        assertThat(later.machine("robot-1").orElseThrow().jobQueue()).containsExactly("B1");
        // ... and once the CNC took B2, its queue had room: the press handed A1 over and went on
        assertThat(later.machine("cnc-1").orElseThrow().jobQueue()).containsExactly("B3", "A1");
        assertThat(later.machine("press-1").orElseThrow().state()).isNotEqualTo(MachineState.BLOCKED);
        // maintenance ends after its 10 minutes
        plant.advance(Duration.ofMinutes(10));
        assertThat(plant.snapshot().machine("robot-1").orElseThrow().state()).isNotEqualTo(MachineState.MAINTENANCE);
        assertThat(plant.snapshot().machine("robot-1").orElseThrow().wearHours()).isLessThan(0.2);
    }

    @Test
    void aStateTheMachineCouldNotBeInIsRefusedNamingTheMachine() {
        assertThatThrownBy(() -> MachineStart.builder("cnc-1", MachineKind.CNC_MACHINING)
                .state(MachineState.RUNNING).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cnc-1")
                .hasMessageContaining("RUNNING machine needs the job");
        assertThatThrownBy(() -> MachineStart.builder("cnc-1", MachineKind.CNC_MACHINING).state(MachineState.BLOCKED)
                .build()).hasMessageContaining("held exactly when the machine is BLOCKED");
        assertThatThrownBy(() -> MachineStart.builder("press-1", MachineKind.PRESS).speedPercent(200).build())
                .hasMessageContaining("press-1").hasMessageContaining("outside 60.0..120.0 %");
        assertThatThrownBy(() -> MachineStart.builder("press-1", MachineKind.PRESS).wearHours(-1).build())
                .hasMessageContaining("wear hours");
        assertThatThrownBy(() -> MachineStart.builder("press-1", MachineKind.PRESS)
                .currentJob(new Job("J", 2), 2).state(MachineState.RUNNING).build())
                .hasMessageContaining("parts done 2");
        assertThatThrownBy(() -> Plant.builder().startingFrom(List.of(
                MachineStart.builder("a", MachineKind.PRESS).build(),
                MachineStart.builder("a", MachineKind.PRESS).build()), 3).build())
                .hasMessageContaining("'a' appears twice");
        assertThat(MachineStart.builder("x", MachineKind.CONVEYOR).build().currentJob()).isEqualTo(Optional.empty());
    }
}
