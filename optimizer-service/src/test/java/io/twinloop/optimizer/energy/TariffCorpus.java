package io.twinloop.optimizer.energy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code shared/corpus/tariffs} beside the repository (walking up from the working directory). */
final class TariffCorpus {

    private TariffCorpus() {
    }

    static Optional<Path> file(final String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("shared/corpus/tariffs").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
