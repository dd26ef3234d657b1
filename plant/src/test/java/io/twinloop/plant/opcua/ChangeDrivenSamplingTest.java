package io.twinloop.plant.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.runtime.PlantRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The plant's server reports a changed value to the monitored items of its node when it changes (not by polling
 * every item): proven with a real client over a real socket and a plant that does not tick on its own, stepped by the
 * test. Waits are generous deadlines around the awaited condition; nothing asserts a duration.
 */
class ChangeDrivenSamplingTest {

    private static final long WAIT_SECONDS = ServedPlant.WAIT_SECONDS;
    private static final int STEPS = 30;

    @TempDir
    static Path tmp;

    private static ServedPlant plant;
    private static PlantRuntime runtime;
    private static OpcUaClient client;

    @BeforeAll
    static void start() throws Exception {
        plant = ServedPlant.start(tmp, 3);
        runtime = plant.runtime();
        client = plant.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (plant != null) {
            plant.close();
        }
    }

    /**
     * Waits for a first value, runs {@code STEPS} one-second plant steps back to back and waits until the last
     * step's time has been seen; returns the time seen before the steps.
     */
    private static Instant stepAndAwaitLast(final List<Instant> seen) throws Exception {
        awaitUntil(() -> !seen.isEmpty());
        final Instant start = seen.get(seen.size() - 1);
        final List<CompletableFuture<?>> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            steps.add(runtime.advance(Duration.ofSeconds(1)));
        }
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        final Instant end = start.plusSeconds(STEPS);
        awaitUntil(() -> seen.contains(end));
        return start;
    }

    /** Monitors the plant's simulation time at {@code samplingInterval}, every value kept in {@code seen}. */
    private static OpcUaMonitoredItem simulationTime(final OpcUaSubscription subscription,
            final double samplingInterval, final List<Instant> seen) throws Exception {
        final OpcUaMonitoredItem time = OpcUaMonitoredItem.newDataItem(TestClient.node(client, "Plant/SimulationTime"));
        time.setSamplingInterval(samplingInterval);
        time.setQueueSize(uint(2 * STEPS));
        time.setDiscardOldest(false);
        time.setDataValueListener((item, value) -> seen.add(((DateTime) value.value().value()).getJavaInstant()));
        subscription.addMonitoredItems(List.of(time));
        subscription.synchronizeMonitoredItems();
        return time;
    }

    /**
     * Sampling interval 0 is OPC UA's exception-based monitoring: with a queue large enough, every value the node
     * takes reaches the client, also values that last only microseconds (the plant steps back to back here, each
     * step publishing a snapshot). A server that polls its items, however fast, misses most of them.
     */
    @Test
    void samplingIntervalZeroReportsEveryChangeOfThePlant() throws Exception {
        final OpcUaSubscription subscription = new OpcUaSubscription(client, 200.0);
        subscription.create();
        try {
            final List<Instant> seen = new CopyOnWriteArrayList<>();
            final OpcUaMonitoredItem time = simulationTime(subscription, 0.0, seen);
            assertThat(time.getRevisedSamplingInterval()).as("exception-based, as requested").contains(0.0);
            final Instant start = stepAndAwaitLast(seen);

            final List<Instant> expected = new ArrayList<>();
            for (int i = 1; i <= STEPS; i++) {
                expected.add(start.plusSeconds(i));
            }
            assertThat(seen.subList(seen.indexOf(start) + 1, seen.size())).as("every step's time, in order")
                    .containsExactlyElementsOf(expected);
        } finally {
            subscription.delete();
        }
    }

    /**
     * An item sampled at a longer interval is never sampled more often; a change within the interval is sampled when
     * it has passed, with the latest value by then: the last of many quick changes reaches the client although no
     * change follows it.
     */
    @Test
    void aLongerSamplingIntervalDeliversTheLatestValueOnceTheIntervalHasPassed() throws Exception {
        final OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
        subscription.create();
        try {
            final List<Instant> seen = new CopyOnWriteArrayList<>();
            final OpcUaMonitoredItem time = simulationTime(subscription, 500.0, seen);
            assertThat(time.getRevisedSamplingInterval()).contains(500.0);
            final Instant start = stepAndAwaitLast(seen);
            assertThat(seen).as("in order, each value once").isSorted().doesNotHaveDuplicates();
        } finally {
            subscription.delete();
        }
    }

    private static void awaitUntil(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited %d s", WAIT_SECONDS).isNegative();
            Thread.sleep(10);
        }
    }
}
