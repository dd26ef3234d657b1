package io.twinloop.optimizer.maintenance.cmapss;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.twinloop.optimizer.maintenance.SignalHistory;
import io.twinloop.optimizer.maintenance.SignalHistory.Observation;

/**
 * NASA's C-MAPSS turbofan data (Saxena et al., PHM08): one text line per engine cycle, 26 numbers separated by
 * spaces: unit, cycle, operational settings 1..3, sensors 1..21. A unit's lines are consecutive with increasing
 * cycles. In a training file each unit runs until it fails; in a test file it stops some time before.
 *
 * <p>Read into one {@link SignalHistory} per unit, in ascending unit order, with signals named
 * {@code setting1..setting3, sensor1..sensor21} and the unit number as asset id.
 */
public final class CmapssFile {

    public static final int COLUMNS = 26;

    /** Signal names in file order (columns 3..26). */
    public static final List<String> SIGNALS = Stream.concat(
            IntStream.rangeClosed(1, 3).mapToObj(i -> "setting" + i),
            IntStream.rangeClosed(1, 21).mapToObj(i -> "sensor" + i)).toList();

    private CmapssFile() {
    }

    /**
     * Reads a whole file; nothing is returned unless every line is valid.
     *
     * @throws CmapssFormatException naming file, line and column of the first problem: a wrong number of columns,
     *     a value that is not a finite number, a unit or cycle that is not a positive whole number, a cycle not
     *     after the unit's previous one, a unit whose lines are not consecutive, or a file without any line
     * @throws IOException if the file cannot be read
     */
    public static List<SignalHistory> read(final Path file) throws IOException {
        final Map<Long, List<Observation>> units = new LinkedHashMap<>();
        long currentUnit = -1;
        long previousCycle = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                final String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                final String[] fields = trimmed.split("\\s+");
                if (fields.length != COLUMNS) {
                    throw new CmapssFormatException(file, lineNumber, 0, "expected " + COLUMNS
                            + " space-separated columns (unit, cycle, 3 settings, 21 sensors), found "
                            + fields.length);
                }
                final long unit = wholeNumber(file, lineNumber, 1, fields[0]);
                final long cycle = wholeNumber(file, lineNumber, 2, fields[1]);
                final double[] values = new double[COLUMNS - 2];
                for (int column = 3; column <= COLUMNS; column++) {
                    values[column - 3] = number(file, lineNumber, column, fields[column - 1]);
                }
                if (unit != currentUnit) {
                    if (units.containsKey(unit)) {
                        throw new CmapssFormatException(file, lineNumber, 1, "unit " + unit
                                + " appears again after unit " + currentUnit + "; a unit's lines must be consecutive");
                    }
                    units.put(unit, new ArrayList<>());
                    currentUnit = unit;
                } else if (cycle <= previousCycle) {
                    throw new CmapssFormatException(file, lineNumber, 2, "cycle " + cycle + " of unit " + unit
                            + " comes after cycle " + previousCycle + "; cycles must increase");
                }
                previousCycle = cycle;
                units.get(unit).add(new Observation(cycle, values));
            }
        }
        if (units.isEmpty()) {
            throw new CmapssFormatException(file, 0, 0, "no data lines");
        }
        return units.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> SignalHistory.of(Long.toString(entry.getKey()), SIGNALS, entry.getValue()))
                .toList();
    }

    private static double number(final Path file, final int line, final int column, final String text)
            throws CmapssFormatException {
        final double value;
        try {
            value = Double.parseDouble(text);
        } catch (final NumberFormatException e) {
            throw new CmapssFormatException(file, line, column, columnName(column) + ": '" + text
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new CmapssFormatException(file, line, column, columnName(column) + ": '" + text
                    + "' is not a finite number");
        }
        return value;
    }

    private static long wholeNumber(final Path file, final int line, final int column, final String text)
            throws CmapssFormatException {
        final double value = number(file, line, column, text);
        if (value < 1 || value != Math.rint(value) || value > Long.MAX_VALUE) {
            throw new CmapssFormatException(file, line, column, columnName(column) + ": '" + text
                    + "' is not a positive whole number");
        }
        return (long) value;
    }

    /** The column's meaning as the C-MAPSS readme numbers it. */
    static String columnName(final int column) {
        if (column == 1) {
            return "unit";
        }
        if (column == 2) {
            return "cycle";
        }
        return SIGNALS.get(column - 3);
    }
}
