package io.twinloop.twin.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingUnavailableException;
import org.eclipse.ditto.things.model.signals.events.ThingCreated;
import org.eclipse.ditto.things.model.signals.events.ThingDeleted;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingModified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable set of things. Reads are lock-free from a map of compact {@link StoredThing}s (a thing's JSON bytes;
 * the Ditto {@link Thing} is materialized on read). All writes run on one writer thread, which appends to the
 * {@link Journal} and forces it to disk before the map is updated and the caller's future completes, so nobody ever
 * sees (or is acknowledged) a change that could be lost.
 * <p>
 * <b>Group commit:</b> the writer takes every write waiting in its queue (up to {@link #MAX_GROUP}), runs them in
 * order (each sees the ones before it, even on the same thing), appends all their journal lines with one write and
 * forces the journal once; only then does it publish the group to the map, tell the {@link ChangeListener}s (in
 * revision order) and hand the futures to completion threads. Under load, one fsync thus acknowledges many writes.
 * <p>
 * <b>Speculation:</b> one writer thread would also be the limit on CPU, so each write is first computed on its
 * caller's thread against the latest durable state (the Ditto model work and the journal line); the writer only
 * checks that the thing's state is still the one computed against (the same stored object) and otherwise runs the
 * write again itself. Different things, the common case, thus cost the writer almost nothing but the fsync.
 * <p>
 * <b>Back-pressure:</b> the queue holds at most {@link #QUEUE_CAPACITY} writes. When it is full, {@link #modify}
 * does not wait (it is called from request-handling threads that must not block) and does not queue: it fails at
 * once with Ditto's {@link ThingUnavailableException} ({@code things:thing.unavailable}, 503), which a client retries.
 */
public final class ThingStore implements AutoCloseable {

    /** Room for the stamp ({@code _revision}, {@code _created}, {@code _modified}) over a measured thing's JSON. */
    private static final long STAMP_BYTES = 128;

    /** Changes between snapshots; bounds both journal size and replay time at start. */
    public static final int DEFAULT_SNAPSHOT_INTERVAL = 10_000;
    public static final String JOURNAL_FILE = "journal.jsonl";
    /** The snapshot ({@link BinarySnapshot}). */
    public static final String SNAPSHOT_FILE = BinarySnapshot.FILE;
    /** The snapshot of formats 1 to 3 ({@link Snapshot}), read if there is no binary snapshot yet. */
    public static final String LEGACY_SNAPSHOT_FILE = "snapshot.jsonl";
    /** Writes waiting for the writer at most; more are refused with 503 (see class comment). */
    public static final int QUEUE_CAPACITY = 4096;
    /** Writes committed with one journal force at most. */
    public static final int MAX_GROUP = 512;
    /**
     * Heap that the recently written things kept as Ditto objects may take, by default: a thing written again and
     * again is then neither re-parsed nor re-serialized for every write. 128 MB hold about 90 of the demo's twins
     * (58 kB of JSON each) or about 35,000 small things of 150 bytes.
     */
    public static final long DEFAULT_HELD_MEMORY = 128L << 20;
    /** The heap of a thing held as Ditto objects per byte of its JSON: measured 1.4 MB for a demo twin of 58 kB. */
    static final int HELD_BYTES_PER_JSON_BYTE = 25;
    /** A thing written this recently is taken to be written in turn with the others (see {@link #publishToMap}). */
    private static final long IN_TURN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final Logger LOG = LoggerFactory.getLogger(ThingStore.class);

    private final Path directory;
    private final int snapshotInterval;
    /** Current things and deletion markers (deleted things' last revision: a re-created thing continues counting). */
    private final Map<ThingId, StoredThing> things;
    /** Number of entries in {@link #things} that are not deletion markers. */
    private volatile int size;
    private final Journal journal;
    private final BlockingQueue<Task<?>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    /** The things last written and held as objects, oldest first; writer thread only. */
    private final LinkedHashMap<ThingId, Held> recentlyWritten = new LinkedHashMap<>();
    /** The sum of {@link #recentlyWritten}'s estimates; writer thread only. */
    private long heldBytes;
    private final long heldMemory;
    private int changesSinceSnapshot;
    private volatile long groupsCommitted;
    private long changesCommitted;
    /** Writes whose speculative run (see {@link Task#speculate}) held at commit; writer thread only. */
    private long speculationsConfirmed;
    private volatile boolean closed;
    /** Completes the writes' futures, so that their continuations do not run on the writer thread. */
    private final ExecutorService completions = Executors.newFixedThreadPool(2, r -> {
        final Thread thread = new Thread(r, "twin-store-completion");
        thread.setDaemon(true);
        return thread;
    });

    private ThingStore(final Path directory, final int snapshotInterval, final long heldMemory,
            final Map<ThingId, StoredThing> things, final Journal journal, final int changesSinceSnapshot) {
        this.directory = directory;
        this.heldMemory = heldMemory;
        this.snapshotInterval = snapshotInterval;
        this.things = things;
        this.size = (int) things.values().stream().filter(t -> !t.isDeletion()).count();
        this.journal = journal;
        this.changesSinceSnapshot = changesSinceSnapshot;
        this.writer = new Thread(this::writeLoop, "twin-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public static ThingStore open(final Path directory) throws IOException {
        return open(directory, DEFAULT_SNAPSHOT_INTERVAL);
    }

    /**
     * Loads the snapshot, replays the journal (a torn last line is dropped with a warning) and opens for writing.
     * Things are loaded as their JSON bytes (validated as JSON, thing id and revision checked); no Ditto
     * {@code Thing} is built until one is read.
     *
     * @throws StoreCorruptedException naming file and line if the data directory holds an unreadable entry
     */
    public static ThingStore open(final Path directory, final int snapshotInterval) throws IOException {
        return open(directory, snapshotInterval, DEFAULT_HELD_MEMORY);
    }

    /**
     * As {@link #open(Path, int)}, the recently written things kept as objects up to {@code heldMemory} bytes of
     * estimated heap ({@value #HELD_BYTES_PER_JSON_BYTE} times their JSON); at least the last written thing is.
     */
    public static ThingStore open(final Path directory, final int snapshotInterval, final long heldMemory)
            throws IOException {
        if (heldMemory < 0) {
            throw new IllegalArgumentException("the memory for things held as objects must not be negative: "
                    + heldMemory);
        }
        Files.createDirectories(directory);
        final long start = System.nanoTime();
        final Map<ThingId, StoredThing> things = new ConcurrentHashMap<>();
        final Replay replay = new Replay(things);
        final boolean legacySnapshot = !Files.exists(directory.resolve(SNAPSHOT_FILE))
                && Files.exists(directory.resolve(LEGACY_SNAPSHOT_FILE));
        if (legacySnapshot) {
            Snapshot.read(directory.resolve(LEGACY_SNAPSHOT_FILE), replay::snapshotEntry);
        } else {
            BinarySnapshot.read(directory.resolve(SNAPSHOT_FILE), replay::snapshotEntry);
        }
        final int[] replayed = {0};
        final Journal journal = Journal.openAndReplay(directory.resolve(JOURNAL_FILE), entry -> {
            if (replay.journalEntry(entry)) {
                replayed[0]++;
            }
        });
        replay.finish();
        // counted as a change, so that a snapshot of an earlier format is rewritten as a binary one, at close at the latest
        final ThingStore store = new ThingStore(directory, snapshotInterval, heldMemory, things, journal,
                replayed[0] + (legacySnapshot ? 1 : 0));
        LOG.info("Opened twin store {} in {} ms: {} things, {} journal entries replayed", directory,
                (System.nanoTime() - start) / 1_000_000, store.size, replayed[0]);
        return store;
    }

    /** Registers a listener for every later change; see {@link ChangeListener} for its threading rules. */
    public void addListener(final ChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(final ChangeListener listener) {
        listeners.remove(listener);
    }

    /** The estimated heap of the written things held as Ditto objects (see {@link #open(Path, int, long)}). */
    long heldBytes() {
        return heldBytes;
    }

    /** How many things are held as Ditto objects now. */
    int materializedCount() {
        return (int) things.values().stream().filter(StoredThing::isMaterialized).count();
    }

    /** Whether the thing is held as a Ditto object now. */
    boolean isMaterialized(final ThingId thingId) {
        final StoredThing stored = things.get(thingId);
        return stored != null && stored.isMaterialized();
    }

    /** The thing as last acknowledged; lock-free (materialized from its stored JSON unless recently written). */
    public Optional<Thing> get(final ThingId thingId) {
        final StoredThing stored = things.get(thingId);
        return stored == null ? Optional.empty() : Optional.ofNullable(stored.thing());
    }

    /**
     * The thing's JSON as a reader of all of it gets it, if the store holds it compressed (a thing held as an
     * object, recently written, is answered faster from that object): see {@link StoredThingJson}.
     */
    public Optional<StoredThingJson> unmaterializedJson(final ThingId thingId) {
        final StoredThing stored = things.get(thingId);
        if (stored == null || stored.isDeletion() || stored.isMaterialized()) {
            return Optional.empty();
        }
        return Optional.of(StoredThingJson.of(stored.revision, stored.json()));
    }

    /** Whether the thing currently exists, without materializing it. */
    public boolean contains(final ThingId thingId) {
        final StoredThing stored = things.get(thingId);
        return stored != null && !stored.isDeletion();
    }

    /**
     * The ids of all current things: a lock-free, weakly consistent view (a write acknowledged during the iteration
     * may or may not be seen), materializing nothing.
     */
    public Stream<ThingId> thingIds() {
        return things.entrySet().stream().filter(e -> !e.getValue().isDeletion()).map(Map.Entry::getKey);
    }

    /**
     * All current things, each materialized as the stream reaches it (about 0.1–0.2 ms per demo-sized thing), with
     * the same weak consistency as {@link #thingIds()}.
     */
    public Stream<Thing> things() {
        return things.values().stream().map(StoredThing::thing).filter(Objects::nonNull);
    }

    /** All current things for a scan (search), each looked at only as far as the scan needs. */
    public Stream<ScannedThing> scan() {
        return things.values().stream().filter(t -> !t.isDeletion()).map(ScannedThing::new);
    }

    public int size() {
        return size;
    }

    /** Groups committed so far (each with one journal force if it changed anything); for tests and metrics. */
    long groupsCommitted() {
        return groupsCommitted;
    }

    /**
     * Runs {@code modification} against the thing's current state and persists its {@link Change}. It runs first
     * on the caller's thread against the latest durable state and, if that state is no longer current when the
     * writer commits (another write of the same thing came first) or the run failed, again on the writer thread:
     * so it must be a quick, non-blocking, side-effect-free function of the state that may run twice. The future
     * completes with the change's result after it is durable, or exceptionally with whatever the modification
     * threw (nothing is persisted then), or at once with
     * {@link ThingUnavailableException} (503) if {@link #QUEUE_CAPACITY} writes are already waiting.
     */
    public <R> CompletableFuture<R> modify(final ThingId thingId, final Function<ThingState, Change<R>> modification) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        final Task<R> task = new Task<>(thingId, modification);
        task.speculate(things.get(thingId), listeners.stream().anyMatch(ChangeListener::wantsEvents));
        if (!queue.offer(task)) {
            return CompletableFuture.failedFuture(ThingUnavailableException.newBuilder(thingId)
                    .message("The twin store is overloaded: " + QUEUE_CAPACITY + " writes are waiting.")
                    .description("Try again later.")
                    .build());
        }
        // close() may have run between the check and the offer; if the writer did not take the task, nobody will
        if (closed && queue.remove(task)) {
            task.future.completeExceptionally(closedException());
        }
        return task.future;
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("twin store is closed");
    }

    /** A write waiting for the writer. */
    private static final class Task<R> {
        final ThingId thingId;
        final Function<ThingState, Change<R>> modification;
        final CompletableFuture<R> future = new CompletableFuture<>();
        // set by speculation or by the writer while the group is committed
        ThingState state;
        Change<R> change;
        /** The state the write runs against (null: the thing never existed). */
        StoredThing before;
        JournalEntry entry;
        /** The thing as the store will hold it after the write (null: nothing changes). */
        StoredThing after;
        byte[] line;
        Throwable failure;
        /** The state a successful speculation ran against; it stands if that is still the state at commit. */
        private StoredThing speculatedOn;
        private boolean speculated;

        Task(final ThingId thingId, final Function<ThingState, Change<R>> modification) {
            this.thingId = thingId;
            this.modification = modification;
        }

        /**
         * Runs the modification on the caller's thread against the latest durable state, including the costly
         * parts (building the Ditto thing and event, rendering the journal line), so that the single writer
         * thread only has to confirm that nothing changed in between. A failure is not kept: it is redone
         * against the state the write will really meet.
         */
        void speculate(final StoredThing current, final boolean withEvent) {
            run(current, (current == null ? 0L : current.revision) + 1);
            prepareEntry();
            if (withEvent && failure == null) {
                try {
                    change.event().ifPresent(Supplier::get);
                } catch (final RuntimeException e) {
                    failure = e;
                }
            }
            speculated = failure == null;
            speculatedOn = current;
            if (!speculated) {
                reset();
            }
        }

        /** Whether the speculation still holds for {@code before}, the state at commit (same object: unchanged). */
        boolean speculatedOn(final StoredThing before) {
            return speculated && speculatedOn == before;
        }

        void reset() {
            state = null;
            change = null;
            before = null;
            entry = null;
            after = null;
            line = null;
            failure = null;
            speculated = false;
        }

        void prepareEntry() {
            if (failure != null) {
                return;
            }
            try {
                entry = entry(state, change, before);
                if (entry != null) {
                    after = stored(entry, change, before);
                    line = entry.toJsonLine();
                }
            } catch (final RuntimeException | AssertionError e) {
                // an assertion (a delta that does not describe the change, see entry) fails the write, not the writer
                failure = e;
            }
        }

        void run(final StoredThing before, final long nextRevision) {
            this.before = before;
            try {
                state = new ThingState(thingId, Optional.ofNullable(before == null ? null : before.thing()),
                        nextRevision, Instant.now(), before == null ? 0 : before.sizeBound);
                change = modification.apply(state);
                Objects.requireNonNull(change, "modification returned no change");
            } catch (final RuntimeException | Error e) {
                failure = e;
            }
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(change.result());
            }
        }
    }

    /** Queued by {@link #close()}: the writer commits what is before it, snapshots and stops. */
    private final Task<Void> closeMarker = new Task<>(null, null);

    private void writeLoop() {
        final List<Task<?>> group = new ArrayList<>(MAX_GROUP);
        boolean stop = false;
        while (!stop) {
            group.clear();
            try {
                group.add(queue.take());
            } catch (final InterruptedException e) {
                LOG.warn("Twin store writer interrupted; stopping");
                break;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            final int close = group.indexOf(closeMarker);
            if (close >= 0) {
                stop = true;
                group.subList(close + 1, group.size()).forEach(t -> t.future.completeExceptionally(closedException()));
                final Task<?> marker = group.get(close);
                group.subList(close, group.size()).clear();
                try {
                    commit(group);
                    if (changesSinceSnapshot > 0) {
                        snapshot();
                    }
                } catch (final RuntimeException | Error e) {
                    LOG.error("Twin store writer failed while closing", e);
                }
                LOG.info("Twin store {} closed: {} changes committed in {} groups ({} computed ahead of the writer)",
                        directory, changesCommitted, groupsCommitted, speculationsConfirmed);
                marker.future.complete(null);
            } else {
                try {
                    commit(group);
                } catch (final RuntimeException | Error e) {
                    // commit completes every future itself; this is a bug, keep the writer alive
                    LOG.error("Twin store writer failed", e);
                    group.forEach(t -> t.future.completeExceptionally(e));
                }
            }
        }
        Task<?> left;
        while ((left = queue.poll()) != null) {
            left.future.completeExceptionally(closedException());
        }
    }

    /** Runs the group in order, persists it with one force, then publishes it and completes its futures. */
    private void commit(final List<Task<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        // what the group has changed so far: later writes of the group see it, readers do not (not durable yet)
        final Map<ThingId, StoredThing> pending = new HashMap<>();
        final List<byte[]> lines = new ArrayList<>(group.size());
        for (final Task<?> task : group) {
            final StoredThing before = pending.containsKey(task.thingId) ? pending.get(task.thingId)
                    : things.get(task.thingId);
            if (!task.speculatedOn(before)) {
                task.reset();
                task.run(before, (before == null ? 0L : before.revision) + 1);
                task.prepareEntry();
            } else {
                speculationsConfirmed++;
            }
            if (task.failure == null && task.entry != null) {
                pending.put(task.thingId, task.after);
                lines.add(task.line);
            }
        }
        try {
            journal.append(lines);
        } catch (final IOException e) {
            // nothing of the group is durable, and even its unchanged answers may have seen its changes
            final UncheckedIOException failure = new UncheckedIOException("could not write " + journal.file(), e);
            LOG.error("Journal write failed; {} writes refused", group.size(), e);
            group.forEach(t -> t.future.completeExceptionally(failure));
            return;
        }
        groupsCommitted++;
        int changes = 0;
        for (final Task<?> task : group) {
            if (task.entry != null) {
                publishToMap(task.thingId, task.after);
                changes++;
            }
        }
        for (final Task<?> task : group) {
            if (task.entry != null) {
                notifyListeners(task.state, task.change);
            }
        }
        // the answers' continuations (rendering HTTP responses, ...) run on the completion threads, not here
        final List<Task<?>> done = List.copyOf(group);
        completions.execute(() -> done.forEach(Task::complete));
        changesSinceSnapshot += changes;
        changesCommitted += changes;
        if (changesSinceSnapshot >= snapshotInterval) {
            snapshot();
        }
    }

    /** The journal entry of a change (null: nothing to persist): the part it changed if it says so, else whole. */
    static JournalEntry entry(final ThingState state, final Change<?> change, final StoredThing before) {
        return switch (change.kind()) {
            case NONE -> null;
            case DELETE -> JournalEntry.deleted(state.thingId(), state.nextRevision(), state.now());
            case WRITE -> {
                final Thing thing = change.thing().orElseThrow();
                if (!thing.getEntityId().map(state.thingId()::equals).orElse(false)
                        || thing.getRevision().map(r -> r.toLong() != state.nextRevision()).orElse(true)) {
                    throw new IllegalStateException("modification did not stamp the thing with ThingState.stamp");
                }
                if (change.delta().isEmpty()) {
                    yield JournalEntry.whole(state.thingId(), state.nextRevision(), state.now(),
                            StoredThing.serialize(thing));
                }
                if (before == null || before.isDeletion()) {
                    throw new IllegalStateException("a delta describes a change of an existing thing only");
                }
                final ThingDelta delta = change.delta().get();
                assert replaysExactly(before, delta, state, thing) : "the delta at " + delta.pointer() + " of "
                        + state.thingId() + " does not describe the whole change of the thing";
                yield JournalEntry.delta(state.thingId(), state.nextRevision(), state.now(), delta);
            }
        };
    }

    /** The thing as held after the change journaled as {@code entry}. */
    private static StoredThing stored(final JournalEntry entry, final Change<?> change, final StoredThing before) {
        if (entry.isDeletion()) {
            return StoredThing.deleted(entry.revision(), entry.timestamp());
        }
        final Thing thing = change.thing().orElseThrow();
        // a delta only raises the bound (a merge adds its whole patch), until a measured size resets it: without
        // that, a twin merged often soon looks too close to the limit and every merge serializes it to check
        return entry.isDelta()
                ? StoredThing.written(entry.revision(), entry.timestamp(), thing, change.measuredSize() > 0
                        ? change.measuredSize() + STAMP_BYTES : entry.delta().sizeAfter(before.sizeBound),
                        change.measuredSize() > 0)
                : StoredThing.written(entry.revision(), entry.timestamp(), thing, entry.thing());
    }

    /**
     * Whether replaying the delta on the thing before gives exactly the thing the modification made (checked with
     * assertions enabled, so every test run checks every delta-journaled write it makes).
     */
    private static boolean replaysExactly(final StoredThing before, final ThingDelta delta, final ThingState state,
            final Thing after) {
        final JsonObject replayed = Replay.stamp(delta.applyTo(before.jsonObject()), state.nextRevision(), state.now());
        // compared as re-read from text, as a restart would see both
        return JsonFactory.readFrom(replayed.toString())
                .equals(JsonFactory.readFrom(StoredThing.jsonObjectOf(after).toString()));
    }

    /** Writer thread: makes a durable change visible, keeping only the latest few things materialized. */
    private void publishToMap(final ThingId thingId, final StoredThing stored) {
        final StoredThing before = things.put(thingId, stored);
        final boolean wasThing = before != null && !before.isDeletion();
        if (wasThing != !stored.isDeletion()) {
            size += stored.isDeletion() ? -1 : 1;
        }
        final Held previous = recentlyWritten.remove(thingId);
        if (previous != null) {
            heldBytes -= previous.bytes();
        }
        if (!stored.isDeletion()) {
            final long now = System.nanoTime();
            // a bound kept up by merges grows with every merge, the thing hardly: the last measured size is nearer
            final Held held = new Held(now, stored.sizeMeasured || previous == null
                    ? stored.sizeBound * HELD_BYTES_PER_JSON_BYTE : previous.bytes());
            recentlyWritten.put(thingId, held);
            heldBytes += held.bytes();
            while (heldBytes > heldMemory && recentlyWritten.size() > 1) {
                final Map.Entry<ThingId, Held> oldest = recentlyWritten.entrySet().iterator().next();
                // More things written in turn than are kept (a connector's 72 twins, each every few ms): dropping
                // the oldest would drop each thing just before its next write, so every write would parse and
                // compact its whole thing. The ones kept stay kept and the newcomer goes back to its bytes instead.
                final ThingId compacted = now - oldest.getValue().writtenNanos() < IN_TURN_NANOS ? thingId
                        : oldest.getKey();
                heldBytes -= recentlyWritten.remove(compacted).bytes();
                // only the current entry: an older one of the same thing may still be read and is left alone
                things.get(compacted).compact();
                if (compacted.equals(thingId)) {
                    break;
                }
            }
        }
    }

    /** A thing held as objects: when it was written (nano time) and its estimated heap. */
    private record Held(long writtenNanos, long bytes) {}

    /** After the change is durable; a failing listener must not fail a write that already happened. */
    private void notifyListeners(final ThingState state, final Change<?> change) {
        if (listeners.isEmpty()) {
            return;
        }
        final Supplier<ThingEvent<?>> event = change.event().orElseGet(() -> () -> defaultEvent(state, change));
        for (final ChangeListener listener : listeners) {
            try {
                listener.changed(event, change.thing());
            } catch (final RuntimeException e) {
                LOG.error("Change listener {} failed on a change of {}", listener, state.thingId(), e);
            }
        }
    }

    /** The whole-thing events, for modifications that do not describe themselves more precisely. */
    private static ThingEvent<?> defaultEvent(final ThingState state, final Change<?> change) {
        final DittoHeaders headers = DittoHeaders.empty();
        if (change.kind() == Change.Kind.DELETE) {
            return ThingDeleted.of(state.thingId(), state.nextRevision(), state.now(), headers, null);
        }
        final Thing thing = change.thing().orElseThrow();
        return state.current().isEmpty()
                ? ThingCreated.of(thing, state.nextRevision(), state.now(), headers, null)
                : ThingModified.of(thing, state.nextRevision(), state.now(), headers, null);
    }

    /** Writes a snapshot and empties the journal; writer thread only. Copies bytes, builds no things. */
    private void snapshot() {
        final List<JournalEntry> entries = new ArrayList<>(things.size());
        things.forEach((id, stored) -> entries.add(JournalEntry.of(id, stored)));
        try {
            BinarySnapshot.write(directory.resolve(SNAPSHOT_FILE), entries);
            // the binary snapshot is read first from now on; an older one is only in the way
            Files.deleteIfExists(directory.resolve(LEGACY_SNAPSHOT_FILE));
            // a crash right here leaves a journal that overlaps the snapshot; replay skips the old revisions
            journal.truncate();
            changesSinceSnapshot = 0;
            LOG.debug("Snapshot of {} things written to {}", size, directory);
        } catch (final IOException e) {
            // the journal still holds every change, so this costs replay time, not data
            LOG.error("Could not write snapshot in {}", directory, e);
        }
    }

    /** Commits what is queued, snapshots, closes the journal and stops the writer thread. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(closeMarker);
            closeMarker.future.get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            LOG.error("Final snapshot of {} failed; the journal is kept", directory, e);
        } finally {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
                if (writer.isAlive()) {
                    writer.interrupt();
                }
                completions.shutdown();
                if (!completions.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Answers of {} still pending at close", directory);
                }
                journal.close();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final IOException e) {
                LOG.warn("Closing {} failed", journal.file(), e);
            }
        }
    }
}
