package io.twinloop.cli.rul;

import java.util.List;

import io.twinloop.optimizer.maintenance.RulConfig;
import picocli.CommandLine.Option;

/** The estimator settings both {@code rul} commands accept; unset options keep {@link RulConfig#defaults()}. */
final class EstimatorOptions {

    @Option(names = "--windows", split = ",", paramLabel = "N,N,...",
            description = "trailing windows (cycles) for each signal's mean and slope. Default: 10,20,30,50,80,120")
    List<Integer> windows;

    @Option(names = "--rul-cap", paramLabel = "CYCLES",
            description = "piecewise-linear target: remaining life above this counts as this. Default: 125")
    Integer rulCap;

    @Option(names = "--rounds", paramLabel = "N", description = "boosting rounds (trees). Default: 300")
    Integer rounds;

    @Option(names = "--learning-rate", paramLabel = "ETA", description = "XGBoost eta. Default: 0.05")
    Double learningRate;

    @Option(names = "--max-depth", paramLabel = "N", description = "depth of each tree. Default: 4")
    Integer maxDepth;

    @Option(names = "--threads", paramLabel = "N", description = "XGBoost threads. Default: 1")
    Integer threads;

    /** @throws IllegalArgumentException naming the option's rule when a value is out of range */
    RulConfig config(final long seed) {
        RulConfig config = RulConfig.defaults().withSeed(seed);
        if (windows != null) {
            config = config.withWindows(windows);
        }
        if (rulCap != null) {
            config = config.withRulCap(rulCap);
        }
        if (rounds != null) {
            config = config.withRounds(rounds);
        }
        if (learningRate != null) {
            config = config.withLearningRate(learningRate);
        }
        if (maxDepth != null) {
            config = config.withMaxDepth(maxDepth);
        }
        if (threads != null) {
            config = config.withThreads(threads);
        }
        return config;
    }
}
