package io.twinloop.twin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on real files: group commit, durability of every acknowledged write across a restart without a clean
 * close (a second store opened on the same directory sees what a crash would leave), back-pressure.
 */
class ThingStoreTest {

    @TempDir
    Path directory;

    /** Sets attribute {@code key} to {@code value}, creating the thing if needed; answers the new revision. */
    private static Change<Long> setAttribute(final ThingState state, final String key, final long value) {
        final Thing base = state.current().orElseGet(() -> ThingsModelFactory.newThingBuilder().build());
        final Thing next = state.stamp(base.setAttribute(JsonPointer.of(key), JsonValue.of(value)));
        return Change.write(next, state.nextRevision());
    }

    /**
     * A write that holds the writer thread until {@code release}. Its speculative run on the calling thread fails
     * on purpose, so that the writer redoes it: that run is the one that must wait.
     */
    private static CompletableFuture<Long> blockWriter(final ThingStore store, final CountDownLatch started,
            final CountDownLatch release) {
        return store.modify(ThingId.of("org.example:blocker"), state -> {
            if (!"twin-store-writer".equals(Thread.currentThread().getName())) {
                throw new IllegalStateException("not on the writer yet");
            }
            started.countDown();
            awaitQuietly(release);
            return setAttribute(state, "x", 1);
        });
    }

    private static long attribute(final ThingStore store, final ThingId id, final String key) {
        return store.get(id).orElseThrow().getAttributes().orElseThrow().getValue(JsonPointer.of(key))
                .orElseThrow().asLong();
    }

    @Test
    void manyConcurrentWritersAreAllAcknowledgedAndARestartShowsEveryAcknowledgedWrite() throws Exception {
        final int writers = 24;
        final int writesPerWriter = 300;
        final int thingCount = 6;
        final ThingStore store = ThingStore.open(directory, 1000); // snapshots happen while writing, too
        final ConcurrentHashMap<ThingId, AtomicLong> acknowledgedRevision = new ConcurrentHashMap<>();
        final long[] lastAcknowledged = new long[writers];
        final ExecutorService pool = Executors.newFixedThreadPool(writers);
        final List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            final int writer = w;
            final ThingId id = ThingId.of("org.example:t" + (w % thingCount));
            done.add(pool.submit(() -> {
                // in bursts of 10 without waiting: one writer's writes are queued (and so applied) in order
                for (int n = 0; n < writesPerWriter; n += 10) {
                    final List<CompletableFuture<Long>> burst = new ArrayList<>();
                    for (int k = n; k < n + 10; k++) {
                        final long value = k;
                        burst.add(store.modify(id, state -> setAttribute(state, "w" + writer, value)));
                    }
                    for (int k = 0; k < burst.size(); k++) {
                        final long revision = burst.get(k).get(30, TimeUnit.SECONDS);
                        acknowledgedRevision.computeIfAbsent(id, i -> new AtomicLong()).accumulateAndGet(revision,
                                Math::max);
                        lastAcknowledged[writer] = n + k;
                    }
                }
                return null;
            }));
        }
        for (final Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(lastAcknowledged).containsOnly(writesPerWriter - 1);

        // no close(): the journal (and the last snapshot) is all a crash would leave behind
        try (ThingStore restarted = ThingStore.open(directory, 1000)) {
            assertThat(restarted.size()).isEqualTo(thingCount);
            for (int t = 0; t < thingCount; t++) {
                final ThingId id = ThingId.of("org.example:t" + t);
                final long writesOnThing = (long) writesPerWriter * (writers / thingCount);
                assertThat(restarted.get(id).orElseThrow().getRevision().orElseThrow().toLong())
                        .isEqualTo(writesOnThing)
                        .isEqualTo(acknowledgedRevision.get(id).get());
            }
            for (int w = 0; w < writers; w++) {
                assertThat(attribute(restarted, ThingId.of("org.example:t" + (w % thingCount)), "w" + w))
                        .isEqualTo(lastAcknowledged[w]);
            }
        }
        store.close();
    }

    @Test
    void theJournalLinesOfOneGroupCommitAreAllAppliedAfterARestart() throws Exception {
        final ThingStore store = ThingStore.open(directory);
        final List<String> events = new CopyOnWriteArrayList<>();
        store.addListener((event, thing) -> events.add(event.get().getEntityId() + "@" + event.get().getRevision()));
        final ThingId a = ThingId.of("org.example:a");
        final ThingId b = ThingId.of("org.example:b");
        // hold the writer so that the next writes pile up and are committed as one group
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        final long groupsBefore = store.groupsCommitted();
        final CompletableFuture<Long> blocker = blockWriter(store, started, release);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        final List<CompletableFuture<?>> group = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            final long n = i;
            group.add(store.modify(a, state -> setAttribute(state, "n", n)));
        }
        group.add(store.modify(b, state -> setAttribute(state, "n", 1)));
        final CompletableFuture<Long> failing = store.modify(b, state -> {
            throw new IllegalArgumentException("refused");
        });
        group.add(store.modify(b, state -> Change.delete(state.nextRevision())));
        group.add(store.modify(b, state -> setAttribute(state, "n", 3)));
        release.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        CompletableFuture.allOf(group.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        // the blocker's group (itself) and one more for all 53 writes queued behind it
        assertThat(store.groupsCommitted() - groupsBefore).isEqualTo(2);
        assertThat(Files.readAllLines(directory.resolve(ThingStore.JOURNAL_FILE), StandardCharsets.UTF_8))
                .hasSize(54);
        // listeners in revision order, the failed write left out
        assertThat(events).hasSize(54);
        assertThat(events.subList(1, 51)).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(r -> a + "@" + r).toList());
        assertThat(events.subList(51, 54)).containsExactly(b + "@1", b + "@2", b + "@3");

        try (ThingStore restarted = ThingStore.open(directory)) {
            assertThat(restarted.get(a).orElseThrow().getRevision().orElseThrow().toLong()).isEqualTo(50);
            assertThat(attribute(restarted, a, "n")).isEqualTo(49);
            // deleted and re-created within the group: revisions kept counting
            assertThat(restarted.get(b).orElseThrow().getRevision().orElseThrow().toLong()).isEqualTo(3);
            assertThat(attribute(restarted, b, "n")).isEqualTo(3);
            assertThat(restarted.size()).isEqualTo(3);
            assertThat(restarted.thingIds()).containsExactlyInAnyOrder(a, b, ThingId.of("org.example:blocker"));
            assertThat(restarted.things()).hasSize(3);
            assertThat(restarted.contains(b)).isTrue();
            restarted.modify(b, state -> Change.delete(0L)).get(10, TimeUnit.SECONDS);
            assertThat(restarted.contains(b)).isFalse();
            assertThat(restarted.thingIds()).containsExactlyInAnyOrder(a, ThingId.of("org.example:blocker"));
            assertThat(restarted.size()).isEqualTo(2);
        }
        store.close();
    }

    @Test
    void concurrentWritesOfOneThingEachSeeTheOneBefore() throws Exception {
        // every write reads the counter and adds one: a speculative run against a state that another write has
        // replaced meanwhile must be redone, or increments would be lost
        final ThingId id = ThingId.of("org.example:counter");
        final int threads = 8;
        final int increments = 200;
        try (ThingStore store = ThingStore.open(directory)) {
            final List<CompletableFuture<Long>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
            final List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final Thread writer = new Thread(() -> {
                    for (int i = 0; i < increments; i++) {
                        writes.add(store.modify(id, state -> setAttribute(state, "n",
                                state.current().flatMap(Thing::getAttributes)
                                        .flatMap(a -> a.getValue(JsonPointer.of("n"))).map(JsonValue::asLong)
                                        .orElse(0L) + 1)));
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (final Thread writer : writers) {
                writer.join();
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(attribute(store, id, "n")).isEqualTo(threads * increments);
            assertThat(store.get(id).orElseThrow().getRevision().orElseThrow().toLong())
                    .isEqualTo(threads * increments);
            assertThat(writes.stream().map(CompletableFuture::join).distinct().count())
                    .isEqualTo(threads * increments);
        }
    }

    @Test
    void aFullQueueRefusesAtOnceWithThingUnavailable() throws Exception {
        try (ThingStore store = ThingStore.open(directory)) {
            final CountDownLatch release = new CountDownLatch(1);
            final CountDownLatch started = new CountDownLatch(1);
            final CompletableFuture<Long> blocker = blockWriter(store, started, release);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            final List<CompletableFuture<Long>> queued = new ArrayList<>();
            for (int i = 0; i < ThingStore.QUEUE_CAPACITY; i++) {
                final long n = i;
                queued.add(store.modify(ThingId.of("org.example:q"), state -> setAttribute(state, "n", n)));
            }
            final CompletableFuture<Long> refused = store.modify(ThingId.of("org.example:q"),
                    state -> setAttribute(state, "n", -1));
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).hasCauseInstanceOf(ThingUnavailableException.class);
            release.countDown();
            assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(queued.get(queued.size() - 1).get(30, TimeUnit.SECONDS)).isEqualTo(ThingStore.QUEUE_CAPACITY);
            assertThat(attribute(store, ThingId.of("org.example:q"), "n")).isEqualTo(ThingStore.QUEUE_CAPACITY - 1);
        }
    }

    @Test
    void thingsAreLoadedAsBytesAndMaterializedOnRead() throws Exception {
        final ThingId id = ThingId.of("org.example:lazy");
        try (ThingStore store = ThingStore.open(directory)) {
            store.modify(id, state -> setAttribute(state, "k", 7)).get(10, TimeUnit.SECONDS);
        }
        try (ThingStore store = ThingStore.open(directory)) {
            final Thing thing = store.get(id).orElseThrow();
            assertThat(thing.getEntityId()).contains(id);
            assertThat(thing.getPolicyId()).isEmpty();
            assertThat(thing.getCreated()).isPresent();
            assertThat(thing.getModified()).isEqualTo(thing.getCreated());
            assertThat(attribute(store, id, "k")).isEqualTo(7);
            // writes on a loaded (not materialized) thing see its content
            store.modify(id, state -> setAttribute(state, "j", 8)).get(10, TimeUnit.SECONDS);
            assertThat(attribute(store, id, "k")).isEqualTo(7);
            assertThat(store.get(id).orElseThrow().getCreated()).isEqualTo(thing.getCreated());
        }
    }

    @Test
    void linesThatAreNotExactlyOneValidEntryAreRefused() {
        final String valid = "{\"thingId\":\"org.example:x\",\"revision\":2,\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"thing\":{\"thingId\":\"org.example:x\",\"_revision\":2,\"attributes\":{\"a\":[1,-2.5e3,\"\\u00e9\"]}}}";
        assertThat(parse(valid).revision()).isEqualTo(2);
        assertThat(ThingsModelFactory.newThing(new String(parse(valid).thing(), StandardCharsets.UTF_8)).getAttributes().orElseThrow().getValue(JsonPointer.of("a"))
                .orElseThrow().asArray().get(2).orElseThrow().asString()).isEqualTo("\u00e9");
        for (final String invalid : List.of(valid + "x", valid.replace("_revision\":2", "_revision\":3"),
                valid.replace("[1,", "[01,"), valid.replace("\"a\":", "\"a\""), valid.substring(0, valid.length() - 1),
                valid.replace("\"revision\":2", "\"revision\":\"2\""), "{}", "[]")) {
            assertThatThrownBy(() -> parse(invalid)).as(invalid).isInstanceOf(RuntimeException.class);
        }
        final String deletion = "{\"thingId\":\"org.example:x\",\"revision\":3,\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"deleted\":true}";
        assertThat(parse(deletion).isDeletion()).isTrue();
    }

    private static JournalEntry parse(final String line) {
        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return JournalEntry.fromJsonLine(bytes, 0, bytes.length);
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
