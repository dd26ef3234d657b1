package io.twinloop.scenarios;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Real scenario files for tests: a small valid scenario with a user-format price file of its own (no corpus
 * needed), variants of it with one thing changed, and the shipped examples.
 */
public final class ScenarioFiles {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2025-01-06T06:00:00Z");

    private static final String VALID = """
            {
              "name": "test line",
              "start": "2025-01-06T06:00:00Z",
              "line": { "queueCapacity": 3, "machines": [
                { "id": "press-1", "kind": "PRESS" },
                { "id": "cnc-1", "kind": "CNC_MACHINING" },
                { "id": "inspect-1", "kind": "INSPECTION", "simulatedAs": "ROBOT_CELL" },
                { "id": "conveyor-1", "kind": "CONVEYOR" } ] },
              "demand": { "dueDates": { "tightShare": 0.3, "expeditesPerDay": 6 } },
              "calendar": { "shiftsPerDay": 3, "shiftHours": 8, "firstShiftStarts": "06:00",
                "workingDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
                "zone": "Europe/Brussels" },
              "prices": { "file": "prices.csv" },
              "degradation": { "model": "cmapss-fd001", "lifeScale": 0.05 },
              "maintenance": { "crewLimit": 1 },
              "costs": { "downtimeEurPerHour": 500, "maintenanceEurPerHour": 100 },
              "goal": { "weights": { "cost": 1, "energy": 0.2, "downtime": 50 },
                "bounds": { "Speed": { "min": 60, "max": 120 } } },
              "policies": { "speedPercent": 100,
                "baseline": { "maintenanceIntervalHours": 12 },
                "threshold": { "vibrationMmS": { "PRESS": 4.5, "CNC_MACHINING": 2.8, "ROBOT_CELL": 1.36,
                  "CONVEYOR": 0.9 } } }
            }
            """;

    private ScenarioFiles() {
    }

    /** The valid test scenario, with {@code change} applied to its JSON, written into {@code dir}. */
    public static Path write(final Path dir, final Consumer<ObjectNode> change) {
        try {
            writePrices(dir.resolve("prices.csv"), 24 * 10);
            final ObjectNode root = (ObjectNode) JSON.readTree(VALID);
            change.accept(root);
            final Path file = dir.resolve("scenario.json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path valid(final Path dir) {
        return write(dir, root -> { });
    }

    /** Hourly prices from the test start, cheap at night and dear by day. */
    static void writePrices(final Path file, final int hours) throws IOException {
        final StringBuilder csv = new StringBuilder("time,eur_per_kwh\n");
        for (int h = 0; h < hours; h++) {
            final Instant time = START.minusSeconds(6 * 3600).plusSeconds(3600L * h);
            csv.append(time).append(',').append(String.format(Locale.ROOT, "%.4f", h % 24 < 8 ? 0.08 : 0.16))
                    .append('\n');
        }
        Files.writeString(file, csv);
    }

    /** A shipped example, when the corpus its prices come from is present. */
    public static Optional<Path> example(final String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("examples").resolve("scenarios").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static boolean corpusPresent() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolveSibling("shared").resolve("corpus").resolve("tariffs"))) {
                return true;
            }
        }
        return false;
    }
}
