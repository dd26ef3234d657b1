package io.twinloop.plant.degradation.fit;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.degradation.DriftCurve;
import io.twinloop.plant.degradation.Signature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the plant's {@link DegradationModel} to C-MAPSS run-to-failure trajectories: a Weibull life distribution on
 * the units' lives, and per {@link Signature} a drift curve on its sensor.
 *
 * <p>Run it to regenerate the committed parameters (see the module README):
 * {@code java -cp plant/target/classes io.twinloop.plant.degradation.fit.CmapssFit ../shared/corpus/cmapss/train_FD001.txt}
 */
public final class CmapssFit {

    private CmapssFit() {
    }

    public static DegradationModel fit(final CmapssTrajectories trajectories, final String source) {
        final Map<Signature, DriftCurve> drifts = new EnumMap<>(Signature.class);
        for (final Signature signature : Signature.values()) {
            drifts.put(signature, DriftFit.fit(trajectories.sensor(signature.cmapssSensor()), signature.direction()));
        }
        return new DegradationModel(WeibullFit.maximumLikelihood(trajectories.lives()), drifts, source);
    }

    public static DegradationModel fit(final Path trainingFile) throws IOException {
        final CmapssTrajectories trajectories = CmapssTrajectories.read(trainingFile);
        return fit(trajectories, "NASA C-MAPSS " + trainingFile.getFileName() + ", " + trajectories.unitCount()
                + " run-to-failure units, fitted by " + CmapssFit.class.getSimpleName());
    }

    /** Prints the fitted parameters in the committed resource's format. */
    public static void main(final String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CmapssFit TRAIN_FILE   (e.g. ../shared/corpus/cmapss/train_FD001.txt)");
            System.exit(2);
        }
        final StringWriter out = new StringWriter();
        // Sorted keys, so a refit diffs cleanly against the committed file.
        final Map<Object, Object> sorted = new TreeMap<>(fit(Path.of(args[0])).toProperties());
        out.write("# Degradation parameters fitted on NASA C-MAPSS FD001 (derived numbers only, no data).\n");
        out.write("# Regenerate: see plant/README.md, 'Degradation grounded in data'.\n");
        sorted.forEach((key, value) -> out.write(key + "=" + value + "\n"));
        System.out.print(out);
    }
}
