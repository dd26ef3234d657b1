package io.twinloop.twin.server.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * How the store holds one thing in memory: its JSON as UTF-8 bytes (exactly as journaled, with {@code _revision},
 * {@code _created}, {@code _modified}) plus its revision and the timestamp of its last change, or a deletion marker.
 * A Ditto {@link Thing} object graph is about 20 times the size of its JSON, so things are materialized on demand;
 * the writer keeps the {@code Thing} of the few most recently written entries attached ({@link #cached}) so that a
 * thing written again and again is not re-parsed for every write.
 * <p>
 * Immutable apart from the cache, which only ever holds the {@code Thing} these bytes describe (or null): a reader
 * racing with the writer's eviction either sees it or parses the bytes, and gets the same thing either way.
 */
final class StoredThing {

    final long revision;
    final Instant timestamp;
    /** The thing's JSON, null for a deletion marker. */
    final byte[] json;
    private volatile Thing cached;

    private StoredThing(final long revision, final Instant timestamp, final byte[] json, final Thing cached) {
        this.revision = revision;
        this.timestamp = timestamp;
        this.json = json;
        this.cached = cached;
    }

    static StoredThing of(final long revision, final Instant timestamp, final byte[] json, final Thing thing) {
        return new StoredThing(revision, timestamp, json, thing);
    }

    static StoredThing deleted(final long revision, final Instant timestamp) {
        return new StoredThing(revision, timestamp, null, null);
    }

    boolean isDeletion() {
        return json == null;
    }

    /** The Ditto thing (null for a deletion marker), parsed from the bytes unless still cached. */
    Thing thing() {
        if (json == null) {
            return null;
        }
        final Thing thing = cached;
        return thing != null ? thing : ThingsModelFactory.newThing(new String(json, StandardCharsets.UTF_8));
    }

    /** Drops the materialized thing (writer thread, when the entry leaves the small cache of recent writes). */
    void uncache() {
        cached = null;
    }
}
