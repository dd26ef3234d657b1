package io.twinloop.optimizer.maintenance;

import java.util.List;

/**
 * Everything that shapes the remaining-useful-life estimator: the features, the training target and the
 * gradient-boosted trees. {@link #defaults()} is what {@code twinloop rul} uses; the module README documents each
 * option and the measurements behind the defaults.
 *
 * @param windows trailing windows, in observed cycles, over which each signal's mean and slope are taken
 *     (a history shorter than a window uses what it has)
 * @param rulCap the piecewise-linear target: remaining life above this many cycles counts as this many
 *     (early in life the signals do not show wear yet, so nothing beyond it is learnable); predictions lie in
 *     [0, rulCap]
 * @param minCorrelation signals whose absolute correlation with the capped target over the training cycles is below
 *     this are not used (drops constant and pure-noise signals, e.g. C-MAPSS FD001's operational settings)
 * @param rounds boosting rounds (trees)
 * @param learningRate shrinkage of each tree (XGBoost {@code eta})
 * @param maxDepth depth of each tree
 * @param minChildWeight XGBoost {@code min_child_weight}: least number of training cycles in a leaf (squared loss)
 * @param subsample fraction of training cycles each tree sees
 * @param columnSample fraction of features each tree sees
 * @param seed seeds XGBoost's sampling; the same seed, data and thread count give the same model
 * @param threads XGBoost (OpenMP) threads. Default 1: on a busy 2-core machine OpenMP's spinning threads made
 *     training 3-4 times slower in wall time (and CPU) than one thread
 */
public record RulConfig(List<Integer> windows, int rulCap, double minCorrelation, int rounds, double learningRate,
        int maxDepth, double minChildWeight, double subsample, double columnSample, long seed, int threads) {

    public RulConfig {
        windows = List.copyOf(windows);
        require(!windows.isEmpty(), "windows must not be empty");
        for (final int window : windows) {
            require(window >= 2, "windows must be at least 2 cycles (a slope needs two points), was " + window);
        }
        require(rulCap >= 1, "rulCap must be at least 1 cycle, was " + rulCap);
        require(minCorrelation >= 0 && minCorrelation < 1, "minCorrelation must be in [0, 1), was " + minCorrelation);
        require(rounds >= 1, "rounds must be at least 1, was " + rounds);
        require(learningRate > 0 && learningRate <= 1, "learningRate must be in (0, 1], was " + learningRate);
        require(maxDepth >= 1 && maxDepth <= 16, "maxDepth must be 1..16, was " + maxDepth);
        require(minChildWeight >= 0, "minChildWeight must not be negative, was " + minChildWeight);
        require(subsample > 0 && subsample <= 1, "subsample must be in (0, 1], was " + subsample);
        require(columnSample > 0 && columnSample <= 1, "columnSample must be in (0, 1], was " + columnSample);
        require(threads >= 1, "threads must be at least 1, was " + threads);
    }

    /** The measured defaults (see the module README). */
    public static RulConfig defaults() {
        return new RulConfig(List.of(10, 20, 30, 50, 80, 120), 125, 0.2, 300, 0.05, 4, 10, 0.8, 0.8, 1, 1);
    }

    public RulConfig withWindows(final List<Integer> value) {
        return new RulConfig(value, rulCap, minCorrelation, rounds, learningRate, maxDepth, minChildWeight,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withRulCap(final int value) {
        return new RulConfig(windows, value, minCorrelation, rounds, learningRate, maxDepth, minChildWeight,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withMinCorrelation(final double value) {
        return new RulConfig(windows, rulCap, value, rounds, learningRate, maxDepth, minChildWeight,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withRounds(final int value) {
        return new RulConfig(windows, rulCap, minCorrelation, value, learningRate, maxDepth, minChildWeight,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withLearningRate(final double value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, value, maxDepth, minChildWeight,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withMaxDepth(final int value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, learningRate, value, minChildWeight,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withMinChildWeight(final double value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, learningRate, maxDepth, value,
                subsample, columnSample, seed, threads);
    }

    public RulConfig withSubsample(final double value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, learningRate, maxDepth, minChildWeight,
                value, columnSample, seed, threads);
    }

    public RulConfig withColumnSample(final double value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, learningRate, maxDepth, minChildWeight,
                subsample, value, seed, threads);
    }

    public RulConfig withSeed(final long value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, learningRate, maxDepth, minChildWeight,
                subsample, columnSample, value, threads);
    }

    public RulConfig withThreads(final int value) {
        return new RulConfig(windows, rulCap, minCorrelation, rounds, learningRate, maxDepth, minChildWeight,
                subsample, columnSample, seed, value);
    }

    /** The largest window: how far back any feature looks. */
    public int longestWindow() {
        return windows.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
