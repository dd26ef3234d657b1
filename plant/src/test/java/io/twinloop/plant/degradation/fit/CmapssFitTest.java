package io.twinloop.plant.degradation.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.degradation.Signature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Refits the degradation parameters on the shared corpus and checks the committed ones still match, so the
 * committed file cannot silently drift from the data or the fitting code.
 */
class CmapssFitTest {

    private static final double RELATIVE_TOLERANCE = 1e-3;

    /** {@code ../shared/corpus/cmapss/train_FD001.txt}, looked up from the working folder upwards. */
    private static Optional<Path> trainingFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolveSibling("shared").resolve("corpus").resolve("cmapss")
                    .resolve("train_FD001.txt");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void committedParametersMatchARefitOnTheCorpus() throws Exception {
        final Optional<Path> file = trainingFile();
        Assumptions.assumeTrue(file.isPresent(), "skipped: ../shared/corpus/cmapss/train_FD001.txt is not present"
                + " next to the project; the committed parameters are used as they are");

        final DegradationModel refit = CmapssFit.fit(file.get());
        final DegradationModel committed = DegradationModel.fitted();

        assertClose("life.weibull.shape", refit.life().shape(), committed.life().shape());
        assertClose("life.weibull.scale", refit.life().scale(), committed.life().scale());
        for (final Signature signature : Signature.values()) {
            assertClose(signature + ".curvature", refit.drift(signature).curvature(),
                    committed.drift(signature).curvature());
            assertClose(signature + ".driftAtFailure", refit.drift(signature).driftAtFailure(),
                    committed.drift(signature).driftAtFailure());
        }
    }

    @Test
    void theFitFindsWhatFd001IsKnownFor() throws Exception {
        final Optional<Path> file = trainingFile();
        Assumptions.assumeTrue(file.isPresent(), "skipped: ../shared/corpus/cmapss/train_FD001.txt is not present");

        final CmapssTrajectories data = CmapssTrajectories.read(file.get());
        // FD001: 100 training engines, lives 128..362 cycles (mean about 206).
        assertThat(data.unitCount()).isEqualTo(100);
        assertThat(data.lives()).contains(128.0, 362.0);
        final DegradationModel refit = CmapssFit.fit(data, "test");
        assertThat(refit.life().mean()).isCloseTo(206.3, within(3.0));
    }

    private static void assertClose(final String what, final double refit, final double committed) {
        assertThat(committed).as(what + ": committed %s, refit %s (regenerate with CmapssFit, see README)",
                committed, refit).isCloseTo(refit, within(Math.abs(refit) * RELATIVE_TOLERANCE));
    }
}
