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
 * as its JSON (with {@code _revision}, {@code _created}, {@code _modified}), deflated ({@link CompressedJson}) — or
 * a deletion marker. A Ditto {@code Thing} object graph is about 20 times the size of its JSON, and that JSON about
 * ten times the size of its deflated bytes, so the writer keeps only the few most recently written things as objects
 * and compresses the others ({@link #compact()}); reads inflate and materialize.
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
    /** Whether {@link #sizeBound} is the size measured when the thing was last serialized, not a bound kept up. */
    final boolean sizeMeasured;
    private final boolean deleted;
    /** The cold form. */
    private volatile CompressedJson compressed;
    /** The JSON of a thing just written whole (it was needed for the journal): spares serializing it to compact. */
    private volatile byte[] json;
    /** The hot form. */
    private volatile Thing thing;

    private StoredThing(final long revision, final Instant timestamp, final long sizeBound,
            final boolean sizeMeasured, final boolean deleted, final CompressedJson compressed, final byte[] json,
            final Thing thing) {
        this.revision = revision;
        this.timestamp = timestamp;
        this.sizeBound = sizeBound;
        this.sizeMeasured = sizeMeasured;
        this.deleted = deleted;
        this.compressed = compressed;
        this.json = json;
        this.thing = thing;
    }

    /** A thing read from disk: compressed only. */
    static StoredThing loaded(final long revision, final Instant timestamp, final CompressedJson compressed) {
        return new StoredThing(revision, timestamp, compressed.length(), true, false, compressed, null, null);
    }

    /** A thing just written whole: the object, and its JSON until it is compacted. */
    static StoredThing written(final long revision, final Instant timestamp, final Thing thing, final byte[] json) {
        return new StoredThing(revision, timestamp, json.length, true, false, null, json, thing);
    }

    /**
     * A thing just written in part: the object only, its bytes are made if it is compacted or snapshotted.
     *
     * @param measured whether {@code sizeBound} was measured for this write rather than kept up from the last
     */
    static StoredThing written(final long revision, final Instant timestamp, final Thing thing, final long sizeBound,
            final boolean measured) {
        return new StoredThing(revision, timestamp, sizeBound, measured, false, null, null, thing);
    }

    static StoredThing deleted(final long revision, final Instant timestamp) {
        return new StoredThing(revision, timestamp, 0, true, true, null, null, null);
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

    /** The Ditto thing (null for a deletion marker), inflated and parsed unless held as an object. */
    Thing thing() {
        if (deleted) {
            return null;
        }
        final Thing held = thing;
        return held != null ? held : ThingsModelFactory.newThing(new String(json(), StandardCharsets.UTF_8));
    }

    /**
     * The thing's JSON bytes (inflated, or serialized if held as an object only); null for a deletion marker.
     * The forms are read in the order {@link #compact()} does not drop them in, so one of them is always found.
     */
    byte[] json() {
        if (deleted) {
            return null;
        }
        final Thing held = thing;
        if (held != null) {
            final byte[] bytes = json;
            return bytes != null ? bytes : serialize(held);
        }
        return compressed.inflate();
    }

    /** The thing's compressed JSON (compressed now if it is held as an object only); null for a deletion marker. */
    CompressedJson compressed() {
        if (deleted) {
            return null;
        }
        final CompressedJson cold = compressed;
        return cold != null ? cold : CompressedJson.of(json());
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

    /** Keeps only the compressed JSON (writer thread, when the thing leaves the set of recently written ones). */
    void compact() {
        if (deleted || thing == null) {
            return;
        }
        if (compressed == null) {
            compressed = CompressedJson.of(json());
        }
        // the cold form is set before the others are dropped (see json())
        thing = null;
        json = null;
    }
}
