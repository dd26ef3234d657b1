package io.twinloop.optimizer.maintenance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The team's shared corpus ({@code ../shared/corpus}), found from the working folder upwards; never copied here. */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    /** C-MAPSS {@code train_FD001.txt}; skips the calling test with a message when the corpus is absent. */
    public static Path cmapssTrainFd001() {
        return require("cmapss/train_FD001.txt");
    }

    public static Path cmapssTestFd001() {
        return require("cmapss/test_FD001.txt");
    }

    private static Path require(final String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolveSibling("shared").resolve("corpus").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared corpus file ../shared/corpus/" + file + " not found: test skipped");
        throw new AssertionError("unreachable");
    }
}
