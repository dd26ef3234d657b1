package io.twinloop.scenarios.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a result's {@link LineTime}: {@code staffedHours}, {@code speedBound.max} and {@code machineTime}, all three
 * or none (results written before they were recorded). Every problem names the field's path in the file.
 */
final class LineTimeReader {

    private static final String STAFFED = "staffedHours";
    private static final String BOUND = "speedBound";
    private static final String MACHINES = "machineTime";
    private static final List<String> FIELDS = List.of(STAFFED, BOUND, MACHINES);

    private LineTimeReader() {
    }

    static Optional<LineTime> read(final Path file, final JsonNode root) throws ReportException {
        final long present = FIELDS.stream().filter(root::has).count();
        if (present == 0) {
            return Optional.empty();
        }
        for (final String field : FIELDS) {
            if (!root.has(field)) {
                throw new ReportException(file, "missing field '" + field + "': a result with "
                        + String.join(", ", FIELDS.stream().filter(root::has).toList()) + " must carry all of "
                        + String.join(", ", FIELDS));
            }
        }
        final double staffed = ResultReader.number(file, root, STAFFED, false);
        final JsonNode bound = root.get(BOUND);
        if (!bound.isObject()) {
            throw new ReportException(file, "field '" + BOUND + "' must be an object with min and max (%), is "
                    + bound);
        }
        final double max = number(file, bound.get("max"), BOUND + ".max", false);
        final JsonNode machines = root.get(MACHINES);
        if (!machines.isObject() || machines.isEmpty()) {
            throw new ReportException(file, "field '" + MACHINES + "' must be an object of machine id to its hours, "
                    + "is " + machines);
        }
        final Map<String, LineTime.Machine> byMachine = new LinkedHashMap<>();
        final var entries = machines.fields();
        while (entries.hasNext()) {
            final var entry = entries.next();
            final String path = MACHINES + "." + entry.getKey();
            final JsonNode machine = entry.getValue();
            if (!machine.isObject() || !machine.has("hoursByState")) {
                throw new ReportException(file, "field '" + path + "' must be an object with hoursByState and "
                        + "runningSpeedPercent, is " + machine);
            }
            byMachine.put(entry.getKey(), new LineTime.Machine(
                    ResultReader.byState(file, machine.get("hoursByState"), path + ".hoursByState", "hours"),
                    number(file, machine.get("runningSpeedPercent"), path + ".runningSpeedPercent", true)));
        }
        return Optional.of(new LineTime(staffed, max, byMachine));
    }

    /** Jackson writes NaN as the string "NaN". */
    private static double number(final Path file, final JsonNode node, final String path, final boolean nanAllowed)
            throws ReportException {
        if (node == null) {
            throw new ReportException(file, "missing field '" + path + "'");
        }
        final double value = node.isNumber() ? node.doubleValue()
                : node.isTextual() && node.asText().equals("NaN") ? Double.NaN : -1;
        if (Double.isNaN(value) ? !nanAllowed : Double.isInfinite(value) || value < 0) {
            throw new ReportException(file, "field '" + path + "' must be a finite number ≥ 0"
                    + (nanAllowed ? " or NaN" : "") + ", is " + node);
        }
        return value;
    }
}
