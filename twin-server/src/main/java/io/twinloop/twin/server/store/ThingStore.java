package io.twinloop.twin.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingCreated;
import org.eclipse.ditto.things.model.signals.events.ThingDeleted;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingModified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable set of things. Reads are lock-free from a map of immutable Ditto {@link Thing}s; all writes run on one
 * writer thread, which appends to the {@link Journal} and forces it to disk before the map is updated and the
 * caller's future completes, so nobody ever sees (or is acknowledged) a change that could be lost.
 */
public final class ThingStore implements AutoCloseable {

    /** Changes between snapshots; bounds both journal size and replay time at start. */
    public static final int DEFAULT_SNAPSHOT_INTERVAL = 10_000;
    public static final String JOURNAL_FILE = "journal.jsonl";
    public static final String SNAPSHOT_FILE = "snapshot.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(ThingStore.class);

    private final Path directory;
    private final int snapshotInterval;
    private final Map<ThingId, Thing> things;
    /** Deleted things' last revision: a re-created thing continues counting, as in Ditto. */
    private final Map<ThingId, JournalEntry> deletions;
    private final Journal journal;
    private final ExecutorService writer;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private int changesSinceSnapshot;
    private volatile boolean closed;

    private ThingStore(final Path directory, final int snapshotInterval, final Map<ThingId, Thing> things,
            final Map<ThingId, JournalEntry> deletions, final Journal journal, final int changesSinceSnapshot) {
        this.directory = directory;
        this.snapshotInterval = snapshotInterval;
        this.things = things;
        this.deletions = deletions;
        this.journal = journal;
        this.changesSinceSnapshot = changesSinceSnapshot;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "twin-store-writer");
            t.setDaemon(true);
            return t;
        });
    }

    public static ThingStore open(final Path directory) throws IOException {
        return open(directory, DEFAULT_SNAPSHOT_INTERVAL);
    }

    /**
     * Loads the snapshot, replays the journal (a torn last line is dropped with a warning) and opens for writing.
     *
     * @throws StoreCorruptedException naming file and line if the data directory holds an unreadable entry
     */
    public static ThingStore open(final Path directory, final int snapshotInterval) throws IOException {
        Files.createDirectories(directory);
        final Map<ThingId, Thing> things = new ConcurrentHashMap<>();
        final Map<ThingId, JournalEntry> deletions = new ConcurrentHashMap<>();
        final Function<JournalEntry, Boolean> apply = entry -> apply(things, deletions, entry);
        Snapshot.read(directory.resolve(SNAPSHOT_FILE), apply::apply);
        final int[] replayed = {0};
        final Journal journal = Journal.openAndReplay(directory.resolve(JOURNAL_FILE), entry -> {
            if (apply.apply(entry)) {
                replayed[0]++;
            }
        });
        LOG.info("Opened twin store {}: {} things, {} journal entries replayed", directory, things.size(),
                replayed[0]);
        return new ThingStore(directory, snapshotInterval, things, deletions, journal, replayed[0]);
    }

    /** Applies an entry unless it is not newer than what is known (the journal may overlap the snapshot). */
    private static boolean apply(final Map<ThingId, Thing> things, final Map<ThingId, JournalEntry> deletions,
            final JournalEntry entry) {
        if (entry.revision() <= lastRevision(things, deletions, entry.thingId())) {
            return false;
        }
        if (entry.isDeletion()) {
            things.remove(entry.thingId());
            deletions.put(entry.thingId(), entry);
        } else {
            deletions.remove(entry.thingId());
            things.put(entry.thingId(), entry.thing().orElseThrow());
        }
        return true;
    }

    private static long lastRevision(final Map<ThingId, Thing> things, final Map<ThingId, JournalEntry> deletions,
            final ThingId thingId) {
        final Thing thing = things.get(thingId);
        if (thing != null) {
            return thing.getRevision().orElseThrow().toLong();
        }
        final JournalEntry deletion = deletions.get(thingId);
        return deletion == null ? 0L : deletion.revision();
    }

    /** Registers a listener for every later change; see {@link ChangeListener} for its threading rules. */
    public void addListener(final ChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(final ChangeListener listener) {
        listeners.remove(listener);
    }

    public Optional<Thing> get(final ThingId thingId) {
        return Optional.ofNullable(things.get(thingId));
    }

    public int size() {
        return things.size();
    }

    /**
     * Runs {@code modification} on the writer thread against the thing's current state and persists its
     * {@link Change}. The future completes with the change's result after it is durable, or exceptionally with
     * whatever the modification threw (nothing is persisted then).
     */
    public <R> CompletableFuture<R> modify(final ThingId thingId, final Function<ThingState, Change<R>> modification) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("twin store is closed"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                final long next = lastRevision(things, deletions, thingId) + 1;
                final ThingState state = new ThingState(thingId, get(thingId), next, Instant.now());
                final Change<R> change = modification.apply(state);
                persist(state, change);
                return change.result();
            }, writer);
        } catch (final RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("twin store is closed", e));
        }
    }

    private void persist(final ThingState state, final Change<?> change) {
        final JournalEntry entry = switch (change.kind()) {
            case NONE -> null;
            case DELETE -> JournalEntry.deleted(state.thingId(), state.nextRevision(), state.now());
            case WRITE -> JournalEntry.written(change.thing().orElseThrow(), state.now());
        };
        if (entry == null) {
            return;
        }
        if (entry.revision() != state.nextRevision() || !entry.thingId().equals(state.thingId())) {
            throw new IllegalStateException("modification did not stamp the thing with ThingState.stamp");
        }
        try {
            journal.append(entry);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write " + journal.file(), e);
        }
        apply(things, deletions, entry);
        publish(state, change);
        if (++changesSinceSnapshot >= snapshotInterval) {
            snapshot();
        }
    }

    /** After the change is durable; a failing listener must not fail a write that already happened. */
    private void publish(final ThingState state, final Change<?> change) {
        if (listeners.isEmpty()) {
            return;
        }
        final ThingEvent<?> event = change.event().orElseGet(() -> defaultEvent(state, change));
        for (final ChangeListener listener : listeners) {
            try {
                listener.changed(event, change.thing());
            } catch (final RuntimeException e) {
                LOG.error("Change listener {} failed on {}", listener, event.getType(), e);
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

    /** Writes a snapshot and empties the journal; writer thread only. */
    private void snapshot() {
        final List<JournalEntry> entries = new ArrayList<>(things.size() + deletions.size());
        things.values().forEach(t -> entries.add(JournalEntry.written(t, t.getModified().orElse(Instant.now()))));
        entries.addAll(deletions.values());
        try {
            Snapshot.write(directory.resolve(SNAPSHOT_FILE), entries);
            // a crash right here leaves a journal that overlaps the snapshot; replay skips the old revisions
            journal.truncate();
            changesSinceSnapshot = 0;
            LOG.debug("Snapshot of {} things written to {}", things.size(), directory);
        } catch (final IOException e) {
            // the journal still holds every change, so this costs replay time, not data
            LOG.error("Could not write snapshot in {}", directory, e);
        }
    }

    /** Snapshots, closes the journal and stops the writer thread. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.submit(() -> {
                if (changesSinceSnapshot > 0) {
                    snapshot();
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            LOG.error("Final snapshot of {} failed; the journal is kept", directory, e);
        } finally {
            writer.shutdown();
            try {
                if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                    writer.shutdownNow();
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
