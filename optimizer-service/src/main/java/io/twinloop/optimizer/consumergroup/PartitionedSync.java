package io.twinloop.optimizer.consumergroup;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.projection.TwinFeed;
import io.twinloop.optimizer.projection.TwinProjection;
import io.twinloop.optimizer.projection.TwinReads;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.twin.client.DittoClient;

/**
 * Keeps a {@link TwinProjection} of the twins whose partitions this instance owns in the consumer group:
 *
 * <ul>
 * <li><b>Assigned</b> partitions: their start offsets are fixed first (the end of each partition; offsets are never
 * committed), the partitions are paused, the twins in scope whose thing id maps to them ({@link ThingPartitions})
 * are read from Ditto, then the partitions are resumed. An event older than what was read is a replay and ignored,
 * so nothing between the offset and the read is lost, and nothing is applied twice.</li>
 * <li><b>Revoked</b> or lost partitions: their twins are dropped from the projection (it is derived state; the new
 * owner reads them from Ditto).</li>
 * <li><b>Events</b> (Ditto Protocol messages keyed by thing id, {@link TwinEventRecord}) are applied as on the
 * WebSocket path; a revision gap, or an event of a twin not held (a new thing, or one the search index did not show
 * yet), makes the twin be read again. A record that is not a Ditto Protocol message, is out of scope or sits in a
 * partition its thing id does not map to (the connection must key records by thing id) is skipped with a WARN.</li>
 * </ul>
 *
 * <p>The Kafka consumer is not thread-safe: it lives on one thread, {@code twinloop-optimizer-events}; reads from
 * Ditto complete on the HTTP client's threads and hand their "resume" back through a queue.
 */
public final class PartitionedSync implements TwinFeed.Running {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSync.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE = Duration.ofSeconds(10);

    private final ConsumerGroupConfig config;
    private final TwinReads reads;
    private final TwinScope scope;
    private final TwinProjection projection;
    private final Runnable changed;
    private final KafkaConsumer<String, String> consumer;
    private final CompletableFuture<PartitionedSync> started = new CompletableFuture<>();
    /** partitions owned now; changed on the poll thread, read by Ditto reads (holdIfOwned) under its own lock */
    private final Set<Integer> owned = new HashSet<>();
    /** partitions paused until their load completes: partition -> load id (poll thread only) */
    private final Map<TopicPartition, Long> loading = new HashMap<>();
    private final ConcurrentLinkedQueue<Long> loaded = new ConcurrentLinkedQueue<>();
    private final AtomicLong loadIds = new AtomicLong();
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong rereads = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicInteger rebalances = new AtomicInteger();
    private volatile ThingPartitions partitions;
    private volatile boolean running = true;
    private Thread thread;

    private PartitionedSync(final ConsumerGroupConfig config, final DittoClient ditto, final TwinScope scope,
            final TwinProjection projection, final Runnable changed, final ScheduledExecutorService scheduler) {
        this.config = config;
        this.reads = new TwinReads(ditto, scope, scheduler);
        this.scope = scope;
        this.projection = projection;
        this.changed = changed;
        this.consumer = new KafkaConsumer<>(config.consumerProperties());
    }

    /**
     * Joins the group; completes when the first assignment's twins are read from Ditto (at once when this instance
     * is assigned no partition), exceptionally when Kafka refuses the consumer before that (e.g. its credentials).
     */
    static CompletableFuture<PartitionedSync> start(final ConsumerGroupConfig config, final DittoClient ditto,
            final TwinScope scope, final TwinProjection projection, final Runnable changed,
            final ScheduledExecutorService scheduler) {
        final PartitionedSync sync;
        try {
            sync = new PartitionedSync(config, ditto, scope, projection, changed, scheduler);
        } catch (final KafkaException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the Kafka consumer cannot be made ("
                    + config + "): " + rootMessage(e), e));
        }
        sync.thread = new Thread(sync::run, "twinloop-optimizer-events");
        sync.thread.setDaemon(true);
        sync.thread.start();
        LOG.info("joining the optimizers' consumer group: {} scope={}", config, scope);
        return sync.started;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.topic()), new Rebalance());
            while (running) {
                resumeLoaded();
                try {
                    for (final ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                        handle(record);
                    }
                } catch (final WakeupException e) {
                    // close() wakes the poll up; the loop condition ends it
                } catch (final KafkaException e) {
                    if (!started.isDone()) {
                        started.completeExceptionally(new IllegalStateException("the consumer group refused this "
                                + "instance (" + config + "): " + rootMessage(e), e));
                        return;
                    }
                    LOG.error("reading twin events from Kafka failed, retrying: {} error=\"{}\"", config,
                            rootMessage(e));
                    Thread.sleep(TwinReads.RETRY.toMillis());
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            LOG.error("twin events from Kafka stopped: {}", config, e);
            started.completeExceptionally(e);
        } finally {
            try {
                consumer.close(CLOSE); // leaves the group: the others take over this instance's partitions at once
            } catch (final RuntimeException e) {
                LOG.warn("closing the Kafka consumer failed: error=\"{}\"", rootMessage(e));
            }
            started.completeExceptionally(new IllegalStateException("stopped before the first assignment"));
        }
    }

    private void handle(final ConsumerRecord<String, String> record) {
        final Optional<ThingEvent<?>> parsed;
        try {
            parsed = TwinEventRecord.parse(record);
        } catch (final TwinEventFormatException e) {
            refused.incrementAndGet();
            LOG.warn("twin event record refused, skipped: {}", e.getMessage());
            return;
        }
        if (parsed.isEmpty()) {
            LOG.debug("not a twin event, skipped: {}", TwinEventRecord.where(record));
            return;
        }
        final ThingEvent<?> event = parsed.get();
        final ThingId thingId = event.getEntityId();
        if (!scope.namespaces().contains(thingId.getNamespace())) {
            refused.incrementAndGet();
            LOG.warn("twin event outside the optimizer's namespaces {}, skipped: {} thing={}", scope.namespaces(),
                    TwinEventRecord.where(record), thingId);
            return;
        }
        final int partition = partitions.partitionOf(thingId);
        if (partition != record.partition()) {
            refused.incrementAndGet();
            LOG.warn("twin event in partition {} but its thing id maps to partition {}, skipped (the Ditto "
                    + "connection must key records by thing id, target address '<topic>/{{ thing:id }}'): {}",
                    record.partition(), partition, TwinEventRecord.where(record));
            return;
        }
        switch (projection.apply(event)) {
            case APPLIED -> {
                applied.incrementAndGet();
                changed.run();
            }
            case GAP -> {
                final var held = projection.revisionOf(thingId);
                if (held.isPresent()) {
                    gaps.incrementAndGet();
                    LOG.info("gap in a twin's events, re-reading it: thing={} held={} received={} record={}",
                            thingId, held.getAsLong(), event.getRevision(), TwinEventRecord.where(record));
                } else {
                    LOG.debug("event of a twin not held, reading it: thing={} revision={}", thingId,
                            event.getRevision());
                }
                reread(thingId);
            }
            case STALE -> {
                // already held: read from Ditto after this event was published
            }
        }
    }

    private void reread(final ThingId thingId) {
        rereads.incrementAndGet();
        reads.reread(thingId, (id, thing) -> {
            if (holdIfOwned(id, thing)) {
                changed.run();
            }
        }, id -> {
            if (dropIfOwned(id)) {
                changed.run();
            }
        }, this::owns);
    }

    private boolean owns(final ThingId thingId) {
        synchronized (owned) {
            return owned.contains(partitions.partitionOf(thingId));
        }
    }

    /** A twin read from Ditto is held only while its partition is this instance's. */
    private boolean holdIfOwned(final ThingId thingId, final JsonObject thing) {
        synchronized (owned) {
            if (!owned.contains(partitions.partitionOf(thingId))) {
                return false;
            }
            projection.replace(thingId, thing);
            return true;
        }
    }

    private boolean dropIfOwned(final ThingId thingId) {
        synchronized (owned) {
            if (!owned.contains(partitions.partitionOf(thingId))) {
                return false;
            }
            projection.remove(thingId);
            return true;
        }
    }

    /** Resumes the partitions whose twins were read (poll thread). */
    private void resumeLoaded() {
        Long loadId;
        while ((loadId = loaded.poll()) != null) {
            final long id = loadId;
            final Set<TopicPartition> done = loading.entrySet().stream().filter(e -> e.getValue() == id)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            done.forEach(loading::remove);
            done.retainAll(consumer.assignment());
            consumer.resume(done);
            if (loading.isEmpty()) {
                started.complete(this);
            }
        }
    }

    /** Reads the twins of newly assigned partitions from Ditto; retried until done or no longer wanted. */
    private void load(final long loadId, final Set<Integer> numbers) {
        loads.incrementAndGet();
        final long began = System.nanoTime();
        final AtomicInteger held = new AtomicInteger();
        reads.readScope((thingId, thing) -> {
            if (numbers.contains(partitions.partitionOf(thingId)) && holdIfOwned(thingId, thing)) {
                held.incrementAndGet();
            }
        }).whenComplete((read, failure) -> {
            if (failure != null) {
                LOG.warn("reading the twins of assigned partitions from Ditto failed, retrying: partitions={} "
                        + "retryIn={} error=\"{}\"", numbers, TwinReads.RETRY, failure.toString());
                reads.later(() -> {
                    if (running && numbers.stream().anyMatch(this::ownsPartition)) {
                        load(loadId, numbers);
                    }
                });
                return;
            }
            LOG.info("twins of assigned partitions read from Ditto: partitions={} twins={} (of {} in scope) "
                    + "ms={}", new TreeSet<>(numbers), held.get(), read, (System.nanoTime() - began) / 1_000_000);
            loaded.add(loadId);
            changed.run();
        });
    }

    private boolean ownsPartition(final int partition) {
        synchronized (owned) {
            return owned.contains(partition);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> revoked) {
            drop(revoked, "revoked");
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> lost) {
            drop(lost, "lost");
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> assigned) {
            rebalances.incrementAndGet();
            final ThingPartitions before = partitions;
            partitions = new ThingPartitions(consumer.partitionsFor(config.topic()).size());
            if (before != null && !before.equals(partitions)) {
                // the topic grew: things may map elsewhere now; keep only those still in owned partitions
                synchronized (owned) {
                    projection.thingIds().stream().filter(id -> !owned.contains(partitions.partitionOf(id)))
                            .forEach(projection::remove);
                }
                LOG.warn("the twin-events topic has {} partitions now (was {}): twins re-mapped",
                        partitions.partitions(), before.partitions());
            }
            if (assigned.isEmpty()) {
                LOG.warn("no new partition of {} assigned to this instance: owned={} of {} (more instances than "
                        + "partitions, or the topic does not exist yet)", config.topic(), ownedPartitions(),
                        partitions.partitions());
                if (loading.isEmpty()) {
                    started.complete(PartitionedSync.this);
                }
                return;
            }
            // where events start is fixed before Ditto is read: nothing in between can be missed
            assigned.forEach(consumer::position);
            consumer.pause(assigned);
            final long loadId = loadIds.incrementAndGet();
            final Set<Integer> numbers = new HashSet<>();
            for (final TopicPartition partition : assigned) {
                loading.put(partition, loadId);
                numbers.add(partition.partition());
            }
            synchronized (owned) {
                owned.addAll(numbers);
            }
            LOG.info("partitions assigned: topic={} partitions={} owned={} of {}", config.topic(),
                    new TreeSet<>(numbers), ownedPartitions(), partitions.partitions());
            load(loadId, numbers);
        }

        private void drop(final Collection<TopicPartition> gone, final String how) {
            if (gone.isEmpty()) {
                return;
            }
            final Set<Integer> numbers = gone.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            gone.forEach(loading::remove);
            int dropped = 0;
            synchronized (owned) {
                owned.removeAll(numbers);
                for (final ThingId thingId : projection.thingIds()) {
                    if (numbers.contains(partitions.partitionOf(thingId))) {
                        projection.remove(thingId);
                        dropped++;
                    }
                }
            }
            LOG.info("partitions {}: topic={} partitions={} twinsDropped={} owned={}", how, config.topic(),
                    new TreeSet<>(numbers), dropped, ownedPartitions());
            changed.run();
        }
    }

    /** The partitions this instance owns now. */
    public Set<Integer> ownedPartitions() {
        synchronized (owned) {
            return Set.copyOf(new TreeSet<>(owned));
        }
    }

    /** The topic's partition count as of the last assignment (0 before the first). */
    public int partitionCount() {
        final ThingPartitions current = partitions;
        return current == null ? 0 : current.partitions();
    }

    /** Twins read again after a gap or for an event of a twin not held. */
    public long rereads() {
        return rereads.get();
    }

    /** Gaps in held twins' revisions (each made the twin be read again). */
    public long gaps() {
        return gaps.get();
    }

    /** Records skipped: not Ditto Protocol, out of scope, or in a partition their thing id does not map to. */
    public long refused() {
        return refused.get();
    }

    @Override
    public String describe() {
        return "kafka " + config + " partitions=" + new TreeSet<>(ownedPartitions()) + " of " + partitionCount()
                + " twins=" + projection.size() + " events=" + applied.get() + " loads=" + loads.get() + " gaps="
                + gaps.get() + " rereads=" + rereads.get() + " refused=" + refused.get() + " rebalances="
                + rebalances.get();
    }

    /** Leaves the group (the other instances take over this one's partitions) and stops the events. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(CLOSE.plusSeconds(5).toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("left the optimizers' consumer group: {}", describe());
    }

    private static String rootMessage(final Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + cause.getMessage();
    }
}
