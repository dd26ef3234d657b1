package io.twinloop.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the team's shared test corpus ({@code ../shared/corpus}) from the working folder upwards. */
public final class CorpusLocator {

    private CorpusLocator() {
    }

    public static Optional<Path> find(final String subfolder) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolveSibling("shared").resolve("corpus").resolve(subfolder);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
