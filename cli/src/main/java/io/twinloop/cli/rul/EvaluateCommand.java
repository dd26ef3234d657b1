package io.twinloop.cli.rul;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.twinloop.cli.TwinLoop;
import io.twinloop.optimizer.maintenance.CrossValidation;
import io.twinloop.optimizer.maintenance.RulConfig;
import io.twinloop.optimizer.maintenance.SignalHistory;
import io.twinloop.optimizer.maintenance.cmapss.CmapssFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code twinloop rul evaluate}: the estimator's benchmark, cross-validated by unit on a training file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Cross-validates the RUL estimator by unit on a C-MAPSS training file: each held-out engine "
                + "is cut as the test sets are, and RMSE and the PHM08 score of the remaining life predicted at the "
                + "cut are printed per seed, with their spread."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, paramLabel = "FILE",
            description = "C-MAPSS run-to-failure file, e.g. train_FD001.txt")
    private Path train;

    @Option(names = "--folds", defaultValue = "5", description = "folds, by unit. Default: ${DEFAULT-VALUE}")
    private int folds;

    @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", paramLabel = "S,S,...",
            description = "one cross-validation per seed (folds, cuts and training). Default: ${DEFAULT-VALUE}")
    private List<Long> seeds;

    @Option(names = "--min-observed", defaultValue = "31", paramLabel = "CYCLES",
            description = "a cut keeps at least this many cycles. Default: ${DEFAULT-VALUE} (FD001's shortest test "
                    + "engine)")
    private int minObserved;

    @Option(names = "--max-rul", defaultValue = "150", paramLabel = "CYCLES",
            description = "true remaining life at a cut is uniform in 1..this. Default: ${DEFAULT-VALUE}")
    private int maxRul;

    @Mixin
    private EstimatorOptions estimator;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final RulConfig config;
        final CrossValidation.Settings settings;
        try {
            config = estimator.config(seeds.isEmpty() ? 1 : seeds.get(0));
            settings = new CrossValidation.Settings(folds, seeds, minObserved, maxRul);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        final List<SignalHistory> units;
        try {
            units = CmapssFile.read(train);
        } catch (final IOException e) {
            err.println("error: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        out.printf("RUL cross-validation on %s: %d units, %d folds by unit, seeds %s%n", train, units.size(), folds,
                seeds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        out.printf("each held-out unit cut so that its true RUL is uniform in 1..%d with >= %d cycles observed; "
                + "scored against the uncapped true RUL at the cut%n", maxRul, minObserved);
        out.printf("estimator: windows %s, RUL cap %d, %d rounds, eta %s, depth %d, min child weight %s, "
                + "subsample %s, column sample %s, %d thread(s)%n", config.windows(), config.rulCap(),
                config.rounds(), config.learningRate(), config.maxDepth(), config.minChildWeight(),
                config.subsample(), config.columnSample(), config.threads());
        out.flush();
        final CrossValidation.Report report;
        try {
            report = CrossValidation.run(units, config, settings);
        } catch (final IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        for (final CrossValidation.SeedResult seed : report.seeds()) {
            final CrossValidation.Spread folds = CrossValidation.Spread.of(report.folds().stream()
                    .filter(f -> f.seed() == seed.seed()).mapToDouble(f -> f.accuracy().rmse()).toArray());
            out.printf("seed %d: RMSE %.2f  PHM score %.0f  (%d units; fold RMSE %.2f .. %.2f)%n", seed.seed(),
                    seed.accuracy().rmse(), seed.accuracy().score(), seed.accuracy().units(), folds.min(),
                    folds.max());
        }
        final CrossValidation.Spread rmse = report.rmseOverSeeds();
        final CrossValidation.Spread score = report.scoreOverSeeds();
        final CrossValidation.Spread foldRmse = report.rmseOverFolds();
        final CrossValidation.Spread millis = report.trainingMillis();
        out.printf("RMSE %.2f ± %.2f over %d seeds (min %.2f, max %.2f); per fold %.2f ± %.2f over %d folds%n",
                rmse.mean(), rmse.std(), report.seeds().size(), rmse.min(), rmse.max(), foldRmse.mean(),
                foldRmse.std(), report.folds().size());
        out.printf("PHM score %.0f ± %.0f over %d seeds (min %.0f, max %.0f), per %d units%n", score.mean(),
                score.std(), report.seeds().size(), score.min(), score.max(), units.size());
        final int fewest = units.size() - (units.size() + folds - 1) / folds;
        final int most = units.size() - units.size() / folds;
        out.printf("training: %.1f s per model (min %.1f, max %.1f, wall clock) on %s units%n", millis.mean() / 1000,
                millis.min() / 1000, millis.max() / 1000, fewest == most ? fewest : fewest + "-" + most);
        out.println("published FD001 test-set figures: LSTM baseline RMSE 16.1; recent models 11.4-13.4");
        out.flush();
        return TwinLoop.EXIT_OK;
    }
}
