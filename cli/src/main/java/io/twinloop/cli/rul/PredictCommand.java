package io.twinloop.cli.rul;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.twinloop.cli.TwinLoop;
import io.twinloop.optimizer.maintenance.RulEstimator;
import io.twinloop.optimizer.maintenance.SignalHistory;
import io.twinloop.optimizer.maintenance.cmapss.CmapssFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code twinloop rul predict}: train on run-to-failure engines, predict the remaining life of test engines. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Trains the RUL estimator on a C-MAPSS training file and writes one predicted remaining "
                + "useful life (cycles after each test engine's last cycle) per line, in unit order."})
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, paramLabel = "FILE",
            description = "C-MAPSS run-to-failure file, e.g. train_FD001.txt")
    private Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE",
            description = "C-MAPSS file of engines to predict, e.g. test_FD001.txt")
    private Path test;

    @Option(names = "--out", paramLabel = "FILE", description = "write the predictions here instead of stdout")
    private Path out;

    @Option(names = "--seed", defaultValue = "1", description = "training seed. Default: ${DEFAULT-VALUE}")
    private long seed;

    @Mixin
    private EstimatorOptions estimator;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter err = spec.commandLine().getErr();
        final var config = configOrUsageError();
        final List<SignalHistory> trainUnits;
        final List<SignalHistory> testUnits;
        try {
            trainUnits = CmapssFile.read(train);
            testUnits = CmapssFile.read(test);
        } catch (final IOException e) {
            return refused(err, e.getMessage());
        }
        final double[] predicted;
        try (RulEstimator model = RulEstimator.train(trainUnits, config)) {
            predicted = model.predict(testUnits);
        } catch (final IllegalArgumentException e) {
            return refused(err, e.getMessage());
        }
        final StringBuilder text = new StringBuilder();
        for (final double rul : predicted) {
            text.append(String.format(Locale.ROOT, "%.2f%n", rul));
        }
        if (out == null) {
            final PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(text);
            stdout.flush();
            return TwinLoop.EXIT_OK;
        }
        try {
            writeWhole(out, text.toString());
        } catch (final IOException e) {
            return refused(err, out + ": " + e.getMessage());
        }
        return TwinLoop.EXIT_OK;
    }

    private io.twinloop.optimizer.maintenance.RulConfig configOrUsageError() {
        try {
            return estimator.config(seed);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int refused(final PrintWriter err, final String message) {
        err.println("error: " + message);
        if (out != null) {
            err.println("nothing was written to " + out);
        }
        return TwinLoop.EXIT_REFUSED;
    }

    /** Through a temporary file beside the target and a rename, so a failure never leaves half a file. */
    private static void writeWhole(final Path target, final String text) throws IOException {
        final Path absolute = target.toAbsolutePath();
        final Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
