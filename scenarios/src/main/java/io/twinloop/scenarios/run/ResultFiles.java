package io.twinloop.scenarios.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes results: one JSON file per run ({@code <scenario>_<policy>_seed<N>.json}, every {@link RunResult} field
 * plus the declared-only notes) and one CSV with a row per run ({@code <scenario>_<policy>.csv}, columns
 * {@link RunResult#COLUMNS}). Each file is written beside its final name and moved into place, so a reader never
 * sees half a file.
 */
public final class ResultFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    /** @return the JSON file written */
    public static Path writeJson(final Path folder, final RunResult result) throws IOException {
        final ObjectNode node = JSON.valueToTree(result);
        node.remove("wallMillisPerDay");
        final Path file = folder.resolve(String.format(Locale.ROOT, "%s_%s_seed%d.json", slug(result.scenario()),
                result.policy(), result.seed()));
        write(file, JSON.writeValueAsString(node) + "\n");
        return file;
    }

    /**
     * @param results runs of one scenario under one policy (other policies' files in the folder stay)
     * @return the CSV file written
     */
    public static Path writeCsv(final Path folder, final List<RunResult> results) throws IOException {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to write");
        }
        final String rows = results.stream().map(ResultFiles::row).collect(Collectors.joining("\n"));
        final Path file = folder.resolve(slug(results.get(0).scenario()) + "_" + results.get(0).policy() + ".csv");
        write(file, String.join(",", RunResult.COLUMNS) + "\n" + rows + "\n");
        return file;
    }

    private static String row(final RunResult r) {
        return String.join(",", quote(r.scenario()), r.policy(), Long.toString(r.seed()), number(r.days()),
                number(r.energyKwh()), number(r.energyPerGoodUnitKwh()), number(r.unplannedDowntimeHours()),
                number(r.plannedMaintenanceHours()), Long.toString(r.goodUnits()), Long.toString(r.jobsShipped()),
                Long.toString(r.failures()), Long.toString(r.preventiveMaintenances()), Long.toString(r.repairs()),
                number(r.energyCostEur()), number(r.downtimeCostEur()), number(r.maintenanceCostEur()),
                number(r.totalCostEur()), Long.toString(r.safetyBoundViolations()),
                Long.toString(r.actionsNeedingApproval()), Long.toString(r.maintenanceHeldForCrew()),
                Long.toString(r.repairsWaitingForParts()),
                Long.toString(r.rejectedCommands()), Long.toString(r.wallMillis()));
    }

    private static String number(final double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(final String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static String slug(final String name) {
        final String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "scenario" : slug;
    }

    private static void write(final Path file, final String content) throws IOException {
        final Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
