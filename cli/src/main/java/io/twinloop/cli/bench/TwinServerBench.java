package io.twinloop.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.twin.DemoPlant;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.SearchQuery;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.server.TwinServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench twin-server}: acknowledged property modifications per second over HTTP against the embedded
 * twin server (each write waits for {@code twin-persisted}, i.e. its fsync), with latency percentiles at a stated
 * concurrency; and the footprint: start-up time to the first served request and heap with N things of the demo's size.
 * Server and load generator share this JVM and the machine's cores, as they would on a single-machine install.
 */
@Command(name = "twin-server", mixinStandardHelpOptions = true,
        description = "Throughput, latency and footprint of the embedded twin server over HTTP.")
public final class TwinServerBench implements Callable<Integer> {

    @Option(names = "--concurrency", defaultValue = "16", description = "writers in parallel (default ${DEFAULT-VALUE})")
    private int concurrency;

    @CommandLine.Mixin
    private MeasuredWindow window;

    @Option(names = "--footprint-things", defaultValue = "10000",
            description = "things of the demo's size for the footprint figures (default ${DEFAULT-VALUE}; 0 skips)")
    private int footprintThings;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data folder for the server (kept afterwards, e.g. to time starts on it again with "
                    + "--cold-start-only); default: a temporary folder, deleted at the end")
    private Path keptData;

    @Option(names = "--cold-start-only", description = "only time a new JVM's start on the --data folder, which "
            + "holds things from an earlier run")
    private boolean coldStartOnly;

    @Option(names = "--cold-start-java-option", paramLabel = "OPTION",
            description = "JVM option for the new JVM whose start is timed (repeatable), e.g. -XX:TieredStopAtLevel=1")
    private List<String> coldStartJavaOptions = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        if (coldStartOnly) {
            if (keptData == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--cold-start-only needs --data DIR");
            }
            out.println("start-up on " + keptData + ", "
                    + ColdStart.measure(keptData, BenchServer.USER, "bench:thing-0", coldStartJavaOptions));
            return TwinLoop.EXIT_OK;
        }
        final Path data = keptData != null ? java.nio.file.Files.createDirectories(keptData)
                : BenchServer.createDataFolder();
        final TwinServerConfig config = BenchServer.config(data);
        try {
            final long startNanos = System.nanoTime();
            try (BenchServer server = BenchServer.start(config)) {
                final DittoClient client = server.client();
                client.retrieve(TwinPath.thing(ThingId.of("bench:none")), RequestOptions.none())
                        .exceptionally(e -> null).join();
                out.printf(Locale.ROOT, "start-up to first served request (empty data folder): %.0f ms%n",
                        (System.nanoTime() - startNanos) / 1e6);
                out.println(DiskProbe.measure(data));
                throughput(client, out);
                if (footprintThings > 0) {
                    heapWithThings(client, out);
                }
            }
            if (footprintThings > 0) {
                final long restart = System.nanoTime();
                try (BenchServer server = BenchServer.start(config)) {
                    server.client().retrieveThing(ThingId.of("bench:thing-0")).join();
                    out.printf(Locale.ROOT, "start-up to first served request with %d things on disk: %.0f ms%n",
                            footprintThings, (System.nanoTime() - restart) / 1e6);
                }
                out.println("start-up with " + footprintThings + " things on disk, "
                        + ColdStart.measure(data, BenchServer.USER, "bench:thing-0", coldStartJavaOptions));
            }
            return TwinLoop.EXIT_OK;
        } finally {
            if (keptData == null) {
                BenchServer.deleteDataFolder(data);
            }
        }
    }

    private void throughput(final DittoClient client, final PrintWriter out) throws Exception {
        final Thing template = DemoPlant.things().get(0).thing();
        for (int i = 0; i < concurrency; i++) {
            client.putThing(template.toBuilder().setId(ThingId.of("bench:writer-" + i)).build(), RequestOptions.none()).join();
        }
        final RequestOptions persisted = RequestOptions.none().requestedAcks("twin-persisted");
        final ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        final AtomicBoolean measuring = new AtomicBoolean(false);
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Future<Latencies.Recorder>> results = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            final TwinPath path = TwinPath.thing(ThingId.of("bench:writer-" + w))
                    .property("OperationalData", JsonPointer.of("PartsProduced"));
            results.add(writers.submit(() -> {
                final Latencies.Recorder recorder = new Latencies.Recorder();
                for (long n = 0; running.get(); n++) {
                    final long start = System.nanoTime();
                    client.put(path, JsonValue.of(n), persisted).join();
                    if (measuring.get()) {
                        recorder.add(System.nanoTime() - start);
                    }
                }
                return recorder;
            }));
        }
        final MeasuredWindow.Measured measured = window.measure(measuring);
        final double elapsed = measured.seconds();
        final CpuMeter.Reading cpuReading = measured.cpu();
        running.set(false);
        final List<Latencies.Recorder> recorders = new ArrayList<>();
        for (final Future<Latencies.Recorder> result : results) {
            recorders.add(result.get());
        }
        writers.shutdown();
        final Latencies latencies = Latencies.of(recorders);
        out.printf(Locale.ROOT, "HTTP PUT property with requested-acks=twin-persisted, %d writers, %d s: "
                + "%.0f acknowledged modifications/s, %s%n",
                concurrency, window.seconds(), latencies.count() / elapsed, latencies.summary());
        out.println(cpuReading.perOperation(latencies.count(), "modification"));
    }

    private void heapWithThings(final DittoClient client, final PrintWriter out) {
        final MappedThing template = DemoPlant.things().get(0);
        final long before = usedHeap();
        final long start = System.nanoTime();
        for (int i = 0; i < footprintThings; i++) {
            client.putThing(template.thing().toBuilder().setId(ThingId.of("bench:thing-" + i)).build(), RequestOptions.none()).join();
            if ((i + 1) % 2000 == 0) {
                out.printf("  %d/%d things written%n", i + 1, footprintThings);
                out.flush();
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "heap for %d things of the demo's size (%.1f kB JSON each): %.0f MB "
                + "(written in %.1f s)%n", footprintThings, template.jsonBytes() / 1024.0,
                (usedHeap() - before) / 1e6, seconds);
        searchOver(client, out);
    }

    /** How long finding twins takes over all the things just written: a count and a filtered, sorted page. */
    private void searchOver(final DittoClient client, final PrintWriter out) {
        final SearchQuery count = SearchQuery.all().filter("eq(attributes/aas/idShort,\"CNC01\")");
        final SearchQuery page = SearchQuery.all().filter("gt(features/OperationalData/properties/PartsProduced,0)")
                .sort("-thingId").size(25);
        final long[] nanos = new long[2];
        for (int round = 0; round < 3; round++) { // the last round counts: the first ones warm up
            long start = System.nanoTime();
            client.count(count).join();
            nanos[0] = System.nanoTime() - start;
            start = System.nanoTime();
            client.search(page).join();
            nanos[1] = System.nanoTime() - start;
        }
        out.printf(Locale.ROOT, "search over %d things: count with a filter %.0f ms, a filtered and sorted page of 25 "
                + "%.0f ms%n", footprintThings, nanos[0] / 1e6, nanos[1] / 1e6);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
