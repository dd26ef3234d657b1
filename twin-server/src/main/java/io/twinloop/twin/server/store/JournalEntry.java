package io.twinloop.twin.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * One change of one thing as one line of the journal (and, whole things only, of the snapshot):
 * <ul>
 * <li>the whole thing after the change: {@code {"thingId":"ns:name","revision":7,"timestamp":"…","thing":{…}}}</li>
 * <li>the whole thing deflated (format 2; snapshots): {@code {…,"deflated":"<base64>","length":35012,"crc32":…}}
 * ({@link CompressedJson}: the JSON's length in bytes, CRC-32 of the deflated bytes)</li>
 * <li>its deletion: {@code {…,"deleted":true}}</li>
 * <li>a part of it (format 2, see {@link ThingDelta}): {@code {…,"set":["features","f","properties","p"],"value":42}}
 * or {@code {…,"remove":["attributes","a"]}}: the pointer as its keys, so no key needs escaping; a merge patch
 * applied at a pointer (format 3): {@code {…,"merge":["features"],"value":{"f":{"properties":{"p":42}}}}}.</li>
 * </ul>
 * A whole thing is carried as its JSON bytes: written once when the change is made, embedded verbatim in the line,
 * and cut out of it verbatim when loading.
 *
 * @param thingId the thing
 * @param revision the thing's revision after the change
 * @param timestamp when the change was made
 * @param thing the whole thing's JSON (with {@code _revision} etc.), or null
 * @param compressed the whole thing's JSON deflated, or null
 * @param delta the part changed, or null; none of the three: a deletion
 */
record JournalEntry(ThingId thingId, long revision, Instant timestamp, byte[] thing, CompressedJson compressed,
        ThingDelta delta) {

    JournalEntry {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(timestamp, "timestamp");
        if ((thing != null ? 1 : 0) + (compressed != null ? 1 : 0) + (delta != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("an entry carries the whole thing once or a delta, not several");
        }
    }

    static JournalEntry whole(final ThingId thingId, final long revision, final Instant timestamp, final byte[] json) {
        return new JournalEntry(thingId, revision, timestamp, Objects.requireNonNull(json, "json"), null, null);
    }

    static JournalEntry whole(final ThingId thingId, final long revision, final Instant timestamp,
            final CompressedJson json) {
        return new JournalEntry(thingId, revision, timestamp, null, Objects.requireNonNull(json, "json"), null);
    }

    static JournalEntry deleted(final ThingId thingId, final long revision, final Instant timestamp) {
        return new JournalEntry(thingId, revision, timestamp, null, null, null);
    }

    static JournalEntry delta(final ThingId thingId, final long revision, final Instant timestamp,
            final ThingDelta delta) {
        return new JournalEntry(thingId, revision, timestamp, null, null, Objects.requireNonNull(delta, "delta"));
    }

    /** The entry that restores {@code stored} as it is (for snapshots): the whole thing deflated, or the deletion. */
    static JournalEntry of(final ThingId thingId, final StoredThing stored) {
        return stored.isDeletion() ? deleted(thingId, stored.revision, stored.timestamp)
                : whole(thingId, stored.revision, stored.timestamp, stored.compressed());
    }

    boolean isDeletion() {
        return thing == null && compressed == null && delta == null;
    }

    /** The whole thing, compressed (compressing it now if the entry carries it as text); null if not whole. */
    CompressedJson compressedThing() {
        return compressed != null ? compressed : thing != null ? CompressedJson.of(thing) : null;
    }

    boolean isDelta() {
        return delta != null;
    }

    /** One line of JSON, with its line break. */
    byte[] toJsonLine() {
        final String head = "{\"thingId\":" + JsonValue.of(thingId.toString()) + ",\"revision\":" + revision
                + ",\"timestamp\":\"" + timestamp + "\",";
        if (delta != null) {
            final String keys = keysOf(delta.pointer());
            final String operation = delta.merge() ? "\"merge\":" : "\"set\":";
            final String tail = delta.value().map(v -> operation + keys + ",\"value\":" + v + "}\n")
                    .orElseGet(() -> "\"remove\":" + keys + "}\n");
            return (head + tail).getBytes(StandardCharsets.UTF_8);
        }
        if (compressed != null) {
            return (head + "\"deflated\":\"" + Base64.getEncoder().encodeToString(compressed.deflated())
                    + "\",\"length\":" + compressed.length() + ",\"crc32\":" + compressed.crc32() + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (thing == null) {
            return (head + "\"deleted\":true}\n").getBytes(StandardCharsets.UTF_8);
        }
        final byte[] headBytes = (head + "\"thing\":").getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream line = new ByteArrayOutputStream(headBytes.length + thing.length + 2);
        line.writeBytes(headBytes);
        line.writeBytes(thing);
        line.write('}');
        line.write('\n');
        return line.toByteArray();
    }

    /** The pointer's keys as a JSON array of strings, written out directly (no Ditto array built per write). */
    private static String keysOf(final JsonPointer pointer) {
        final StringBuilder keys = new StringBuilder(64).append('[');
        for (final JsonKey key : pointer) {
            if (keys.length() > 1) {
                keys.append(',');
            }
            keys.append(JsonValue.of(key.toString()));
        }
        return keys.append(']').toString();
    }

    /**
     * Parses one line written by {@link #toJsonLine()} ({@code bytes[start, end)}, without the line break). The
     * whole line is validated as JSON and an embedded thing's {@code thingId}/{@code _revision} must match the
     * entry's, but no Ditto {@code Thing} is built: that happens when the thing is first read.
     *
     * @throws IllegalArgumentException (or a Ditto model runtime exception) if the line is not a valid entry
     */
    static JournalEntry fromJsonLine(final byte[] bytes, final int start, final int end) {
        final Map<String, JsonScanner.Span> members = JsonScanner.members(bytes, start, end);
        final ThingId thingId = ThingId.of(JsonScanner.string(bytes, required(members, "thingId")));
        final long revision;
        try {
            revision = JsonScanner.integer(bytes, required(members, "revision"));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("'revision' is not an integer");
        }
        final Instant timestamp = Instant.parse(JsonScanner.string(bytes, required(members, "timestamp")));
        final JsonScanner.Span thing = members.get("thing");
        if (thing != null) {
            if (bytes[thing.start()] != '{') {
                throw new IllegalArgumentException("'thing' is not an object");
            }
            final Map<String, JsonScanner.Span> thingMembers = JsonScanner.members(bytes, thing.start(), thing.end());
            final JsonScanner.Span id = thingMembers.get("thingId");
            final JsonScanner.Span thingRevision = thingMembers.get("_revision");
            if (id == null || !thingId.toString().equals(JsonScanner.string(bytes, id))
                    || thingRevision == null || !isInteger(bytes, thingRevision, revision)) {
                throw new IllegalArgumentException("thing JSON does not match the entry's thingId/revision");
            }
            return whole(thingId, revision, timestamp, Arrays.copyOfRange(bytes, thing.start(), thing.end()));
        }
        final JsonScanner.Span deflated = members.get("deflated");
        if (deflated != null) {
            final CompressedJson json;
            try {
                json = new CompressedJson(Base64.getDecoder().decode(JsonScanner.string(bytes, deflated)),
                        Math.toIntExact(JsonScanner.integer(bytes, required(members, "length"))));
                if (json.crc32() != JsonScanner.integer(bytes, required(members, "crc32"))) {
                    throw new IllegalArgumentException("the deflated thing does not match its 'crc32'");
                }
            } catch (final NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("'length' or 'crc32' is not a valid integer");
            }
            return whole(thingId, revision, timestamp, json);
        }
        final JsonScanner.Span set = members.get("set");
        if (set != null) {
            final JsonValue value = JsonFactory.readFrom(text(bytes, required(members, "value")));
            return delta(thingId, revision, timestamp,
                    new ThingDelta(pointer(bytes, set), Optional.of(value), Optional.empty(), false));
        }
        final JsonScanner.Span merge = members.get("merge");
        if (merge != null) {
            final JsonValue patch = JsonFactory.readFrom(text(bytes, required(members, "value")));
            return delta(thingId, revision, timestamp, ThingDelta.merge(pointer(bytes, merge), patch));
        }
        final JsonScanner.Span remove = members.get("remove");
        if (remove != null) {
            return delta(thingId, revision, timestamp,
                    new ThingDelta(pointer(bytes, remove), Optional.empty(), Optional.empty(), false));
        }
        final JsonScanner.Span deleted = members.get("deleted");
        if (deleted != null && deleted.end() - deleted.start() == 4 && bytes[deleted.start()] == 't') {
            return deleted(thingId, revision, timestamp);
        }
        throw new IllegalArgumentException("entry has neither 'thing', 'deflated', 'set', 'merge', 'remove' nor 'deleted'");
    }

    private static JsonPointer pointer(final byte[] bytes, final JsonScanner.Span span) {
        final JsonValue keys = JsonFactory.readFrom(text(bytes, span));
        if (!keys.isArray() || keys.asArray().isEmpty()) {
            throw new IllegalArgumentException("a delta's pointer must be a non-empty array of keys");
        }
        JsonPointer pointer = JsonPointer.empty();
        for (final JsonValue key : keys.asArray()) {
            if (!key.isString()) {
                throw new IllegalArgumentException("a delta's pointer must be a non-empty array of keys");
            }
            pointer = pointer.addLeaf(JsonKey.of(key.asString()));
        }
        return pointer;
    }

    private static String text(final byte[] bytes, final JsonScanner.Span span) {
        return new String(bytes, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
    }

    private static boolean isInteger(final byte[] bytes, final JsonScanner.Span span, final long expected) {
        try {
            return JsonScanner.integer(bytes, span) == expected;
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    private static JsonScanner.Span required(final Map<String, JsonScanner.Span> members, final String key) {
        final JsonScanner.Span span = members.get(key);
        if (span == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return span;
    }
}
