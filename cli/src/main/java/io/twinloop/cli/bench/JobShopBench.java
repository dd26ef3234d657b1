package io.twinloop.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.twinloop.cli.TwinLoop;
import io.twinloop.scheduling.instance.BestKnown;
import io.twinloop.scheduling.instance.InstanceSelection;
import io.twinloop.scheduling.instance.JobShopCorpus;
import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.ScheduleValidator;
import io.twinloop.scheduling.solver.CpSatSolver;
import io.twinloop.scheduling.solver.HybridSolver;
import io.twinloop.scheduling.solver.JobShopSolver;
import io.twinloop.scheduling.solver.SolveRequest;
import io.twinloop.scheduling.solver.SolverResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench jssp}: scheduling quality as the makespan gap to the best known value within a fixed time
 * budget per instance. The reference (CP-SAT, standard model, 2 workers) and the improved solver run on every
 * instance in the same run, alternating which goes first, so machine load affects both alike.
 */
@Command(name = "jssp", mixinStandardHelpOptions = true,
        description = "Job-shop makespan gap to the best known value: CP-SAT reference vs TwinLoop's hybrid solver.")
public final class JobShopBench implements Callable<Integer> {

    static final String CSV_HEADER = "run,instance,family,jobs,machines,solver,budget_seconds,seed,makespan,"
            + "best_known,lower_bound_known,gap_percent,solver_lower_bound,proven_optimal,wall_ms,load_average";

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "job-shop corpus with optima.csv and jsplib/instances/ (default: ../shared/corpus/jssp, "
                    + "looked up from the working folder upwards)")
    private Path corpus;

    @Option(names = "--instances", defaultValue = "ft10,la01-la40,ta01-ta10",
            description = "instances, ranges allowed (default ${DEFAULT-VALUE})")
    private String instances;

    @Option(names = "--seconds", defaultValue = "10", description = "time budget per instance and solver "
            + "(default ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--runs", defaultValue = "1", description = "repeated runs, seeds seed..seed+runs-1 "
            + "(default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the first run (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--improved", defaultValue = "1:1:0.1", paramLabel = "TABU:CPSAT[:SHARE]",
            description = "the improved solver: tabu search threads, CP-SAT workers and the share of the budget CP-SAT "
                    + "runs before its thread turns to tabu search too (default ${DEFAULT-VALUE}; keep threads + "
                    + "workers at 2 to match the reference)")
    private String improved;

    @Option(names = "--out", defaultValue = "target/jssp-bench.csv", description = "CSV of every solve "
            + "(default ${DEFAULT-VALUE}, its folder is created)")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter console = spec.commandLine().getOut();
        final Path folder = corpus != null ? corpus : CorpusLocator.find("jssp").orElse(null);
        if (folder == null || !Files.isDirectory(folder)) {
            spec.commandLine().getErr().println("error: no job-shop corpus (pass --corpus DIR; the default is "
                    + "../shared/corpus/jssp, which is not present here)");
            return TwinLoop.EXIT_REFUSED;
        }
        if (seconds <= 0 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be positive and --runs at least 1");
        }
        final JobShopCorpus shops = JobShopCorpus.at(folder);
        final List<String> names = InstanceSelection.parse(instances);
        final Map<String, JobShop> loaded = new LinkedHashMap<>();
        for (final String name : names) {
            if (shops.bestKnown(name).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no best known value for '" + name
                        + "' in " + folder.resolve("optima.csv"));
            }
            loaded.put(name, shops.load(name));
        }
        final List<JobShopSolver> solvers = List.of(CpSatSolver.reference(), improvedSolver());
        CpSatSolver.loadNativeLibraries(); // not inside the first timed solve
        final Duration budget = Duration.ofMillis(Math.round(seconds * 1000));
        console.printf(Locale.ROOT, "jssp: %d instances x %d solvers x %.1f s x %d run(s), %d cores, load average %.2f%n",
                names.size(), solvers.size(), seconds, runs, Runtime.getRuntime().availableProcessors(), load());
        console.flush();

        final Path partial = out.resolveSibling(out.getFileName() + ".part");
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        final List<Row> rows;
        try (Writer csv = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            rows = measure(console, csv, shops, loaded, solvers, budget);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial); // no half-written results under the final name, nor beside it
            throw e;
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
        summarize(console, rows, solvers);
        console.printf(Locale.ROOT, "load average at the end %.2f; every solve's row is in %s%n", load(),
                out.toAbsolutePath());
        return TwinLoop.EXIT_OK;
    }

    /** Every run over every instance, both solvers per instance, alternating which goes first. */
    private List<Row> measure(final PrintWriter console, final Writer csv, final JobShopCorpus shops,
            final Map<String, JobShop> loaded, final List<JobShopSolver> solvers, final Duration budget)
            throws IOException {
        final List<Row> rows = new ArrayList<>();
        csv.write(CSV_HEADER + "\n");
        for (int run = 0; run < runs; run++) {
            int index = 0;
            for (final Map.Entry<String, JobShop> entry : loaded.entrySet()) {
                final BestKnown best = shops.bestKnown(entry.getKey()).orElseThrow();
                final StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "run %d (seed %d) %-5s %2dx%-2d bk %5d", run + 1, seed + run, entry.getKey(), best.jobs(),
                        best.machines(), best.makespan()));
                // alternate who goes first so a change of load between the two solves does not favour one
                final boolean referenceFirst = (index++ + run) % 2 == 0;
                final Row[] pair = new Row[2];
                for (int k = 0; k < 2; k++) {
                    final int which = referenceFirst ? k : 1 - k;
                    pair[which] = solve(solvers.get(which), entry.getValue(), best, run, budget);
                    csv.write(pair[which].csv() + "\n");
                }
                csv.flush();
                for (final Row row : pair) {
                    rows.add(row);
                    line.append(String.format(Locale.ROOT, " | %-19s %5d %6.2f%%%s", row.solver, row.makespan,
                            row.gap, row.optimal ? " opt" : "    "));
                }
                console.println(line);
                console.flush();
            }
        }
        return rows;
    }

    private JobShopSolver improvedSolver() {
        final String[] parts = improved.split(":");
        try {
            final HybridSolver solver = HybridSolver.of(Integer.parseInt(parts[0].strip()),
                    Integer.parseInt(parts[1].strip()));
            return parts.length > 2 ? solver.withCpSatShare(Double.parseDouble(parts[2].strip())) : solver;
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--improved must be TABU:CPSAT[:SHARE], e.g. "
                    + "1:1:0.1, got '" + improved + "'");
        }
    }

    private Row solve(final JobShopSolver solver, final JobShop shop, final BestKnown best, final int run,
            final Duration budget) {
        final long runSeed = seed + run;
        final SolverResult result = solver.solve(shop, SolveRequest.of(budget).withSeed(runSeed));
        // the schedule type already refuses invalid start times; the bench checks again, independently of the solver
        if (!ScheduleValidator.violations(shop, result.best().starts()).isEmpty()) {
            throw new IllegalStateException(solver.name() + " returned an invalid schedule for " + shop.name());
        }
        return new Row(run + 1, best, solver.name(), budget.toMillis() / 1000.0, runSeed, result.makespan(),
                best.gapPercent(result.makespan()), result.lowerBound(), result.optimal(), result.wallTime().toMillis(),
                load());
    }

    private static void summarize(final PrintWriter console, final List<Row> rows, final List<JobShopSolver> solvers) {
        console.println();
        console.println("family solver               runs  mean gap %  range of run means  max gap %  at best known");
        final Map<String, List<Row>> byFamily = new TreeMap<>();
        for (final Row row : rows) {
            byFamily.computeIfAbsent(InstanceSelection.family(row.best.instance()), f -> new ArrayList<>()).add(row);
        }
        for (final Map.Entry<String, List<Row>> family : byFamily.entrySet()) {
            for (final JobShopSolver solver : solvers) {
                final Map<Integer, List<Row>> byRun = new TreeMap<>();
                family.getValue().stream().filter(r -> r.solver.equals(solver.name()))
                        .forEach(r -> byRun.computeIfAbsent(r.run, k -> new ArrayList<>()).add(r));
                final double[] means = byRun.values().stream()
                        .mapToDouble(list -> list.stream().mapToDouble(r -> r.gap).average().orElse(0)).toArray();
                final double min = java.util.Arrays.stream(means).min().orElse(0);
                final double max = java.util.Arrays.stream(means).max().orElse(0);
                final double maxGap = byRun.values().stream().flatMap(List::stream).mapToDouble(r -> r.gap).max()
                        .orElse(0);
                final long atBest = byRun.values().stream().flatMap(List::stream).filter(r -> r.gap <= 0).count();
                final long total = byRun.values().stream().mapToLong(List::size).sum();
                console.printf(Locale.ROOT, "%-6s %-20s %4d  %10.2f  %18s  %9.2f  %d/%d%n", family.getKey(),
                        solver.name(), means.length, mean(means),
                        String.format(Locale.ROOT, "%.2f-%.2f", min, max), maxGap, atBest, total);
            }
        }
    }

    private static double mean(final double[] values) {
        return java.util.Arrays.stream(values).average().orElse(0);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One solve: one CSV line. */
    private record Row(int run, BestKnown best, String solver, double budgetSeconds, long seed, int makespan,
            double gap, int solverLowerBound, boolean optimal, long wallMillis, double loadAverage) {

        String csv() {
            return String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%s,%.1f,%d,%d,%d,%d,%.3f,%d,%b,%d,%.2f", run,
                    best.instance(), InstanceSelection.family(best.instance()), best.jobs(), best.machines(), solver,
                    budgetSeconds, seed, makespan, best.makespan(), best.lowerBound(), gap, solverLowerBound, optimal,
                    wallMillis, loadAverage);
        }
    }
}
