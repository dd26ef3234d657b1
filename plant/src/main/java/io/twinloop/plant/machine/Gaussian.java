package io.twinloop.plant.machine;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Box–Muller. Written out rather than taken from {@code RandomGenerator.nextGaussian()}
 * because that algorithm is not specified and may change between JDKs, which would break seeded replays.
 */
final class Gaussian {

    private Gaussian() {
    }

    static double next(final SplittableRandom random) {
        final double u1 = 1 - random.nextDouble(); // (0, 1]: log is finite
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
