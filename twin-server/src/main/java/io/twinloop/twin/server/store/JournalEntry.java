package io.twinloop.twin.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * One change of one thing: the thing as it is after the change, or its deletion. The same line format is used by
 * the journal and the snapshot, so both are read by one parser.
 *
 * @param thingId the thing
 * @param revision the thing's revision after the change
 * @param timestamp when the change was applied
 * @param thing the full thing after the change (with revision and timestamps), empty for a deletion
 */
public record JournalEntry(ThingId thingId, long revision, Instant timestamp, Optional<Thing> thing) {

    public JournalEntry {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(thing, "thing");
    }

    public static JournalEntry written(final Thing thing, final Instant timestamp) {
        return new JournalEntry(thing.getEntityId().orElseThrow(), thing.getRevision().orElseThrow().toLong(),
                timestamp, Optional.of(thing));
    }

    public static JournalEntry deleted(final ThingId thingId, final long revision, final Instant timestamp) {
        return new JournalEntry(thingId, revision, timestamp, Optional.empty());
    }

    public boolean isDeletion() {
        return thing.isEmpty();
    }

    /** One line of JSON, without the line break. */
    public String toJsonLine() {
        final var builder = JsonFactory.newObjectBuilder()
                .set("thingId", thingId.toString())
                .set("revision", revision)
                .set("timestamp", timestamp.toString());
        thing.ifPresentOrElse(
                t -> builder.set("thing", t.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial())),
                () -> builder.set("deleted", true));
        return builder.build().toString();
    }

    /**
     * Parses one line written by {@link #toJsonLine()}.
     *
     * @throws IllegalArgumentException (or a Ditto JSON/model runtime exception) if the line is not a valid entry
     */
    public static JournalEntry fromJsonLine(final String line) {
        final JsonObject json = JsonFactory.readFrom(line).asObject();
        final ThingId thingId = ThingId.of(requiredString(json, "thingId"));
        final long revision = json.getValue("revision").filter(JsonValue::isNumber).map(JsonValue::asLong)
                .orElseThrow(() -> new IllegalArgumentException("missing 'revision'"));
        final Instant timestamp = Instant.parse(requiredString(json, "timestamp"));
        final Optional<JsonValue> thingJson = json.getValue("thing");
        if (thingJson.isPresent()) {
            final Thing thing = ThingsModelFactory.newThing(thingJson.get().asObject());
            if (!thing.getEntityId().map(thingId::equals).orElse(false)
                    || thing.getRevision().map(r -> r.toLong() != revision).orElse(true)) {
                throw new IllegalArgumentException("thing JSON does not match the entry's thingId/revision");
            }
            return new JournalEntry(thingId, revision, timestamp, Optional.of(thing));
        }
        if (json.getValue("deleted").filter(JsonValue::isBoolean).map(JsonValue::asBoolean).orElse(false)) {
            return deleted(thingId, revision, timestamp);
        }
        throw new IllegalArgumentException("entry has neither 'thing' nor 'deleted'");
    }

    private static String requiredString(final JsonObject json, final String key) {
        return json.getValue(key).filter(JsonValue::isString).map(JsonValue::asString)
                .orElseThrow(() -> new IllegalArgumentException("missing '" + key + "'"));
    }
}
