package io.twinloop.plant.runtime;

import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plant} on one thread of its own: in scaled real time once {@link #startTicking} is called, or
 * only when asked through {@link #advance} (tests). Commands are applied on the same thread between steps, so the
 * engine needs no locks; every change of state is published to the listeners as a {@link PlantSnapshot}.
 */
public final class PlantRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlantRuntime.class);

    private final Plant plant;
    private final ScheduledExecutorService thread;
    private final List<Consumer<PlantSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile PlantSnapshot latest;
    private ScheduledFuture<?> ticking;
    private long lastTickNanos;

    private PlantRuntime(final Plant plant) {
        this.plant = Objects.requireNonNull(plant, "plant");
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread t = new Thread(runnable, "twinloop-plant-engine");
            t.setDaemon(true);
            return t;
        });
        this.latest = plant.snapshot();
    }

    /** A runtime for {@code plant}; the plant must not be used directly any more. */
    public static PlantRuntime of(final Plant plant) {
        return new PlantRuntime(plant);
    }

    /**
     * Advances the plant every {@code tick} of real time by the simulated time that passed at the plant's speed
     * factor. Late ticks catch up: simulated time follows the wall clock, not the number of ticks.
     */
    public synchronized PlantRuntime startTicking(final Duration tick) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, was " + tick);
        }
        if (ticking != null) {
            throw new IllegalStateException("already ticking");
        }
        thread.execute(() -> lastTickNanos = System.nanoTime());
        ticking = thread.scheduleAtFixedRate(this::tick, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
        LOG.info("plant running: speedFactor={} tick={} step={} simulatedStart={}", plant.clock().speedFactor(),
                tick, plant.step(), plant.clock().now());
        return this;
    }

    private void tick() {
        try {
            final long now = System.nanoTime();
            plant.advance(plant.clock().simulatedFor(Duration.ofNanos(now - lastTickNanos)));
            lastTickNanos = now;
            publish();
        } catch (final RuntimeException e) {
            // An exception would cancel the schedule silently; the plant must keep running and say what broke.
            LOG.error("plant step failed at simulated {}: {}", plant.clock().now(), e.toString(), e);
        }
    }

    /** Advances the plant by {@code simulated} time now, on the plant's thread. */
    public CompletableFuture<PlantSnapshot> advance(final Duration simulated) {
        return CompletableFuture.supplyAsync(() -> {
            plant.advance(simulated);
            return publish();
        }, thread);
    }

    /** Applies {@code command} between two steps; the future completes with the plant's answer. */
    public CompletableFuture<CommandResult> submit(final Command command) {
        return CompletableFuture.supplyAsync(() -> {
            final CommandResult result = plant.apply(command);
            if (result.isAccepted()) {
                LOG.debug("command applied: machine={} command={} simulatedTime={}", command.machineId(), command,
                        plant.clock().now());
            } else {
                final CommandResult.Rejection rejection = result.rejection().orElseThrow();
                LOG.debug("command rejected: machine={} command={} reason={} message=\"{}\"", command.machineId(),
                        command, rejection.reason(), rejection.message());
            }
            publish();
            return result;
        }, thread);
    }

    private PlantSnapshot publish() {
        final PlantSnapshot snapshot = plant.snapshot();
        latest = snapshot;
        for (final Consumer<PlantSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (final RuntimeException e) {
                LOG.warn("plant snapshot listener {} failed: {}", listener, e.toString(), e);
            }
        }
        return snapshot;
    }

    /** Simulated seconds per real second while ticking. */
    public double speedFactor() {
        return plant.clock().speedFactor();
    }

    /** The most recent snapshot; readable from any thread. */
    public PlantSnapshot latest() {
        return latest;
    }

    /** Called on the plant's thread after every change; must be quick and must not block. */
    public void addListener(final Consumer<PlantSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(final Consumer<PlantSnapshot> listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (final InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("plant stopped at simulated {}", latest.time());
    }
}
