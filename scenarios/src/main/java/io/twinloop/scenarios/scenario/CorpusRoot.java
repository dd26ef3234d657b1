package io.twinloop.scenarios.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared corpus ({@code ../shared/corpus} beside the project) for {@code corpus:} references: upwards
 * from the scenario file's folder first, then from the working folder.
 */
final class CorpusRoot {

    static final String PREFIX = "corpus:";

    private CorpusRoot() {
    }

    static Optional<Path> near(final Path scenarioFile) {
        final Path folder = scenarioFile.toAbsolutePath().getParent();
        return from(folder).or(() -> from(Path.of("").toAbsolutePath()));
    }

    private static Optional<Path> from(final Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolveSibling("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
