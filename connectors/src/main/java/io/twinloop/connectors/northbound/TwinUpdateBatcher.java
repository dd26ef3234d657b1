package io.twinloop.connectors.northbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.retry.Backoff;
import io.twinloop.connectors.retry.TwinRetry;
import io.twinloop.connectors.retry.TwinWriteFailure;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * Collects property values per twin for a short window and sends them as one merge patch on the twin's
 * {@code features} (one write, one event, one revision for many values). Merging below the thing root means a
 * deleted thing is not silently re-created by the connector (Ditto answers 404 instead).
 *
 * <p>Only the latest value per data point is kept: a value that changes twice within the window is sent once, and
 * while the twin is away the buffer holds at most one value per mapped data point, however long the outage. A
 * merge that fails transiently ({@link TwinWriteFailure}) goes back under the values that arrived meanwhile and is
 * retried with backoff until the twin accepts it; one merge per twin is under way at a time, so an older value can
 * never overwrite a newer one. {@code maxBufferedValues} is a hard bound above that (for twins with very many
 * points): a value for a data point not yet buffered is then dropped, counted and logged.
 */
public final class TwinUpdateBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwinUpdateBatcher.class);
    private static final JsonKey PROPERTIES = JsonKey.of("properties");
    /** How long {@link #close()} waits for the twin to accept what is buffered. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(2);

    private final TwinMerges ditto;
    private final ScheduledExecutorService scheduler;
    private final Duration window;
    private final Backoff backoff;
    private final int maxBufferedValues;
    private final Map<ThingId, ThingBuffer> buffers = new ConcurrentHashMap<>();
    /** Values held and not yet accepted by the twin: queued, or in a merge under way. */
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicLong valuesSent = new AtomicLong();
    private final AtomicLong mergesSent = new AtomicLong();
    private final AtomicLong mergesFailed = new AtomicLong();
    private final AtomicLong mergesRetried = new AtomicLong();
    private final AtomicLong valuesDropped = new AtomicLong();
    /** Set by {@link #close}: queued values go out at once instead of after the window. */
    private volatile boolean closing;
    /** Set at the end of {@link #close}: nothing is sent, retried or reported one by one any more. */
    private volatile boolean closed;
    /** Values dropped at the hard bound since the buffer last had room; logged when it starts and when it ends. */
    private final AtomicLong droppedWhileFull = new AtomicLong();

    public TwinUpdateBatcher(final TwinMerges ditto, final ScheduledExecutorService scheduler,
            final Duration window, final Backoff backoff, final int maxBufferedValues) {
        if (maxBufferedValues < 1) {
            throw new IllegalArgumentException("maxBufferedValues must be positive, was " + maxBufferedValues);
        }
        this.ditto = ditto;
        this.scheduler = scheduler;
        this.window = window;
        this.backoff = backoff;
        this.maxBufferedValues = maxBufferedValues;
    }

    /** Queues {@code value} for {@code features/<featureId>/properties/<property>}. */
    public void add(final ThingId thingId, final String featureId, final JsonPointer property, final JsonValue value) {
        buffers.computeIfAbsent(thingId, ThingBuffer::new).put(place(featureId, property), value, null);
    }

    /**
     * As {@link #add}, and tells when the value is done with: the future completes when the twin accepted it (or a
     * later value of the same data point that replaced it in the buffer), or when it was dropped for good (refused by
     * the twin, or at the hard bound; both counted in {@link #valuesDropped()}). A source that can hold values back
     * (a Kafka consumer committing offsets) acknowledges its messages only then, so nothing it handed over is lost.
     */
    public CompletableFuture<Void> addTracked(final ThingId thingId, final String featureId,
            final JsonPointer property, final JsonValue value) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        buffers.computeIfAbsent(thingId, ThingBuffer::new).put(place(featureId, property), value, done);
        return done;
    }

    /**
     * The source has handed over values that belong together (an OPC UA publish response): what is queued goes now,
     * on the scheduler, for every twin without a merge under way or a retry waiting for its backoff, instead of at
     * the window's end. The window stays the longest a value waits where the source has no such batches (Hono) and
     * after a merge that was under way.
     */
    public void batchEnded() {
        for (final ThingBuffer buffer : buffers.values()) {
            buffer.sendSoon();
        }
    }

    private static JsonPointer place(final String featureId, final JsonPointer property) {
        // built from keys: parsing the two strings for every value was a tenth of the bench's allocations
        return JsonPointer.empty().addLeaf(JsonKey.of(featureId)).addLeaf(PROPERTIES).append(property);
    }

    private static void complete(final List<CompletableFuture<Void>> waiting) {
        waiting.forEach(w -> w.complete(null));
    }

    /** Takes room for one more value, unless the hard bound is reached. */
    private boolean reserve() {
        int held;
        do {
            held = buffered.get();
            if (held >= maxBufferedValues) {
                return false;
            }
        } while (!buffered.compareAndSet(held, held + 1));
        return true;
    }

    private void release(final int values) {
        buffered.addAndGet(-values);
    }

    private void dropAtBound(final ThingId thingId, final JsonPointer place) {
        valuesDropped.incrementAndGet();
        if (droppedWhileFull.getAndIncrement() == 0) {
            LOG.warn("twin update buffer full, values of data points not yet buffered are dropped: "
                    + "maxBufferedValues={} thing={} firstDropped={}", maxBufferedValues, thingId, place);
        }
    }

    private void roomAgain() {
        final long dropped = droppedWhileFull.getAndSet(0);
        if (dropped > 0) {
            LOG.warn("twin update buffer has room again: valuesDroppedWhileFull={}", dropped);
        }
    }

    /** The values of one twin: those queued, and the merge under way. */
    private final class ThingBuffer {

        private final ThingId thingId;
        private Map<JsonPointer, JsonValue> queued = new LinkedHashMap<>();
        /** Those waiting for the queued values ({@link #addTracked}); they go with the values into the merge. */
        private List<CompletableFuture<Void>> queuedWaiting = new ArrayList<>();
        private List<CompletableFuture<Void>> inFlightWaiting = List.of();
        private boolean flushScheduled;
        private boolean inFlight;
        private int failedAttempts;

        ThingBuffer(final ThingId thingId) {
            this.thingId = thingId;
        }

        synchronized void put(final JsonPointer place, final JsonValue value, final CompletableFuture<Void> done) {
            if (!queued.containsKey(place) && !reserve()) {
                dropAtBound(thingId, place);
                if (done != null) {
                    done.complete(null);
                }
                return;
            }
            queued.put(place, value);
            if (done != null) {
                queuedWaiting.add(done);
            }
            if (!flushScheduled && !inFlight) {
                schedule(window);
            }
        }

        synchronized void sendSoon() {
            if (!queued.isEmpty() && !inFlight && failedAttempts == 0 && !closed) {
                schedule(Duration.ZERO);
            }
        }

        /** At close: the queued values go now, unless a merge is under way (its completion sends them). */
        void flushNow() {
            flush();
        }

        private void flush() {
            final Map<JsonPointer, JsonValue> batch;
            synchronized (this) {
                flushScheduled = false;
                if (inFlight || queued.isEmpty() || closed) {
                    return;
                }
                batch = queued;
                queued = new LinkedHashMap<>();
                inFlightWaiting = queuedWaiting;
                queuedWaiting = new ArrayList<>();
                inFlight = true;
            }
            JsonObject patch = JsonFactory.newObject();
            for (final Map.Entry<JsonPointer, JsonValue> value : batch.entrySet()) {
                patch = patch.setValue(value.getKey(), value.getValue());
            }
            try {
                ditto.merge(TwinPath.thing(thingId).features(), patch, RequestOptions.none())
                        .whenComplete((response, failure) -> completed(batch, failure));
            } catch (final RuntimeException e) {
                completed(batch, e);
            }
        }

        private synchronized void completed(final Map<JsonPointer, JsonValue> batch, final Throwable failure) {
            inFlight = false;
            if (failure == null) {
                accepted(batch);
                return;
            }
            final TwinWriteFailure why = TwinWriteFailure.of(failure);
            if (closed) {
                // the connector has stopped and close() has reported what was not written
                LOG.debug("merge failed after the buffer closed: thing={} values={} reason=\"{}\"", thingId,
                        batch.size(), why.reason());
                complete(takeInFlightWaiting());
                return;
            }
            if (why.transientFailure()) {
                retryLater(batch, why);
            } else {
                release(batch.size());
                mergesFailed.incrementAndGet();
                valuesDropped.addAndGet(batch.size());
                failedAttempts = 0;
                complete(takeInFlightWaiting());
                LOG.warn("twin refused the merge, values dropped (not retried): thing={} values={} status={} "
                        + "reason=\"{}\" dataPoints={}", thingId, batch.size(), why.status(), why.reason(),
                        batch.keySet());
                scheduleIfQueued();
            }
        }

        private List<CompletableFuture<Void>> takeInFlightWaiting() {
            final List<CompletableFuture<Void>> waiting = inFlightWaiting;
            inFlightWaiting = List.of();
            return waiting;
        }

        private void accepted(final Map<JsonPointer, JsonValue> batch) {
            release(batch.size());
            // counted before anyone waiting is told, so a waiter reads statistics that include its values
            mergesSent.incrementAndGet();
            valuesSent.addAndGet(batch.size());
            complete(takeInFlightWaiting());
            LOG.debug("merged into twin: thing={} values={}", thingId, batch.size());
            if (failedAttempts > 0) {
                LOG.info("twin accepts values again: thing={} failedAttempts={} values={}", thingId, failedAttempts,
                        batch.size());
                failedAttempts = 0;
            }
            roomAgain();
            scheduleIfQueued();
        }

        /** The batch goes back under the values that came meanwhile: for each data point the latest wins. */
        private void retryLater(final Map<JsonPointer, JsonValue> batch, final TwinWriteFailure why) {
            failedAttempts++;
            mergesRetried.incrementAndGet();
            final Map<JsonPointer, JsonValue> combined = new LinkedHashMap<>(batch);
            combined.putAll(queued);
            release(batch.size() + queued.size() - combined.size());
            queued = combined;
            final List<CompletableFuture<Void>> waiting = new ArrayList<>(takeInFlightWaiting());
            waiting.addAll(queuedWaiting);
            queuedWaiting = waiting;
            final Duration delay = backoff.after(failedAttempts);
            if (TwinRetry.worthWarning(failedAttempts)) {
                LOG.warn("twin did not take the merge, values kept and retried: thing={} values={} "
                        + "failedAttempts={} retryIn={} status={} reason=\"{}\"", thingId, queued.size(),
                        failedAttempts, delay, why.status(), why.reason());
            } else {
                LOG.debug("twin did not take the merge: thing={} values={} failedAttempts={} retryIn={} reason=\"{}\"",
                        thingId, queued.size(), failedAttempts, delay, why.reason());
            }
            schedule(delay);
        }

        private void scheduleIfQueued() {
            if (!queued.isEmpty()) {
                schedule(closing ? Duration.ZERO : window);
            }
        }

        private void schedule(final Duration delay) {
            try {
                scheduler.schedule(this::flush, delay.toNanos(), TimeUnit.NANOSECONDS);
                flushScheduled = true;
            } catch (final RejectedExecutionException e) {
                // the connector is stopping; close() reports what was not written
                flushScheduled = false;
            }
        }
    }

    public long valuesSent() {
        return valuesSent.get();
    }

    public long mergesSent() {
        return mergesSent.get();
    }

    /** Merges the twin refused for good (their values are dropped). */
    public long mergesFailed() {
        return mergesFailed.get();
    }

    /** Merges that failed transiently and whose values were queued again. */
    public long mergesRetried() {
        return mergesRetried.get();
    }

    /** Values held that the twin has not accepted yet. */
    public int valuesBuffered() {
        return Math.max(0, buffered.get());
    }

    /** Values never written: refused by the twin, or dropped at the hard bound. */
    public long valuesDropped() {
        return valuesDropped.get();
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_DRAIN}. */
    @Override
    public void close() {
        close(DEFAULT_DRAIN);
    }

    /**
     * Sends what is queued now instead of after the window, waits up to {@code drain} for the twin to accept what
     * is under way, then stops: later failures are no longer retried or reported one by one, and one line says
     * what was not written (values still buffered are lost with the connector; the device has them). Call it
     * before the twin link closes, so that a clean stop writes everything the twin can take.
     */
    public void close(final Duration drain) {
        closing = true;
        buffers.values().forEach(ThingBuffer::flushNow);
        final long deadline = System.nanoTime() + drain.toNanos();
        while (valuesBuffered() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        final int left = valuesBuffered();
        if (left > 0) {
            LOG.warn("twin update buffer closed with values not written into the twin: values={} drain={}", left,
                    drain);
        } else {
            LOG.debug("twin update buffer closed, everything written: values={}", valuesSent());
        }
    }
}
