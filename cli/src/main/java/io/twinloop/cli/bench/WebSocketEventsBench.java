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
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.twin.DemoPlant;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinCommands;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench ws-events}: twin events per second that one WebSocket subscription receives and decodes
 * into Ditto's event classes. First end to end: the embedded server, one subscriber, and writers on other
 * connections producing property modifications as fast as the server takes them; that figure is bounded by the
 * server's write rate, so the writes per second are printed beside it. Then the client alone: the same kind of
 * events from {@link EventFeeder}, which writes them as fast as the client reads.
 */
@Command(name = "ws-events", mixinStandardHelpOptions = true,
        description = "Events/s one WebSocket subscription receives and decodes.")
public final class WebSocketEventsBench implements Callable<Integer> {

    @CommandLine.Mixin
    private MeasuredWindow timing;

    @Option(names = "--writer-connections", defaultValue = "2",
            description = "connections writing the changes (default ${DEFAULT-VALUE})")
    private int writerConnections;

    @Option(names = "--in-flight", defaultValue = "64",
            description = "commands each writer connection keeps in flight (default ${DEFAULT-VALUE})")
    private int inFlight;

    @Option(names = "--things", defaultValue = "16",
            description = "things written to, round robin (default ${DEFAULT-VALUE}, see bench ws-commands)")
    private int things;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Path data = BenchServer.createDataFolder();
        try (BenchServer server = BenchServer.start(BenchServer.config(data), inFlight)) {
            endToEnd(server.client(), out);
        } finally {
            BenchServer.deleteDataFolder(data);
        }
        out.flush();
        try (EventFeeder feeder = new EventFeeder()) {
            clientAlone(feeder, out);
        }
        return TwinLoop.EXIT_OK;
    }

    private void endToEnd(final DittoClient client, final PrintWriter out) throws Exception {
        final Thing template = DemoPlant.things().get(0).thing();
        final List<TwinPath> paths = new ArrayList<>();
        for (int t = 0; t < things; t++) {
            final ThingId id = ThingId.of("bench:ev-" + t);
            client.putThing(template.toBuilder().setId(id).build(), RequestOptions.none()).join();
            paths.add(TwinPath.thing(id).property("OperationalData", JsonPointer.of("PartsProduced")));
        }
        final List<TwinCommands> sockets = new ArrayList<>();
        for (int c = 0; c < writerConnections; c++) {
            sockets.add(client.openCommands().get(10, TimeUnit.SECONDS));
        }
        final Counter events = new Counter();
        final AtomicLong writes = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<CompletableFuture<Void>> writers = new ArrayList<>();
        final TwinEvents subscription = client.subscribe(EventSubscription.all(), events).get(10, TimeUnit.SECONDS);
        try {
            for (int i = 0; i < writerConnections * inFlight; i++) {
                final CompletableFuture<Void> stopped = new CompletableFuture<>();
                writers.add(stopped);
                write(sockets.get(i / inFlight), paths.get(i % things), 0, running, writes, stopped);
            }
            final Window window = Window.measure(timing.warmupSeconds(), timing.seconds(), events, writes);
            running.set(false);
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
            out.printf(Locale.ROOT, "events decoded by one subscription, end to end (embedded server, %d writer "
                    + "connection(s) x %d in flight, %d things), %d s: %.0f events/s (writes acknowledged meanwhile: "
                    + "%.0f/s; revision gaps: %d)%n", writerConnections, inFlight, things, timing.seconds(),
                    window.eventsPerSecond(),
                    window.writesPerSecond(), events.gaps.get());
        } finally {
            subscription.close();
            sockets.forEach(TwinCommands::close);
        }
    }

    private void clientAlone(final EventFeeder feeder, final PrintWriter out) throws Exception {
        final Counter events = new Counter();
        try (DittoClient client = DittoClient.builder(feeder.uri()).basicAuth(BenchServer.USER, BenchServer.USER)
                .build()) {
            final TwinEvents subscription = client.subscribe(EventSubscription.all(), events)
                    .get(10, TimeUnit.SECONDS);
            try {
                final Window window = Window.measure(timing.warmupSeconds(), timing.seconds(), events, new AtomicLong());
                out.printf(Locale.ROOT, "events decoded by one subscription, client alone (pre-rendered events of %d "
                        + "bytes from a socket as fast as it reads), %d s: %.0f events/s%n",
                        feeder.averageFrameBytes(), timing.seconds(), window.eventsPerSecond());
            } finally {
                subscription.close();
            }
        }
    }

    /** Keeps one modification in flight on {@code path} until stopped; a failure stops it (and shows in the rate). */
    private static void write(final TwinCommands commands, final TwinPath path, final long value,
            final AtomicBoolean running, final AtomicLong writes, final CompletableFuture<Void> stopped) {
        if (!running.get()) {
            stopped.complete(null);
            return;
        }
        commands.modify(path, JsonValue.of(value), RequestOptions.none()).whenComplete((response, error) -> {
            if (error != null) {
                stopped.complete(null);
                return;
            }
            writes.incrementAndGet();
            write(commands, path, value + 1, running, writes, stopped);
        });
    }

    /** Counts decoded events; it runs on the subscription's reading thread, so it adds nothing but the count. */
    private static final class Counter implements TwinEventListener {

        final AtomicLong events = new AtomicLong();
        final AtomicLong gaps = new AtomicLong();

        @Override
        public void onEvent(final ThingEvent<?> event) {
            events.incrementAndGet();
        }

        @Override
        public void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
            gaps.incrementAndGet();
        }
    }

    /** Events and writes counted over the measured seconds, after a warm-up. */
    private record Window(double eventsPerSecond, double writesPerSecond) {

        static Window measure(final int warmupSeconds, final int seconds, final Counter events,
                final AtomicLong writes) throws InterruptedException {
            Thread.sleep(warmupSeconds * 1000L);
            final long events0 = events.events.get();
            final long writes0 = writes.get();
            final long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            final double elapsed = (System.nanoTime() - start) / 1e9;
            return new Window((events.events.get() - events0) / elapsed, (writes.get() - writes0) / elapsed);
        }
    }
}
