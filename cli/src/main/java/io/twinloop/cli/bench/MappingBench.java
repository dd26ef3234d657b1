package io.twinloop.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.mapping.EnvironmentAssembler;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench mapping}: AAS to things and back, measured in the same run and on the same files as
 * aas4j's plain deserialization, so the overhead of the mapping is a ratio that does not depend on the machine.
 * Rounds alternate the order of the phases; the figures are the medians over the measured rounds.
 */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Throughput of AAS -> things and things -> AAS against aas4j's plain parsing of the same files.")
public final class MappingBench implements Callable<Integer> {

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "folder searched recursively for .json, .xml and .aasx AAS files "
                    + "(default: ../shared/corpus/aas, looked up from the working folder upwards)")
    private Path corpus;

    @Option(names = "--rounds", defaultValue = "5", description = "measured rounds (default ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--warmup", defaultValue = "3", description = "warm-up rounds (default ${DEFAULT-VALUE})")
    private int warmup;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final Path folder = corpus != null ? corpus : CorpusLocator.find("aas").orElse(null);
        if (folder == null || !Files.isDirectory(folder)) {
            spec.commandLine().getErr().println("error: no corpus folder (pass --corpus DIR; the default is "
                    + "../shared/corpus/aas, which is not present here)");
            return TwinLoop.EXIT_REFUSED;
        }
        final List<BenchFile> files = load(folder, out);
        final Map<AasFormat, List<Phases>> samples = new EnumMap<>(AasFormat.class);
        for (int round = 0; round < warmup + rounds; round++) {
            final boolean measured = round >= warmup;
            for (final AasFormat format : AasFormat.values()) {
                final List<BenchFile> ofFormat = files.stream().filter(f -> f.format() == format).toList();
                if (ofFormat.isEmpty()) {
                    continue;
                }
                final Phases phases = measure(ofFormat, round % 2 == 1);
                if (measured) {
                    samples.computeIfAbsent(format, f -> new ArrayList<>()).add(phases);
                }
            }
            out.printf("round %d/%d%s done%n", round + 1, warmup + rounds, measured ? "" : " (warm-up)");
            out.flush();
        }
        report(out, files, samples);
        return TwinLoop.EXIT_OK;
    }

    private List<BenchFile> load(final Path folder, final PrintWriter out) throws IOException {
        final List<BenchFile> files = new ArrayList<>();
        int refused = 0;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (final Path path : walk.filter(Files::isRegularFile).filter(MappingBench::isAasFile).sorted().toList()) {
                try {
                    final BenchFile file = BenchFile.load(path);
                    ThingMapper.of(unlimited()).map(List.of(file.read()));
                    files.add(file);
                } catch (RuntimeException e) {
                    refused++;
                }
            }
        }
        out.printf("corpus %s: %d files, %d left out (refused by TwinLoop's reader or not parseable by aas4j)%n",
                folder, files.size(), refused);
        return files;
    }

    /** One round over one format's files; which reader goes first alternates between rounds. */
    private static Phases measure(final List<BenchFile> files, final boolean readFirst) {
        long parseNanos = 0;
        long readNanos = 0;
        final List<AasPackage> read = new ArrayList<>(files.size());
        for (int pass = 0; pass < 2; pass++) {
            final long start = System.nanoTime();
            if (pass == 0 == readFirst) {
                files.forEach(file -> read.add(file.read()));
                readNanos = System.nanoTime() - start;
            } else {
                files.forEach(BenchFile::parse);
                parseNanos = System.nanoTime() - start;
            }
        }
        final ThingMapper mapper = ThingMapper.of(unlimited());
        final List<ImportResult> mapped = new ArrayList<>(read.size());
        final long mapStart = System.nanoTime();
        for (final AasPackage aasPackage : read) {
            mapped.add(mapper.map(List.of(aasPackage)));
        }
        final long mapNanos = System.nanoTime() - mapStart;
        final EnvironmentAssembler assembler = EnvironmentAssembler.newInstance();
        final long assembleStart = System.nanoTime();
        for (final ImportResult result : mapped) {
            assembler.assemble(result.things());
        }
        return new Phases(parseNanos, readNanos, mapNanos, System.nanoTime() - assembleStart);
    }

    private static void report(final PrintWriter out, final List<BenchFile> files,
            final Map<AasFormat, List<Phases>> samples) {
        out.println();
        out.println("format  files  submodels     MB | parse ms  read ms  map ms  back ms | map/parse  "
                + "(read+map)/parse  back/parse | map submodels/s  map MB/s");
        for (final Map.Entry<AasFormat, List<Phases>> entry : samples.entrySet()) {
            final List<BenchFile> ofFormat = files.stream().filter(f -> f.format() == entry.getKey()).toList();
            final int submodels = ofFormat.stream().mapToInt(BenchFile::submodels).sum();
            final double megabytes = ofFormat.stream().mapToLong(BenchFile::size).sum() / 1e6;
            final double parse = median(entry.getValue(), Phases::parseNanos) / 1e6;
            final double read = median(entry.getValue(), Phases::readNanos) / 1e6;
            final double map = median(entry.getValue(), Phases::mapNanos) / 1e6;
            final double back = median(entry.getValue(), Phases::assembleNanos) / 1e6;
            out.printf(Locale.ROOT, "%-6s %6d %10d %6.1f | %8.0f %8.0f %7.0f %8.0f | %9.2f %17.2f %11.2f | %15.0f %9.1f%n",
                    entry.getKey(), ofFormat.size(), submodels, megabytes, parse, read, map, back, map / parse,
                    (read + map) / parse, back / parse, submodels / (map / 1e3), megabytes / (map / 1e3));
        }
        out.println("parse = eclipse-aas4j's plain deserialization of the file's bytes (the baseline); read = "
                + "TwinLoop's checked reader (zip guards, syntax and version checks, XML through aas-core); "
                + "map = AAS -> Ditto things, checked with Ditto's validators; back = things -> AAS model. "
                + "Medians of the measured rounds.");
    }

    private static double median(final List<Phases> phases, final java.util.function.ToLongFunction<Phases> which) {
        final long[] values = phases.stream().mapToLong(which).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2.0;
    }

    private static MappingOptions unlimited() {
        return new MappingOptions("bench", 0, true);
    }

    private static boolean isAasFile(final Path path) {
        final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".xml") || name.endsWith(".aasx");
    }

    /** Nanoseconds spent in each phase of one round over one format's files. */
    private record Phases(long parseNanos, long readNanos, long mapNanos, long assembleNanos) {
    }
}
