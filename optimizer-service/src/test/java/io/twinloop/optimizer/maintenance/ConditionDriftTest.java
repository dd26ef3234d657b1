package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Wear read from a twin's vibration drift, for twins without a health index. */
class ConditionDriftTest {

    private static final Instant T0 = Instant.parse("2023-10-02T04:00:00Z");
    private static final ConditionDrift DRIFT = ConditionDrift.cmapssFd001();

    /** The drift of the C-MAPSS curve at wear u, in noise standard deviations. */
    private static double curve(final double u) {
        return 7.48 * Math.expm1(3.86 * u) / Math.expm1(3.86);
    }

    /** A CNC-like machine every 15 min: 2.5 mm/s at 100 %, noise 0.15, speed changing hour by hour. */
    private static List<TwinSignals.Sample> samples(final int count, final java.util.function.IntToDoubleFunction drift,
            final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<TwinSignals.Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final double speed = new double[] {80, 100, 115, 130}[(i / 4) % 4];
            final double noise = 0.15 * (random.nextDouble() + random.nextDouble() + random.nextDouble()
                    + random.nextDouble() - 2) * Math.sqrt(3);
            samples.add(new TwinSignals.Sample(T0.plus(Duration.ofMinutes(15L * i)), i + 1, "RUNNING", speed,
                    Double.NaN, 2.5 * speed / 100 + 0.15 * drift.applyAsDouble(i) + noise, 40));
        }
        return samples;
    }

    @Test
    void theDriftCurveIsInvertedToTheWear() {
        for (double u = 0.1; u <= 1.4; u += 0.1) {
            assertThat(DRIFT.lifeFraction(curve(u))).isCloseTo(u, within(1e-9));
        }
        assertThat(DRIFT.lifeFraction(0)).isZero();
        assertThat(DRIFT.lifeFraction(-1)).isZero();
        assertThat(DRIFT.lifeFraction(1e6)).isEqualTo(1.5);
        assertThat(ConditionDrift.off().lifeFraction(5)).isZero();
    }

    /** Vibration grows with speed: a tariff plan changing speeds every hour is no drift. */
    @Test
    void speedChangesAreNoDriftAndAWornMachineReadsItsWear() {
        final ConditionDrift.Reading healthy = DRIFT.read(samples(200, i -> 0, 3));
        assertThat(healthy.measured()).isTrue();
        assertThat(Math.abs(healthy.z())).isLessThan(1.2);
        // the last 24 samples drifted as at 0.8 of the life: read as wear close to it (less two standard errors), and
        // the most wear the reading allows above it
        final ConditionDrift.Reading worn = DRIFT.read(samples(200, i -> i >= 176 ? curve(0.8) : 0, 3));
        assertThat(worn.z()).isCloseTo(curve(0.8), within(0.8));
        assertThat(worn.lifeFraction()).isBetween(0.65, 0.85);
        assertThat(worn.upperLifeFraction()).isBetween(worn.lifeFraction(), 0.95);
        // a healthy machine's reading allows no wear beyond half a life: vibration cannot resolve a young wear
        assertThat(healthy.lifeFraction()).isZero();
        assertThat(healthy.upperLifeFraction()).isBetween(0.2, 0.6);
        // too few running samples for a baseline and a recent mean: nothing read
        assertThat(DRIFT.read(samples(55, i -> 0, 3)).measured()).isFalse();
    }

    /**
     * A young machine (14 h of samples since first seen) whose recent vibration noise reads 2.5 standard errors high
     * (one reading in 160):
     * without a least age for the rate, a small wear over a few hours predicted a failure within a day (the first
     * 14-day mixed-line run maintained two new machines within its first hours); taken over 24 h it is not urgent.
     * A machine really worn reads high and stays urgent.
     */
    @Test
    void aNoisyReadingOnAYoungMachineIsNotUrgent() {
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        final double highNoise = 2.5 * Math.sqrt(1.0 / 24 + 1.0 / 32);
        final List<TwinSignals.Sample> young = samples(56, i -> i >= 32 ? highNoise : 0, 5);
        final FailureRisk risk = hazard.risk(young, Duration.ofHours(24));
        assertThat(risk.lifeFraction()).isPositive();
        assertThat(risk.probability()).isLessThan(0.15);
        assertThat(risk.basis()).contains("vibration", "C-MAPSS drift curve", "since its last maintenance");

        final List<TwinSignals.Sample> worn = samples(56, i -> i >= 32 ? curve(0.9) : 0, 5);
        assertThat(hazard.risk(worn, Duration.ofHours(24)).probability()).isGreaterThan(0.5);
    }

    /** Cycles of a CNC-like machine, each beginning with one MAINTENANCE sample, every 15 min from T0. */
    private static List<TwinSignals.Sample> cycles(final double[] endDrifts, final int[] lengths) {
        final SplittableRandom random = new SplittableRandom(11);
        final List<TwinSignals.Sample> samples = new ArrayList<>();
        int i = 0;
        for (int c = 0; c < lengths.length; c++) {
            samples.add(new TwinSignals.Sample(T0.plus(Duration.ofMinutes(15L * i)), i + 1, "MAINTENANCE", 0,
                    Double.NaN, 0, 40));
            i++;
            for (int k = 0; k < lengths[c]; k++, i++) {
                final double drift = k >= lengths[c] - 24 ? endDrifts[c] : 0;
                samples.add(new TwinSignals.Sample(T0.plus(Duration.ofMinutes(15L * i)), i + 1, "RUNNING", 100,
                        Double.NaN, 2.5 + 0.15 * drift + 0.15 * (random.nextDouble() - 0.5) * Math.sqrt(12), 40));
            }
        }
        return samples;
    }

    /**
     * The rate of the cycle just before is the young machine's, the rate of an older one is not: a rate kept through
     * cycles too short to read one fed on itself (read high once, it had a CNC maintained hours after each of its
     * maintenances, 31 in one 14-day benchmark run).
     */
    @Test
    void onlyTheCycleJustBeforeGivesTheRate() {
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        // 40 h ending at a drift of 0.8 of a life, then 10 h of a young machine
        final FailureRisk young = hazard.risk(cycles(new double[] {curve(0.8), 0}, new int[] {160, 40}),
                Duration.ofHours(48));
        assertThat(young.basis()).contains("previous cycle");
        assertThat(young.lifeFraction()).isCloseTo(0.8 / 40 * 10, within(0.06));
        // the same, but a 5 h cycle in between (maintained again too soon to read a rate): no rate of its own
        final FailureRisk afterShort = hazard.risk(cycles(new double[] {curve(0.8), 0, 0}, new int[] {160, 20, 40}),
                Duration.ofHours(48));
        assertThat(afterShort.basis()).doesNotContain("previous cycle");
        assertThat(afterShort.probability()).isZero();
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        assertThatThrownBy(() -> new ConditionDrift(3.86, 7.48, 3, 12, 1, 24))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baselineSamples=3");
        assertThatThrownBy(() -> new ConditionDrift(3.86, 7.48, 16, 12, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minAgeHours=0");
        assertThatThrownBy(() -> new ConditionDrift(-1, 7.48, 16, 12, 1, 24))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curvature=-1");
    }
}
