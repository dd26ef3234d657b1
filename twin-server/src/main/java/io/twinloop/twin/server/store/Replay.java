package io.twinloop.twin.server.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Rebuilds the things from the snapshot and the journal at start. Whole things and deletions replace what is known;
 * a delta is applied to the thing's JSON as the entry before it left it. The things last changed by deltas are kept
 * as Ditto JSON objects while replaying (so a thing changed ten thousand times is not re-serialized each time), at
 * most {@link #OPEN_THINGS} of them (a JSON object graph is many times the size of the compressed JSON, and the
 * journal may change every thing once); the others, and all of them at the end ({@link #finish()}), are compressed.
 * <p>
 * Entries not newer than what is known are skipped: the journal may overlap the snapshot after a crash between
 * writing the snapshot and emptying the journal.
 */
final class Replay {

    private static final String REVISION = Thing.JsonFields.REVISION.getPointer().toString().substring(1);
    private static final String MODIFIED = Thing.JsonFields.MODIFIED.getPointer().toString().substring(1);
    private static final String CREATED = Thing.JsonFields.CREATED.getPointer().toString().substring(1);

    /** A thing changed by deltas, not yet turned into bytes. */
    private record Replayed(long revision, Instant timestamp, JsonObject json) {}

    /** Things held as JSON objects while replaying at most. */
    static final int OPEN_THINGS = 64;

    private final Map<ThingId, StoredThing> things;
    /** Least recently changed first; the eldest is compressed when there are too many. */
    private final Map<ThingId, Replayed> replayed = new LinkedHashMap<>(OPEN_THINGS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<ThingId, Replayed> eldest) {
            if (size() <= OPEN_THINGS) {
                return false;
            }
            close(eldest.getKey(), eldest.getValue());
            return true;
        }
    };

    /** @param things where the result goes; must be thread-safe, as a snapshot is read in parallel regions */
    Replay(final Map<ThingId, StoredThing> things) {
        this.things = things;
    }

    /**
     * A snapshot line: whole things and deletions only, each thing once (so regions may be read in parallel). A
     * format-2 snapshot holds things deflated, so loading them is copying bytes; a format-1 snapshot's are
     * compressed here, once.
     */
    void snapshotEntry(final JournalEntry entry) {
        if (entry.isDelta()) {
            throw new IllegalArgumentException("a snapshot holds whole things only, not a delta");
        }
        things.put(entry.thingId(), stored(entry));
    }

    /**
     * A journal line, in order.
     *
     * @return whether it was applied (false: not newer than what is known)
     * @throws IllegalArgumentException if it is a delta of a thing that does not exist or whose revision is not
     *         the one right before the entry's (an entry in between is missing)
     */
    boolean journalEntry(final JournalEntry entry) {
        final ThingId id = entry.thingId();
        final Replayed changed = replayed.get(id);
        final StoredThing known = changed == null ? things.get(id) : null;
        final long knownRevision = changed != null ? changed.revision() : known != null ? known.revision : 0L;
        if ((changed != null || known != null) && entry.revision() <= knownRevision) {
            return false;
        }
        if (!entry.isDelta()) {
            replayed.remove(id);
            things.put(id, stored(entry));
            return true;
        }
        if (changed == null && (known == null || known.isDeletion())) {
            throw new IllegalArgumentException("a change of part of " + id + ", which does not exist before it");
        }
        if (entry.revision() != knownRevision + 1) {
            throw new IllegalArgumentException("a change of part of " + id + " at revision " + entry.revision()
                    + " follows revision " + knownRevision + ": the entries in between are missing");
        }
        final JsonObject before = changed != null ? changed.json() : known.jsonObject();
        replayed.put(id, new Replayed(entry.revision(), entry.timestamp(),
                stamp(entry.delta().applyTo(before), entry.revision(), entry.timestamp())));
        return true;
    }

    /** Turns the things changed by deltas into bytes; call once, after the last entry. */
    void finish() {
        replayed.forEach(this::close);
        replayed.clear();
    }

    private void close(final ThingId id, final Replayed thing) {
        things.put(id, StoredThing.loaded(thing.revision(), thing.timestamp(),
                CompressedJson.of(thing.json().toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** As {@link ThingState#stamp} stamps: new revision and modification time, creation time kept (or set). */
    static JsonObject stamp(final JsonObject json, final long revision, final Instant timestamp) {
        JsonObject stamped = json.setValue(REVISION, JsonValue.of(revision))
                .setValue(MODIFIED, JsonValue.of(timestamp.toString()));
        if (!stamped.contains(CREATED)) {
            stamped = stamped.setValue(CREATED, JsonValue.of(timestamp.toString()));
        }
        return stamped;
    }

    private static StoredThing stored(final JournalEntry entry) {
        return entry.isDeletion() ? StoredThing.deleted(entry.revision(), entry.timestamp())
                : StoredThing.loaded(entry.revision(), entry.timestamp(), entry.compressedThing());
    }
}
