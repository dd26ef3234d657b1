package io.twinloop.optimizer.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Machines that wear out in a learnable way: a hidden wear level grows from a random initial value along an
 * accelerating curve and the machine fails when it reaches 1. Signals: "temperature" rises with wear, "pressure"
 * falls with it (both noisy), "ambient" is pure noise and "nameplate" is constant, so the estimator must find the
 * first two and drop the last two.
 */
final class SyntheticFleet {

    static final List<String> SIGNALS = List.of("ambient", "temperature", "nameplate", "pressure");

    private SyntheticFleet() {
    }

    static List<SignalHistory> runsToFailure(final int machines, final long seed) {
        final Random random = new Random(seed);
        final List<SignalHistory> fleet = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            final int life = 150 + random.nextInt(150);
            final double initialWear = 0.1 * random.nextDouble();
            final List<SignalHistory.Observation> observations = new ArrayList<>();
            for (int cycle = 1; cycle <= life; cycle++) {
                final double t = (double) cycle / life;
                final double wear = initialWear + (1 - initialWear) * t * t;
                observations.add(new SignalHistory.Observation(cycle, new double[] {
                        20 + random.nextGaussian(),
                        600 + 40 * wear + 2 * random.nextGaussian(),
                        42,
                        9 - 0.5 * wear + 0.03 * random.nextGaussian()}));
            }
            fleet.add(SignalHistory.of("machine-" + m, SIGNALS, observations));
        }
        return fleet;
    }
}
