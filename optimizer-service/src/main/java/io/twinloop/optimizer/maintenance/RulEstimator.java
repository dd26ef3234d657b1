package io.twinloop.optimizer.maintenance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Remaining useful life (in cycles) of a machine from its signal history: gradient-boosted regression trees
 * (XGBoost) over {@link WindowFeatures}, trained on run-to-failure histories with the piecewise-linear target
 * {@code min(cycles until failure, rulCap)}. Every cycle of every training history is one training example, seen
 * through what had been observed up to it.
 *
 * <p>Holds a native XGBoost model: {@link #close()} frees it. Predictions and {@code close} are serialized, since
 * XGBoost4J does not promise that one booster may predict from several threads at once.
 */
public final class RulEstimator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulEstimator.class);

    private final RulConfig config;
    private final WindowFeatures features;
    private final Booster booster;

    private RulEstimator(final RulConfig config, final WindowFeatures features, final Booster booster) {
        this.config = config;
        this.features = features;
        this.booster = booster;
    }

    /**
     * Trains on run-to-failure histories: each history's last cycle is the cycle at which the machine failed.
     *
     * @throws IllegalArgumentException if there are fewer than two histories, their signals differ, or no signal is
     *     informative enough (see {@link RulConfig#minCorrelation()})
     */
    public static RulEstimator train(final List<SignalHistory> runsToFailure, final RulConfig config) {
        if (runsToFailure.size() < 2) {
            throw new IllegalArgumentException("training needs at least two run-to-failure histories, got "
                    + runsToFailure.size());
        }
        final List<String> signals = runsToFailure.get(0).signals();
        for (final SignalHistory history : runsToFailure) {
            if (!history.signals().equals(signals)) {
                throw new IllegalArgumentException("asset " + history.assetId() + " has signals " + history.signals()
                        + ", the first history has " + signals + "; training histories must share their signals");
            }
        }
        final long started = System.nanoTime();
        final List<String> used = informativeSignals(runsToFailure, config);
        final WindowFeatures features = new WindowFeatures(used, config.windows());

        int rows = 0;
        for (final SignalHistory history : runsToFailure) {
            rows += history.length();
        }
        final int width = features.width();
        final float[] matrix = new float[rows * width];
        final float[] labels = new float[rows];
        int row = 0;
        for (final SignalHistory history : runsToFailure) {
            final int[] index = features.signalIndex(history);
            for (int i = 0; i < history.length(); i++) {
                features.extract(history, index, i, matrix, row * width);
                labels[row] = (float) Math.min(history.lastCycle() - history.cycle(i), config.rulCap());
                row++;
            }
        }
        final Booster booster;
        DMatrix train = null;
        try {
            train = new DMatrix(matrix, rows, width, Float.NaN);
            train.setLabel(labels);
            booster = XGBoost.train(train, boosterParameters(config), config.rounds(), Map.of(), null, null);
        } catch (final XGBoostError e) {
            throw new IllegalStateException("XGBoost could not train the RUL model: " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
        }
        LOG.info("Trained RUL model on {} histories ({} cycles, {} features from signals {}) in {} ms",
                runsToFailure.size(), rows, width, used, (System.nanoTime() - started) / 1_000_000);
        return new RulEstimator(config, features, booster);
    }

    /**
     * Remaining useful life after the last observed cycle of {@code history}, in cycles, in [0, rulCap]. The
     * history must carry the signals this model uses (by name; other signals and their order do not matter).
     */
    public double predict(final SignalHistory history) {
        return predict(List.of(history))[0];
    }

    /** {@link #predict(SignalHistory)} for many histories at once (one native call). */
    public synchronized double[] predict(final List<SignalHistory> histories) {
        if (histories.isEmpty()) {
            return new double[0];
        }
        final int width = features.width();
        final float[] matrix = new float[histories.size() * width];
        for (int h = 0; h < histories.size(); h++) {
            final SignalHistory history = histories.get(h);
            features.extract(history, features.signalIndex(history), history.length() - 1, matrix, h * width);
        }
        DMatrix data = null;
        try {
            data = new DMatrix(matrix, histories.size(), width, Float.NaN);
            final float[][] predicted = booster.predict(data);
            final double[] rul = new double[predicted.length];
            for (int h = 0; h < rul.length; h++) {
                rul[h] = Math.max(0, Math.min(config.rulCap(), predicted[h][0]));
            }
            return rul;
        } catch (final XGBoostError e) {
            throw new IllegalStateException("XGBoost could not predict: " + e.getMessage(), e);
        } finally {
            if (data != null) {
                data.dispose();
            }
        }
    }

    public RulConfig config() {
        return config;
    }

    /** The signals the model reads, in feature order (those that passed the correlation filter). */
    public List<String> signalsUsed() {
        return features.signals();
    }

    public List<String> featureNames() {
        return features.names();
    }

    @Override
    public synchronized void close() {
        booster.dispose();
    }

    private static Map<String, Object> boosterParameters(final RulConfig config) {
        final Map<String, Object> params = new HashMap<>();
        params.put("objective", "reg:squarederror");
        params.put("tree_method", "hist");
        params.put("eta", config.learningRate());
        params.put("max_depth", config.maxDepth());
        params.put("min_child_weight", config.minChildWeight());
        params.put("subsample", config.subsample());
        params.put("colsample_bytree", config.columnSample());
        params.put("seed", config.seed());
        params.put("nthread", config.threads());
        // XGBoost writes its warnings to stdout, which 'twinloop rul predict' uses for its answer.
        params.put("verbosity", 0);
        return params;
    }

    /**
     * Signals whose values, over all training cycles, correlate with the capped target at least as strongly as the
     * configured minimum (constant signals have no correlation and are always dropped).
     */
    private static List<String> informativeSignals(final List<SignalHistory> runsToFailure, final RulConfig config) {
        final List<String> signals = runsToFailure.get(0).signals();
        final List<String> used = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        for (int s = 0; s < signals.size(); s++) {
            double n = 0;
            double meanX = 0;
            double meanY = 0;
            double cxy = 0;
            double cxx = 0;
            double cyy = 0;
            // Welford-style running co-moments: values such as 9046.19 ± 0.1 would cancel in naive sums.
            for (final SignalHistory history : runsToFailure) {
                for (int i = 0; i < history.length(); i++) {
                    final double x = history.value(i, s);
                    final double y = Math.min(history.lastCycle() - history.cycle(i), config.rulCap());
                    n++;
                    final double dx = x - meanX;
                    final double dy = y - meanY;
                    meanX += dx / n;
                    meanY += dy / n;
                    cxy += dx * (y - meanY);
                    cxx += dx * (x - meanX);
                    cyy += dy * (y - meanY);
                }
            }
            final double correlation = cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : 0;
            if (Math.abs(correlation) >= config.minCorrelation() && cxx > 0) {
                used.add(signals.get(s));
            } else {
                dropped.add(signals.get(s) + String.format(" (%.2f)", correlation));
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no signal correlates with the remaining life by at least "
                    + config.minCorrelation() + " (correlations: " + dropped + ")");
        }
        LOG.debug("RUL signals used: {}; dropped (correlation): {}", used, dropped);
        return List.copyOf(used);
    }
}
