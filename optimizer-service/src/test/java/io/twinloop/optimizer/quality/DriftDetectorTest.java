package io.twinloop.optimizer.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The CUSUM design and the detector, on seeded synthetic data. The statistical checks have tolerances a wrong
 * design would break (a decision interval 10 % off moves the in-control run length by about 40 %).
 */
class DriftDetectorTest {

    private static double normal(final SplittableRandom random) {
        final double u1 = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void theDecisionIntervalFollowsTheConfiguredFalseAlarmRate() {
        final CusumDesign design = CusumDesign.forInControlArl(500, 0.5);
        // Siegmund, two-sided, k = 0.5: ARL0 = e^b - b - 1 with b = h + 1.166, so h = 5.06 for 500
        assertThat(design.h()).isCloseTo(5.06, within(0.02));
        assertThat(design.averageRunLength(0)).isCloseTo(500, within(0.5));
        assertThat(design.falseAlarmRate()).isCloseTo(0.002, within(1e-5));
        // the published table value (Montgomery, table 9.3): h = 5, k = 0.5 detects a 1 σ shift in about 10 samples
        assertThat(new CusumDesign(0.5, 5).averageRunLength(1)).isCloseTo(10.4, within(0.3));
        assertThat(CusumDesign.forInControlArl(10_000, 0.5).h()).isGreaterThan(design.h());
        assertThatThrownBy(() -> CusumDesign.forInControlArl(1, 0.5)).hasMessageContaining("in-control ARL");
    }

    @Test
    void inControlTheChartAlarmsAtTheConfiguredRate() {
        final CusumDesign design = CusumDesign.forInControlArl(200, 0.5);
        final SplittableRandom random = new SplittableRandom(20260105);
        final int samples = 400_000;
        int alarms = 0;
        CusumState state = CusumState.start();
        for (int i = 0; i < samples; i++) {
            state = state.next(normal(random), design.k());
            if (state.alarm(design.h())) {
                alarms++;
                state = CusumState.start();
            }
        }
        // expected 2,000 alarms (Siegmund's approximation is within a few percent for k = 0.5)
        assertThat((double) alarms / samples).as("false alarms per sample").isCloseTo(1.0 / 200, within(0.15 / 200));
    }

    @Test
    void withItsOwnSigmaEstimateTheDetectorStaysQuietInControlAtAboutTheRate() {
        final CusumDesign design = CusumDesign.forInControlArl(200, 0.5);
        final DriftDetector detector = new DriftDetector(design, 20, 100);
        final SplittableRandom random = new SplittableRandom(7);
        int alarms = 0;
        int counted = 0;
        for (int i = 0; i < 200_000; i++) {
            if (detector.observe(4 * normal(random))) {
                alarms++;
                detector.reset();
            }
            if (detector.armed()) {
                counted++;
            }
        }
        assertThat(detector.sigma()).isCloseTo(4, within(0.6));
        // σ estimated from 100 moving ranges wobbles by several percent, which moves the run length: a wider band
        assertThat((double) alarms / counted).as("false alarms per sample").isBetween(0.6 / 200, 1.6 / 200);
    }

    @Test
    void aDriftIsDetectedAndItsSizeEstimated() {
        final CusumDesign design = CusumDesign.forInControlArl(500, 0.5);
        final SplittableRandom random = new SplittableRandom(11);
        int detected = 0;
        double estimates = 0;
        long delays = 0;
        for (int run = 0; run < 200; run++) {
            final DriftDetector detector = new DriftDetector(design, 20, 100);
            boolean early = false;
            for (int i = 0; i < 40; i++) {
                early |= detector.observe(4 * normal(random));
            }
            if (early) {
                continue; // a false alarm before the shift: not this test's question
            }
            for (int i = 1; i <= 100; i++) {
                if (detector.observe(8 + 4 * normal(random))) { // a step of 2 σ
                    detected++;
                    estimates += detector.shiftEstimate();
                    delays += i;
                    break;
                }
            }
        }
        assertThat(detected).isGreaterThan(180);
        assertThat(estimates / detected).as("mean shift estimate, µm").isCloseTo(8, within(2.5));
        assertThat((double) delays / detected).as("samples to detect a 2 σ step").isBetween(2.0, 8.0);
    }

    @Test
    void aStepDownIsEstimatedNegativeAndResetStartsAfresh() {
        final DriftDetector detector = new DriftDetector(CusumDesign.forInControlArl(500, 0.5), 20, 100);
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            detector.observe(4 * normal(random));
        }
        assertThat(detector.armed()).isTrue();
        boolean alarm = false;
        for (int i = 0; i < 50 && !alarm; i++) {
            alarm = detector.observe(-15 + 4 * normal(random));
        }
        assertThat(alarm).isTrue();
        // a large step alarms within a sample or two; the run may hold samples from before it, so it is underestimated
        assertThat(detector.shiftEstimate()).isBetween(-22.0, -6.0);
        detector.reset();
        assertThat(detector.inAlarm()).isFalse();
        assertThat(detector.state()).isEqualTo(CusumState.start());
        assertThat(detector.armed()).as("σ is kept").isTrue();
        assertThatThrownBy(() -> detector.observe(Double.NaN)).hasMessageContaining("finite");
    }
}
