package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RulAccuracyTest {

    @Test
    void latePredictionsCostMoreThanEarlyOnesAsInThePhm08Score() {
        final RulAccuracy accuracy = RulAccuracy.of(new double[] {110, 90, 50}, new double[] {100, 100, 50});
        assertThat(accuracy.units()).isEqualTo(3);
        assertThat(accuracy.rmse()).isCloseTo(Math.sqrt(200.0 / 3), within(1e-12));
        // 10 cycles late: e^(10/10) - 1; 10 cycles early: e^(10/13) - 1; exact: 0.
        assertThat(accuracy.score()).isCloseTo(Math.exp(1) - 1 + Math.exp(10.0 / 13) - 1, within(1e-12));
        assertThat(RulAccuracy.phmScore(10)).isGreaterThan(RulAccuracy.phmScore(-10));
    }
}
