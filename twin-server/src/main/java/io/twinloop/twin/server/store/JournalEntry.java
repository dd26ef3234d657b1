package io.twinloop.twin.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * One change of one thing: the thing as it is after the change, or its deletion. The same line format is used by
 * the journal and the snapshot, so both are read by one parser:
 * {@code {"thingId":"ns:name","revision":7,"timestamp":"…","thing":{…}}} or {@code …,"deleted":true}}.
 * <p>
 * The thing is carried as its JSON bytes ({@link StoredThing}): written once when the change is made, embedded
 * verbatim in the journal and snapshot lines, and cut out of them verbatim when loading.
 *
 * @param thingId the thing
 * @param stored revision, timestamp and JSON of the thing after the change (or the deletion marker)
 */
record JournalEntry(ThingId thingId, StoredThing stored) {

    JournalEntry {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(stored, "stored");
    }

    /** The entry for a stamped thing (see {@link ThingState#stamp}), serialized once. */
    static JournalEntry written(final ThingId thingId, final Thing thing, final Instant timestamp) {
        final byte[] json = thing.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return new JournalEntry(thingId,
                StoredThing.of(thing.getRevision().orElseThrow().toLong(), timestamp, json, thing));
    }

    static JournalEntry deleted(final ThingId thingId, final long revision, final Instant timestamp) {
        return new JournalEntry(thingId, StoredThing.deleted(revision, timestamp));
    }

    long revision() {
        return stored.revision;
    }

    boolean isDeletion() {
        return stored.isDeletion();
    }

    /** One line of JSON, with its line break. */
    byte[] toJsonLine() {
        final String head = "{\"thingId\":" + JsonValue.of(thingId.toString()) + ",\"revision\":" + stored.revision
                + ",\"timestamp\":\"" + stored.timestamp + "\",";
        final byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        if (stored.isDeletion()) {
            return (head + "\"deleted\":true}\n").getBytes(StandardCharsets.UTF_8);
        }
        final byte[] thingKey = "\"thing\":".getBytes(StandardCharsets.US_ASCII);
        final ByteArrayOutputStream line = new ByteArrayOutputStream(
                headBytes.length + thingKey.length + stored.json.length + 2);
        line.writeBytes(headBytes);
        line.writeBytes(thingKey);
        line.writeBytes(stored.json);
        line.write('}');
        line.write('\n');
        return line.toByteArray();
    }

    /**
     * Parses one line written by {@link #toJsonLine()} ({@code bytes[start, end)}, without the line break). The
     * whole line is validated as JSON and the embedded thing's {@code thingId}/{@code _revision} must match the
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
            return new JournalEntry(thingId, StoredThing.of(revision, timestamp,
                    Arrays.copyOfRange(bytes, thing.start(), thing.end()), null));
        }
        final JsonScanner.Span deleted = members.get("deleted");
        if (deleted != null && deleted.end() - deleted.start() == 4 && bytes[deleted.start()] == 't') {
            return deleted(thingId, revision, timestamp);
        }
        throw new IllegalArgumentException("entry has neither 'thing' nor 'deleted'");
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
