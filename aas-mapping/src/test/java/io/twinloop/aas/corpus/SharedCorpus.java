package io.twinloop.aas.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/** The team's shared test corpus ({@code ../shared/corpus}), read in place and never copied. */
public final class SharedCorpus {

    private SharedCorpus() {
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

    /** The folder, or the test is skipped with a message saying what is missing. */
    public static Path require(final String subfolder) {
        final Optional<Path> folder = find(subfolder);
        Assumptions.assumeTrue(folder.isPresent(), "skipped: ../shared/corpus/" + subfolder
                + " is not present next to the project");
        return folder.get();
    }

    /** Every AAS file (JSON, XML, AASX) below the folder, sorted. */
    public static List<Path> aasFiles(final Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(path -> {
                final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".json") || name.endsWith(".xml") || name.endsWith(".aasx");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
