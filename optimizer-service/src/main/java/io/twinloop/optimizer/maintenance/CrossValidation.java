package io.twinloop.optimizer.maintenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The estimator's benchmark without test labels: k-fold cross-validation by unit over run-to-failure histories.
 * Each validation history is cut the way the C-MAPSS test sets are (an engine observed from its first cycle up to
 * some point before failure), the model trained on the other folds predicts the remaining life after the cut, and
 * the predictions are scored against the true remaining life (not capped, as the test sets' truth is not). Pooled
 * over the folds, each seed gives one prediction per unit: a synthetic test set of the same size as the real one,
 * so its PHM score is comparable with published test-set scores.
 *
 * <p>Same histories, configuration and settings: same report (the seed drives fold assignment, cut points and
 * XGBoost's sampling).
 */
public final class CrossValidation {

    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    private CrossValidation() {
    }

    /**
     * @param folds number of folds (units are split evenly at random), at least 2
     * @param seeds one full cross-validation per seed
     * @param minObserved a cut keeps at least this many cycles (FD001's shortest test trajectory has 31)
     * @param maxRul the true remaining life at a cut is drawn uniformly from 1..maxRul (or less, when the history
     *     is too short to keep {@code minObserved} cycles); FD001's test truth spans 7..145 with mean 75, which a
     *     uniform 1..150 matches in mean and range
     */
    public record Settings(int folds, List<Long> seeds, int minObserved, int maxRul) {

        public Settings {
            seeds = List.copyOf(seeds);
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be at least 2, was " + folds);
            }
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("at least one seed is needed");
            }
            if (minObserved < 1) {
                throw new IllegalArgumentException("minObserved must be at least 1, was " + minObserved);
            }
            if (maxRul < 1) {
                throw new IllegalArgumentException("maxRul must be at least 1, was " + maxRul);
            }
        }

        public static Settings defaults() {
            return new Settings(5, List.of(1L, 2L, 3L), 31, 150);
        }
    }

    /** One fold of one seed: the model trained without it, scored on its cut histories. */
    public record Fold(long seed, int fold, RulAccuracy accuracy, long trainingMillis) {
    }

    /** One seed's folds pooled: one prediction per unit. */
    public record SeedResult(long seed, RulAccuracy accuracy) {
    }

    public record Report(List<Fold> folds, List<SeedResult> seeds) {

        public Report {
            folds = List.copyOf(folds);
            seeds = List.copyOf(seeds);
        }

        public Spread rmseOverSeeds() {
            return Spread.of(seeds.stream().mapToDouble(s -> s.accuracy().rmse()).toArray());
        }

        public Spread scoreOverSeeds() {
            return Spread.of(seeds.stream().mapToDouble(s -> s.accuracy().score()).toArray());
        }

        public Spread rmseOverFolds() {
            return Spread.of(folds.stream().mapToDouble(f -> f.accuracy().rmse()).toArray());
        }

        public Spread trainingMillis() {
            return Spread.of(folds.stream().mapToDouble(Fold::trainingMillis).toArray());
        }
    }

    /** Mean, sample standard deviation, minimum and maximum of some figures. */
    public record Spread(double mean, double std, double min, double max) {

        public static Spread of(final double[] values) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (final double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            final double mean = sum / values.length;
            double squares = 0;
            for (final double v : values) {
                squares += (v - mean) * (v - mean);
            }
            final double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
            return new Spread(mean, std, min, max);
        }
    }

    public static Report run(final List<SignalHistory> runsToFailure, final RulConfig config,
            final Settings settings) {
        if (runsToFailure.size() < settings.folds()) {
            throw new IllegalArgumentException(settings.folds() + " folds need at least as many histories, got "
                    + runsToFailure.size());
        }
        for (final SignalHistory history : runsToFailure) {
            if (history.length() < 2) {
                throw new IllegalArgumentException("asset " + history.assetId()
                        + " has a single cycle; a validation cut needs at least two");
            }
        }
        final List<Fold> folds = new ArrayList<>();
        final List<SeedResult> seeds = new ArrayList<>();
        for (final long seed : settings.seeds()) {
            final Random random = new Random(seed);
            final List<Integer> order = new ArrayList<>();
            for (int i = 0; i < runsToFailure.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            final double[] predicted = new double[runsToFailure.size()];
            final double[] actual = new double[runsToFailure.size()];
            int pooled = 0;
            for (int fold = 0; fold < settings.folds(); fold++) {
                final List<SignalHistory> train = new ArrayList<>();
                final List<SignalHistory> cut = new ArrayList<>();
                final List<Double> truth = new ArrayList<>();
                for (int k = 0; k < order.size(); k++) {
                    final SignalHistory history = runsToFailure.get(order.get(k));
                    if (k % settings.folds() == fold) {
                        final int keep = cutLength(history, settings, random);
                        final SignalHistory observed = history.truncated(keep);
                        cut.add(observed);
                        truth.add((double) (history.lastCycle() - observed.lastCycle()));
                    } else {
                        train.add(history);
                    }
                }
                final long started = System.nanoTime();
                final double[] foldPredicted;
                final long millis;
                try (RulEstimator estimator = RulEstimator.train(train, config.withSeed(seed))) {
                    millis = (System.nanoTime() - started) / 1_000_000;
                    foldPredicted = estimator.predict(cut);
                }
                final double[] foldActual = truth.stream().mapToDouble(Double::doubleValue).toArray();
                final RulAccuracy accuracy = RulAccuracy.of(foldPredicted, foldActual);
                folds.add(new Fold(seed, fold, accuracy, millis));
                LOG.info("seed {} fold {}: {} units, RMSE {}, score {}, trained in {} ms", seed, fold,
                        accuracy.units(), String.format("%.2f", accuracy.rmse()),
                        String.format("%.1f", accuracy.score()), millis);
                System.arraycopy(foldPredicted, 0, predicted, pooled, foldPredicted.length);
                System.arraycopy(foldActual, 0, actual, pooled, foldActual.length);
                pooled += foldPredicted.length;
            }
            seeds.add(new SeedResult(seed, RulAccuracy.of(predicted, actual)));
        }
        return new Report(folds, seeds);
    }

    /** How many cycles a validation history keeps: its true remaining life after the cut is uniform in 1..max. */
    private static int cutLength(final SignalHistory history, final Settings settings, final Random random) {
        final int n = history.length();
        final int longestRul = Math.max(1, Math.min(settings.maxRul(), n - settings.minObserved()));
        final int rulInObservations = 1 + random.nextInt(Math.min(longestRul, n - 1));
        return n - rulInObservations;
    }
}
