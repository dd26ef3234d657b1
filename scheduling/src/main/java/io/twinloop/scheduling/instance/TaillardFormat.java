package io.twinloop.scheduling.instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.twinloop.scheduling.jobshop.JobShop;

/**
 * Taillard's original files ({@code tai015_15.txt}: ten instances each): a header line, a line
 * {@code jobs machines time-seed machine-seed upper-bound lower-bound}, {@code Times} and one line of durations per
 * job, {@code Machines} and one line of machines per job, numbered from 1. Instance k (from 1) of a file is named
 * {@code <file>#k}; Taillard's ta01..ta80 are the files' instances in order.
 */
public final class TaillardFormat {

    private TaillardFormat() {
    }

    /** One instance of a Taillard file, with the bounds the file states. */
    public record TaillardInstance(JobShop shop, int upperBound, int lowerBound) {
    }

    public static List<TaillardInstance> read(final Path file) {
        final Lines lines = Lines.of(file);
        final List<TaillardInstance> instances = new ArrayList<>();
        while (lines.hasNext()) {
            final String header = lines.next();
            if (header.isBlank()) {
                continue;
            }
            if (!header.strip().startsWith("Nb of jobs")) {
                throw lines.error("expected the header 'Nb of jobs, Nb of Machines, ...', found '" + header.strip() + "'");
            }
            final int[] values = lines.integers(lines.nextContent("the size line"), 6,
                    "jobs machines time-seed machine-seed upper-bound lower-bound");
            final int jobs = values[0];
            final int machines = values[1];
            if (jobs < 1 || machines < 1) {
                throw lines.error("jobs and machines must be at least 1, got " + jobs + " " + machines);
            }
            expectKeyword(lines, "Times");
            final int[][] durations = new int[jobs][];
            for (int j = 0; j < jobs; j++) {
                durations[j] = lines.integers(lines.nextContent("durations of job " + j), machines,
                        "durations of job " + j);
                for (int k = 0; k < machines; k++) {
                    if (durations[j][k] < 0) {
                        throw lines.error("job " + j + " operation " + k + ": negative duration " + durations[j][k]);
                    }
                }
            }
            expectKeyword(lines, "Machines");
            final int[][] machineRows = new int[jobs][];
            for (int j = 0; j < jobs; j++) {
                final int[] row = lines.integers(lines.nextContent("machines of job " + j), machines,
                        "machines of job " + j);
                for (int k = 0; k < machines; k++) {
                    if (row[k] < 1 || row[k] > machines) {
                        throw lines.error("job " + j + " operation " + k + ": machine " + row[k] + " outside 1.."
                                + machines + " (Taillard numbers machines from 1)");
                    }
                    row[k]--;
                }
                machineRows[j] = row;
            }
            final String name = lines.file().getFileName() + "#" + (instances.size() + 1);
            instances.add(new TaillardInstance(JobShop.of(name, machines, machineRows, durations), values[4], values[5]));
        }
        if (instances.isEmpty()) {
            throw new InstanceFormatException(lines.file(), 0, "no instance in the file");
        }
        return instances;
    }

    private static void expectKeyword(final Lines lines, final String keyword) {
        final String line = lines.nextContent("'" + keyword + "'");
        if (!line.strip().equalsIgnoreCase(keyword)) {
            throw lines.error("expected '" + keyword + "', found '" + line.strip() + "'");
        }
    }
}
