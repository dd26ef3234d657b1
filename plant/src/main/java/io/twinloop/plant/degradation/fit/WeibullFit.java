package io.twinloop.plant.degradation.fit;

import io.twinloop.plant.degradation.LifeDistribution;

/** Maximum-likelihood Weibull fit of complete (uncensored) lives, as in a run-to-failure training set. */
final class WeibullFit {

    private WeibullFit() {
    }

    static LifeDistribution maximumLikelihood(final double[] lives) {
        if (lives.length < 2) {
            throw new IllegalArgumentException("a Weibull fit needs at least two lives, got " + lives.length);
        }
        double meanLog = 0;
        for (final double life : lives) {
            if (!(life > 0)) {
                throw new IllegalArgumentException("lives must be positive, found " + life);
            }
            meanLog += Math.log(life) / lives.length;
        }
        // Newton on the profile score of the shape; the scale then has a closed form.
        double shape = 1;
        for (int iteration = 0; iteration < 200; iteration++) {
            double sumPow = 0;
            double sumPowLog = 0;
            double sumPowLog2 = 0;
            for (final double life : lives) {
                final double log = Math.log(life);
                final double pow = Math.pow(life, shape);
                sumPow += pow;
                sumPowLog += pow * log;
                sumPowLog2 += pow * log * log;
            }
            final double ratio = sumPowLog / sumPow;
            final double score = ratio - 1 / shape - meanLog;
            final double slope = sumPowLog2 / sumPow - ratio * ratio + 1 / (shape * shape);
            final double next = Math.max(shape / 2, shape - score / slope);
            if (Math.abs(next - shape) < 1e-12 * shape) {
                shape = next;
                break;
            }
            shape = next;
        }
        double sumPow = 0;
        for (final double life : lives) {
            sumPow += Math.pow(life, shape);
        }
        return new LifeDistribution(shape, Math.pow(sumPow / lives.length, 1 / shape));
    }
}
