package io.twinloop.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.twin.DemoPlant;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinCommands;
import io.twinloop.twin.client.TwinPath;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench ws-commands}: acknowledged property modifications per second over Ditto Protocol commands
 * on the WebSocket ({@code requested-acks=twin-persisted}, so every response comes after its fsync) against the
 * embedded twin server, with N connections each keeping M commands in flight, and their latency percentiles. The
 * WebSocket counterpart of {@code bench twin-server}'s HTTP figure, where the project's throughput goal is set.
 */
@Command(name = "ws-commands", mixinStandardHelpOptions = true,
        description = "Acknowledged modifications/s and latency of twin commands over the WebSocket.")
public final class WebSocketCommandsBench implements Callable<Integer> {

    @Option(names = "--connections", defaultValue = "1", description = "WebSocket connections (default ${DEFAULT-VALUE})")
    private int connections;

    @Option(names = "--in-flight", defaultValue = "16",
            description = "commands each connection keeps waiting for responses (default ${DEFAULT-VALUE})")
    private int inFlight;

    @Option(names = "--things", defaultValue = "16",
            description = "things written to, round robin (default ${DEFAULT-VALUE}, as many as bench twin-server "
                    + "writes; the server keeps the 64 most recently written things parsed, more cost it a parse each)")
    private int things;

    @Option(names = "--load-generator", defaultValue = "twin-client", paramLabel = "twin-client|raw",
            description = "who sends the commands: TwinLoop's twin client, which reads and builds every envelope with "
                    + "Ditto's protocol library (default), or raw: the JDK's WebSocket with envelopes from a text "
                    + "template, to see what the server does when its client costs next to nothing")
    private String loadGenerator;

    @CommandLine.Mixin
    private MeasuredWindow window;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final boolean raw = switch (loadGenerator) {
            case "twin-client" -> false;
            case "raw" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--load-generator must be twin-client or raw, was '" + loadGenerator + "'");
        };
        final Path data = BenchServer.createDataFolder();
        try (BenchServer server = BenchServer.start(BenchServer.config(data), inFlight)) {
            final Thing template = DemoPlant.things().get(0).thing();
            final List<TwinPath> paths = new ArrayList<>();
            for (int t = 0; t < things; t++) {
                final ThingId id = ThingId.of("bench:ws-" + t);
                server.client().putThing(template.toBuilder().setId(id).build(), RequestOptions.none()).join();
                paths.add(TwinPath.thing(id).property("OperationalData", JsonPointer.of("PartsProduced")));
            }
            final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            final List<AutoCloseable> sockets = new ArrayList<>();
            final List<Writer> writers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                final Modifications modifications;
                if (raw) {
                    final RawCommandLoad load = RawCommandLoad.connect(http, server.uri(), BenchServer.USER,
                            BenchServer.USER);
                    sockets.add(load);
                    modifications = load::modify;
                } else {
                    final TwinCommands commands = server.client().openCommands().get(10, TimeUnit.SECONDS);
                    sockets.add(commands::close);
                    modifications = (path, value) -> commands.modify(path, JsonValue.of(value), Writer.PERSISTED);
                }
                for (int w = 0; w < inFlight; w++) {
                    writers.add(new Writer(modifications, paths.get(writers.size() % things)));
                }
            }
            out.println(DiskProbe.measure(data));
            writers.forEach(Writer::next);
            final MeasuredWindow.Measured measured = window.measure(measuring);
            final double elapsed = measured.seconds();
            final String cpuPerWrite = measured.cpu().perOperation(
                    writers.stream().mapToLong(w -> w.recorder.count()).sum(), "modification");
            running.set(false);
            CompletableFuture.allOf(writers.stream().map(w -> w.stopped).toArray(CompletableFuture[]::new)).join();
            for (final AutoCloseable socket : sockets) {
                socket.close();
            }
            if (failure.get() != null) {
                out.println("failed: " + failure.get());
                return TwinLoop.EXIT_REFUSED;
            }
            final Latencies latencies = Latencies.of(writers.stream().map(w -> w.recorder).toList());
            out.printf(Locale.ROOT, "WebSocket modify property with requested-acks=twin-persisted, %d connection(s) "
                    + "x %d in flight, %d things, %s load generator, %d s: %.0f acknowledged modifications/s, %s%n",
                    connections, inFlight, things, loadGenerator, window.seconds(), latencies.count() / elapsed,
                    latencies.summary());
            out.println(cpuPerWrite);
            return TwinLoop.EXIT_OK;
        } finally {
            BenchServer.deleteDataFolder(data);
        }
    }

    /**
     * One slot of a connection's in-flight window: sends the next modification when the previous one is answered,
     * without a thread of its own (the client completes the futures on its executor).
     */
    /** Sends one acknowledged modification of a property to a value; completes with its answer. */
    @FunctionalInterface
    private interface Modifications {
        CompletableFuture<?> modify(TwinPath path, long value);
    }

    private final class Writer {

        private static final RequestOptions PERSISTED = RequestOptions.none().requestedAcks("twin-persisted");

        final Modifications commands;
        final TwinPath path;
        final Latencies.Recorder recorder = new Latencies.Recorder();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();
        long value;

        Writer(final Modifications commands, final TwinPath path) {
            this.commands = commands;
            this.path = path;
        }

        void next() {
            if (!running.get()) {
                stopped.complete(null);
                return;
            }
            final long start = System.nanoTime();
            commands.modify(path, value++).whenComplete((response, error) -> {
                if (error != null) {
                    // stop this slot rather than spin: a failure is a result the figure must not hide
                    failure.compareAndSet(null, error);
                    stopped.complete(null);
                    return;
                }
                if (measuring.get()) {
                    recorder.add(System.nanoTime() - start);
                }
                next();
            });
        }
    }
}
