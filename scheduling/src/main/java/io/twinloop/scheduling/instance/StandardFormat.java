package io.twinloop.scheduling.instance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.twinloop.scheduling.jobshop.JobShop;

/**
 * The standard job-shop format of OR-Library and JSPLIB: a line {@code jobs machines}, then one line per job with
 * {@code machine duration} pairs in route order, machines numbered from 0. JSPLIB files hold one instance after
 * {@code #} comment lines; OR-Library's {@code jobshop1.txt} holds many, each after a line {@code instance NAME}
 * and a line of description.
 */
public final class StandardFormat {

    private StandardFormat() {
    }

    /** One instance (JSPLIB layout), named after the file. */
    public static JobShop read(final Path file) {
        final Lines lines = Lines.of(file);
        final JobShop shop = readBody(lines, file.getFileName().toString());
        while (lines.hasNext()) {
            final String line = lines.next();
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                throw lines.error("unexpected content after the last job: '" + line.strip() + "'");
            }
        }
        return shop;
    }

    /** Every instance of an OR-Library collection file, by name, in file order. */
    public static Map<String, JobShop> readLibrary(final Path file) {
        final Lines lines = Lines.of(file);
        final Map<String, JobShop> shops = new LinkedHashMap<>();
        while (lines.hasNext()) {
            final String line = lines.next().strip();
            if (!line.startsWith("instance ")) {
                continue;
            }
            final String name = line.substring("instance ".length()).strip();
            final int headerLine = lines.lineNumber();
            if (name.isEmpty() || shops.containsKey(name)) {
                throw lines.error(name.isEmpty() ? "instance without a name" : "instance " + name + " appears twice");
            }
            // between the name and the size come separator and description lines: skip to the first numeric line
            String sizeLine;
            do {
                sizeLine = lines.nextContent("the size line of instance " + name + " (from line " + headerLine + ")");
            } while (!sizeLine.strip().matches("\\d+\\s+\\d+"));
            shops.put(name, readRows(lines, name, sizeLine));
        }
        if (shops.isEmpty()) {
            throw new InstanceFormatException(file, 0, "no 'instance NAME' line: not an OR-Library collection");
        }
        return shops;
    }

    private static JobShop readBody(final Lines lines, final String name) {
        return readRows(lines, name, lines.nextContent("the size line 'jobs machines'"));
    }

    private static JobShop readRows(final Lines lines, final String name, final String sizeLine) {
        final int[] size = lines.integers(sizeLine, 2, "jobs machines");
        final int jobs = size[0];
        final int machines = size[1];
        if (jobs < 1 || machines < 1) {
            throw lines.error("jobs and machines must be at least 1, got " + jobs + " " + machines);
        }
        final int[][] machineRows = new int[jobs][machines];
        final int[][] durationRows = new int[jobs][machines];
        for (int j = 0; j < jobs; j++) {
            final int[] pairs = lines.integers(lines.nextContent("job " + j + " of " + jobs), 2 * machines,
                    "job " + j + ": " + machines + " machine/duration pairs");
            for (int k = 0; k < machines; k++) {
                machineRows[j][k] = pairs[2 * k];
                durationRows[j][k] = pairs[2 * k + 1];
                if (pairs[2 * k] < 0 || pairs[2 * k] >= machines) {
                    throw lines.error("job " + j + " operation " + k + ": machine " + pairs[2 * k] + " outside 0.."
                            + (machines - 1));
                }
                if (pairs[2 * k + 1] < 0) {
                    throw lines.error("job " + j + " operation " + k + ": negative duration " + pairs[2 * k + 1]);
                }
            }
        }
        return JobShop.of(name, machines, machineRows, durationRows);
    }
}
