package io.twinloop.plant.degradation.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinloop.plant.degradation.LifeDistribution;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeibullFitTest {

    @Test
    void recoversTheParametersOfASample() {
        final SplittableRandom random = new SplittableRandom(3);
        final double[] lives = new double[20_000];
        for (int i = 0; i < lives.length; i++) {
            // Inverse transform: scale * (-ln U)^(1/shape).
            lives[i] = 225 * Math.pow(-Math.log(1 - random.nextDouble()), 1 / 4.4);
        }
        final LifeDistribution fit = WeibullFit.maximumLikelihood(lives);
        assertThat(fit.shape()).isCloseTo(4.4, within(0.1));
        assertThat(fit.scale()).isCloseTo(225, within(2.0));
    }
}
