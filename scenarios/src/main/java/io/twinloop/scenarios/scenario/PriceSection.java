package io.twinloop.scenarios.scenario;

import io.twinloop.optimizer.energy.PriceFiles;
import io.twinloop.optimizer.energy.PriceSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code prices} section: {@code file} is either {@code corpus:<path>} (inside the shared corpus, e.g.
 * {@code corpus:tariffs/be-entsoe-dam-2022-2024/DAM_prices.csv}) or a path relative to the scenario file. Read with
 * the optimizer's {@link PriceFiles}, which tells the format by the header.
 */
final class PriceSection {

    private PriceSection() {
    }

    static Optional<PriceReference> read(final Path scenarioFile, final JsonFields prices,
            final Optional<Instant> start) {
        prices.onlyKnown(Set.of("file"));
        final Optional<String> written = prices.text("file", true);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        final String where = prices.at("file");
        final Optional<Path> file = resolve(scenarioFile, written.get(), prices, where);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file.get())) {
            prices.problem(where, "price file " + file.get() + " does not exist");
            return Optional.empty();
        }
        final PriceSeries series;
        try {
            series = PriceFiles.read(file.get());
        } catch (final RuntimeException e) { // PriceFormatException names file, line and column
            prices.problem(where, e.getMessage());
            return Optional.empty();
        }
        if (start.isPresent() && (start.get().isBefore(series.start()) || !start.get().isBefore(series.end()))) {
            prices.problem(where, "the prices cover " + series.start() + " to " + series.end()
                    + ", not the scenario's start " + start.get());
            return Optional.empty();
        }
        return Optional.of(new PriceReference(written.get(), file.get(), series));
    }

    private static Optional<Path> resolve(final Path scenarioFile, final String written, final JsonFields prices,
            final String where) {
        if (!written.startsWith(CorpusRoot.PREFIX)) {
            final Path folder = scenarioFile.toAbsolutePath().getParent();
            return Optional.of(folder.resolve(written).normalize());
        }
        final Optional<Path> corpus = CorpusRoot.near(scenarioFile);
        if (corpus.isEmpty()) {
            prices.problem(where, "'" + written + "' names the shared corpus, but no ../shared/corpus was found "
                    + "upwards from " + scenarioFile.toAbsolutePath().getParent() + " or the working folder");
        }
        return corpus.map(root -> root.resolve(written.substring(CorpusRoot.PREFIX.length())).normalize());
    }
}
