package io.twinloop.scenarios.report;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the per-run JSON files {@code bench plant} writes. A folder stands for every {@code *.json} file under it
 * (the CSV files beside them are the same figures again and are skipped). Every file must be a run result: an
 * object with {@code scenario}, {@code policy}, {@code seed}, {@code days} and every {@link Metric}'s field; the
 * first problem ends the reading with a {@link ReportException} naming the file.
 */
public final class ResultReader {

    private static final String ENERGY_BY_STATE = "energyKwhByState";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // a run that made no unit has NaN kWh per unit
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ResultReader() {
    }

    /** @return every run of {@code inputs} (files and folders), in the order found */
    public static List<RunRecord> read(final List<Path> inputs) throws ReportException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no result files or folders given");
        }
        final List<RunRecord> runs = new ArrayList<>();
        final Map<String, Path> seen = new HashMap<>();
        for (final Path file : files(inputs)) {
            final RunRecord run = readRun(file);
            final Path other = seen.putIfAbsent(run.scenario() + "\u0000" + run.policy() + "\u0000" + run.seed(), file);
            if (other != null && !other.equals(file)) {
                throw new ReportException(file, "scenario '" + run.scenario() + "', policy " + run.policy() + ", seed "
                        + run.seed() + " is also in " + other + ": one run would count twice");
            }
            if (other == null) {
                runs.add(run);
            }
        }
        return runs;
    }

    private static List<Path> files(final List<Path> inputs) throws ReportException {
        final List<Path> files = new ArrayList<>();
        for (final Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> found = Files.walk(input)) {
                    final List<Path> json = found.filter(p -> p.getFileName().toString().endsWith(".json"))
                            .filter(Files::isRegularFile).sorted().toList();
                    if (json.isEmpty()) {
                        throw new ReportException(input, "folder holds no result file (*.json)");
                    }
                    files.addAll(json);
                } catch (final IOException e) {
                    throw new ReportException(input, "cannot list the folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new ReportException(input, "no such file or folder");
            }
        }
        return files;
    }

    static RunRecord readRun(final Path file) throws ReportException {
        final JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (final JsonParseException e) {
            throw new ReportException(file, "not a bench plant result: not JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage() + ")", e);
        } catch (final IOException e) {
            throw new ReportException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ReportException(file, "not a bench plant result: expected a JSON object with scenario, policy, "
                    + "seed and the figures of one run");
        }
        final Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (final Metric metric : Metric.values()) {
            values.put(metric, number(file, root, metric.field(), metric == Metric.ENERGY_PER_GOOD_UNIT));
        }
        final double seed = number(file, root, "seed", false);
        if (seed != Math.rint(seed)) {
            throw new ReportException(file, "field 'seed' must be a whole number, is " + root.get("seed"));
        }
        final double days = number(file, root, "days", false);
        if (!(days > 0)) {
            throw new ReportException(file, "field 'days' must be positive, is " + root.get("days"));
        }
        return new RunRecord(file, text(file, root, "scenario"), text(file, root, "policy"), (long) seed, days,
                values, energyByState(file, root), LineTimeReader.read(file, root));
    }

    /** Absent in results written before it was recorded: then empty. */
    private static Map<String, Double> energyByState(final Path file, final JsonNode root) throws ReportException {
        final JsonNode node = root.get(ENERGY_BY_STATE);
        return node == null ? Map.of() : byState(file, node, ENERGY_BY_STATE, "kWh");
    }

    /**
     * An object of machine state to a number ≥ 0, such as {@code energyKwhByState}.
     *
     * @param field where {@code node} is in the file, for the error
     */
    static Map<String, Double> byState(final Path file, final JsonNode node, final String field, final String unit)
            throws ReportException {
        if (!node.isObject()) {
            throw new ReportException(file, "field '" + field + "' must be an object of state to " + unit + ", is "
                    + node);
        }
        final Map<String, Double> byState = new java.util.TreeMap<>();
        final var fields = node.fields();
        while (fields.hasNext()) {
            final var entry = fields.next();
            final JsonNode value = entry.getValue();
            if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
                throw new ReportException(file, "field '" + field + "." + entry.getKey()
                        + "' must be a finite number ≥ 0 (" + unit + "), is " + value);
            }
            byState.put(entry.getKey(), value.doubleValue());
        }
        return byState;
    }

    private static String text(final Path file, final JsonNode root, final String field) throws ReportException {
        final JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new ReportException(file, node == null ? "missing field '" + field + "' (not a bench plant result?)"
                    : "field '" + field + "' must be a non-empty string, is " + node);
        }
        return node.asText();
    }

    static double number(final Path file, final JsonNode root, final String field, final boolean nanAllowed)
            throws ReportException {
        final JsonNode node = root.get(field);
        if (node == null) {
            throw new ReportException(file, "missing field '" + field + "' (not a bench plant result?)");
        }
        final double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual() && node.asText().equals("NaN")) {
            value = Double.NaN; // Jackson writes NaN as a string by default
        } else {
            throw new ReportException(file, "field '" + field + "' must be a number, is " + node);
        }
        if (Double.isNaN(value) ? !nanAllowed : Double.isInfinite(value) || value < 0) {
            throw new ReportException(file, "field '" + field + "' must be a finite number ≥ 0, is " + node);
        }
        return value;
    }
}
