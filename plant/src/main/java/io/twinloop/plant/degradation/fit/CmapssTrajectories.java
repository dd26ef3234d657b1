package io.twinloop.plant.degradation.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run-to-failure trajectories in NASA's C-MAPSS text format: one row per engine cycle, 26 space-separated columns
 * (unit, cycle, three operational settings, sensors 1..21). In a training file every unit runs until it fails, so
 * its last cycle is its life.
 */
public final class CmapssTrajectories {

    private static final int COLUMNS = 26;
    private static final int FIRST_SENSOR_COLUMN = 5;

    private final Map<Integer, List<double[]>> rowsByUnit;

    private CmapssTrajectories(final Map<Integer, List<double[]>> rowsByUnit) {
        this.rowsByUnit = rowsByUnit;
    }

    /** Reads a C-MAPSS file; a malformed line is reported with its number. */
    public static CmapssTrajectories read(final Path file) throws IOException {
        final Map<Integer, List<double[]>> rows = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                final String[] fields = trimmed.split("\\s+");
                if (fields.length != COLUMNS) {
                    throw new IOException(file + ":" + lineNumber + ": expected " + COLUMNS + " columns, found "
                            + fields.length);
                }
                final double[] row = new double[COLUMNS];
                try {
                    for (int i = 0; i < COLUMNS; i++) {
                        row[i] = Double.parseDouble(fields[i]);
                    }
                } catch (final NumberFormatException e) {
                    throw new IOException(file + ":" + lineNumber + ": not a number: " + e.getMessage(), e);
                }
                rows.computeIfAbsent((int) row[0], unit -> new ArrayList<>()).add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no trajectories");
        }
        return new CmapssTrajectories(rows);
    }

    public int unitCount() {
        return rowsByUnit.size();
    }

    /** Each unit's life in cycles (its last cycle), in unit order. */
    public double[] lives() {
        return rowsByUnit.values().stream().mapToDouble(rows -> rows.get(rows.size() - 1)[1]).toArray();
    }

    /** Per unit: the fraction of its life at each cycle ({@code cycle / life}) and the sensor's readings. */
    public List<Trajectory> sensor(final int sensor) {
        if (sensor < 1 || sensor > COLUMNS - FIRST_SENSOR_COLUMN) {
            throw new IllegalArgumentException("C-MAPSS sensors are numbered 1..21, not " + sensor);
        }
        final List<Trajectory> trajectories = new ArrayList<>();
        for (final List<double[]> rows : rowsByUnit.values()) {
            final double life = rows.get(rows.size() - 1)[1];
            final double[] fraction = new double[rows.size()];
            final double[] value = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                fraction[i] = rows.get(i)[1] / life;
                value[i] = rows.get(i)[FIRST_SENSOR_COLUMN + sensor - 1];
            }
            trajectories.add(new Trajectory(fraction, value));
        }
        return trajectories;
    }

    /** One unit's readings of one sensor against its life fraction. */
    public record Trajectory(double[] lifeFraction, double[] value) {
    }
}
