package io.twinloop.scheduling.instance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The best known makespan and the best lower bound of a benchmark instance (equal when proven optimal), as listed in
 * the corpus's {@code optima.csv} ({@code instance,jobs,machines,optimum_or_best_known,lower_bound,source}).
 */
public record BestKnown(String instance, int jobs, int machines, int makespan, int lowerBound) {

    public boolean provenOptimal() {
        return makespan == lowerBound;
    }

    /** Relative gap of {@code makespan} to the best known value, in percent. */
    public double gapPercent(final int found) {
        return 100.0 * (found - makespan) / makespan;
    }

    /** All rows of an {@code optima.csv}, by instance name. */
    public static Map<String, BestKnown> readCsv(final Path file) {
        final Lines lines = Lines.of(file);
        final Map<String, BestKnown> rows = new LinkedHashMap<>();
        final String header = lines.nextContent("the header line");
        if (!header.startsWith("instance,jobs,machines,optimum_or_best_known,lower_bound")) {
            throw lines.error("expected the header 'instance,jobs,machines,optimum_or_best_known,lower_bound,...', found '"
                    + header + "'");
        }
        while (lines.hasNext()) {
            final String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            // the last column (source) is quoted free text with commas: only the first five are read
            final String[] cells = line.split(",", 6);
            if (cells.length < 5) {
                throw lines.error("expected at least 5 comma-separated columns, found " + cells.length);
            }
            final int[] numbers = lines.integers(String.join(" ", cells[1], cells[2], cells[3], cells[4]), 4,
                    "jobs, machines, best known, lower bound");
            rows.put(cells[0], new BestKnown(cells[0], numbers[0], numbers[1], numbers[2], numbers[3]));
        }
        return rows;
    }

    static Optional<BestKnown> find(final Map<String, BestKnown> rows, final String instance) {
        return Optional.ofNullable(rows.get(instance));
    }
}
