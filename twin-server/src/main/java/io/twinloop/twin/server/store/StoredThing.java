package io.twinloop.twin.server.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * How the store holds one thing in memory: its revision and the timestamp of its last change, and the thing either
 * as a Ditto {@link Thing} (recently written things: a write of a part of it does not serialize the whole thing) or
 * as its JSON bytes (with {@code _revision}, {@code _created}, {@code _modified}) — or a deletion marker. A Ditto
 * {@code Thing} object graph is about 20 times the size of its JSON, so the writer keeps only the few most recently
 * written things as objects and turns the others into bytes ({@link #compact()}); reads materialize from the bytes.
 * <p>
 * Immutable as seen from outside: it always describes the same thing. Of its two forms at least one is set, and the
 * bytes are set before the object is dropped, so a reader racing with {@link #compact()} finds one or the other.
 */
final class StoredThing {

    final long revision;
    final Instant timestamp;
    /**
     * An upper bound of the size of the thing's JSON ({@code toString().length()}), 0 for a deletion marker: exact
     * when it was last serialized, kept up by the size of each part written since (see {@link ThingDelta#sizeAfter}).
     */
    final long sizeBound;
    private final boolean deleted;
    private volatile byte[] json;
    private volatile Thing thing;

    private StoredThing(final long revision, final Instant timestamp, final long sizeBound, final boolean deleted,
            final byte[] json, final Thing thing) {
        this.revision = revision;
        this.timestamp = timestamp;
        this.sizeBound = sizeBound;
        this.deleted = deleted;
        this.json = json;
        this.thing = thing;
    }

    /** A thing read from disk: bytes only. */
    static StoredThing loaded(final long revision, final Instant timestamp, final byte[] json) {
        return new StoredThing(revision, timestamp, json.length, false, json, null);
    }

    /** A thing just written whole: both forms (the bytes were needed for the journal anyway). */
    static StoredThing written(final long revision, final Instant timestamp, final Thing thing, final byte[] json) {
        return new StoredThing(revision, timestamp, json.length, false, json, thing);
    }

    /** A thing just written in part: the object only, its bytes are made if it is compacted or snapshotted. */
    static StoredThing written(final long revision, final Instant timestamp, final Thing thing, final long sizeBound) {
        return new StoredThing(revision, timestamp, sizeBound, false, null, thing);
    }

    static StoredThing deleted(final long revision, final Instant timestamp) {
        return new StoredThing(revision, timestamp, 0, true, null, null);
    }

    /** The thing's JSON as the store keeps and journals it. */
    static byte[] serialize(final Thing thing) {
        return jsonObjectOf(thing).toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject jsonObjectOf(final Thing thing) {
        return thing.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial());
    }

    boolean isDeletion() {
        return deleted;
    }

    /** The Ditto thing (null for a deletion marker), parsed from the bytes unless held as an object. */
    Thing thing() {
        if (deleted) {
            return null;
        }
        final Thing held = thing;
        return held != null ? held : ThingsModelFactory.newThing(new String(json, StandardCharsets.UTF_8));
    }

    /** The thing's JSON bytes (serialized now if held as an object only); null for a deletion marker. */
    byte[] json() {
        if (deleted) {
            return null;
        }
        final byte[] bytes = json;
        return bytes != null ? bytes : serialize(thing);
    }

    /**
     * The thing's JSON as the model writes it (for replaying deltas on it): through the model even if read from
     * bytes, which an older version may have written differently (e.g. without {@code _namespace}).
     */
    JsonObject jsonObject() {
        return jsonObjectOf(thing());
    }

    /** Whether the thing is held as a Ditto object. */
    boolean isMaterialized() {
        return thing != null;
    }

    /** Keeps only the bytes (writer thread, when the thing leaves the small set of recently written ones). */
    void compact() {
        if (deleted || thing == null) {
            return;
        }
        if (json == null) {
            json = serialize(thing);
        }
        thing = null;
    }
}
