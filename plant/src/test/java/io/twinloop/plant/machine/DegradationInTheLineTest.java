package io.twinloop.plant.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.Plant;
import io.twinloop.plant.line.LineLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** Wear, signatures and failures seen from outside, as a maintenance agent would see them. */
class DegradationInTheLineTest {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int SEEDS = 40;

    /** Runs one CNC until its first failure; returns the operating hours, and signature means early and late. */
    private static Run runToFailure(final long seed, final double speed) {
        final Plant plant = Plant.builder().seed(seed).step(STEP)
                .layout(LineLayout.builder().machine("m", MachineKind.CNC_MACHINING).build()).build();
        plant.apply(new Command.SetSpeed("m", speed));
        final int window = (int) (Duration.ofHours(24).toSeconds() / STEP.toSeconds());
        final ArrayDeque<MachineSnapshot> recent = new ArrayDeque<>();
        double earlyVibration = 0;
        double earlyTemperature = 0;
        for (long i = 0; i < 5_000_000; i++) {
            plant.advance(STEP);
            final MachineSnapshot m = plant.snapshot().machine("m").orElseThrow();
            if (m.state() == MachineState.FAILED) {
                final double lateVibration = recent.stream().mapToDouble(MachineSnapshot::vibration).average()
                        .orElseThrow();
                final double lateTemperature = recent.stream().mapToDouble(MachineSnapshot::temperature).average()
                        .orElseThrow();
                return new Run(i * STEP.toSeconds() / 3600.0, earlyVibration, lateVibration, earlyTemperature,
                        lateTemperature);
            }
            recent.addLast(m);
            if (recent.size() > window) {
                recent.removeFirst();
            }
            if (i == 2L * window) { // a day in, after the machine has warmed up
                earlyVibration = recent.stream().mapToDouble(MachineSnapshot::vibration).average().orElseThrow();
                earlyTemperature = recent.stream().mapToDouble(MachineSnapshot::temperature).average()
                        .orElseThrow();
            }
        }
        throw new AssertionError("seed " + seed + " never failed");
    }

    private record Run(double hours, double earlyVibration, double lateVibration, double earlyTemperature,
            double lateTemperature) {
    }

    @Test
    void runningFasterWearsFasterAndFailsSooner() {
        double fast = 0;
        double slow = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            fast += runToFailure(seed, 130).hours() / SEEDS;
            slow += runToFailure(seed, 70).hours() / SEEDS;
        }
        // Wear grows with speed squared for the CNC: (130/70)^2 ≈ 3.4 times the wear per hour.
        assertThat(fast).isLessThan(slow / 2);
    }

    @Test
    void signaturesDriftBeforeFailure() {
        double vibrationRise = 0;
        double temperatureRise = 0;
        int failuresLate = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            final Run run = runToFailure(seed, 100);
            vibrationRise += (run.lateVibration() - run.earlyVibration()) / SEEDS;
            temperatureRise += (run.lateTemperature() - run.earlyTemperature()) / SEEDS;
            if (run.hours() > 200) {
                failuresLate++;
            }
        }
        final double vibrationNoise = MachineKind.CNC_MACHINING.profile().signatures().vibrationNoise();
        final double temperatureNoise = MachineKind.CNC_MACHINING.profile().signatures().temperatureNoise();
        // On average, several noise standard deviations of drift in the last day before failure.
        assertThat(vibrationRise).isGreaterThan(2 * vibrationNoise);
        assertThat(temperatureRise).isGreaterThan(2 * temperatureNoise);
        assertThat(failuresLate).as("wear-out failures, not infant mortality").isGreaterThan(SEEDS / 2);
    }
}
