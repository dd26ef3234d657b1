package io.twinloop.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.service.OptimizerStatistics;

/** The status line's figures from two samples of the twins, in plant time. */
class DemoStatusTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final OptimizerStatistics STATS = new OptimizerStatistics(2, 7, 3, 2, 0, 0, 0, 0, 1, 0);

    @Test
    void throughputEnergyAndDowntimeAreInPlantTime() {
        final DemoStatus status = new DemoStatus(60, START); // one wall minute = one plant hour
        assertThat(status.line(view(100, 200, "RUNNING", 10, 20), START, STATS)).contains("throughput - parts/h");

        final String line = status.line(view(160, 250, "STOPPED", 30, 0), START.plusSeconds(60), STATS);

        // the line made what its slowest machine made: 50 parts in one plant hour
        assertThat(line).contains("throughput 50 parts/h");
        // power now 30 kW; energy (30 + 30) / 2 kW over 1 h
        assertThat(line).contains("power 30.0 kW, 30.0 kWh since start");
        // both machines were running over the interval (the state held since the previous sample)
        assertThat(line).contains("downtime 0.00 machine-h").contains("running 1/2");
        assertThat(line).contains("decisions 7, dispatched 3, open proposals 1").startsWith("[00:01:00] plant 1.0 h");

        // one machine stopped for the next plant hour; a counter that went back counts 0
        assertThat(status.line(view(10, 300, "RUNNING", 30, 0), START.plusSeconds(120), STATS))
                .contains("downtime 1.00 machine-h").contains("throughput 0 parts/h");
    }

    @Test
    void aSpeedFactorMustBePositive() {
        assertThatThrownBy(() -> new DemoStatus(0, START)).hasMessageContaining("speed factor");
    }

    private static PlantView view(final double partsA, final double partsB, final String stateB,
            final double powerA, final double powerB) {
        return PlantView.of(List.of(machine("demo:A", partsA, "RUNNING", powerA),
                machine("demo:B", partsB, stateB, powerB)), START);
    }

    private static MachineView machine(final String id, final double parts, final String state,
            final double power) {
        return new MachineView(ThingId.of(id), 1, JsonObject.newBuilder().set("State", state)
                .set("PartsProduced", parts).set("PowerDraw", power).build(), JsonObject.empty(),
                JsonObject.empty());
    }
}
