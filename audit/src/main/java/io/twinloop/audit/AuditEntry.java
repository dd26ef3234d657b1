package io.twinloop.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of the decision log, as it is hashed and signed. A decision and what later happens to it (approval or
 * rejection, dispatch, the observed outcome) are separate entries sharing the {@code decisionId}: the log is only
 * ever appended to.
 *
 * @param sequence 1 for the first entry, then one more per entry: a gap or a step back shows a removed or moved entry
 * @param time when it was appended (UTC)
 * @param kind what the entry records, e.g. {@code decision}, {@code approval}, {@code rejection}, {@code dispatch},
 * {@code outcome}
 * @param decisionId the decision it belongs to
 * @param agent who appended it
 * @param keyId the key that signed it ({@link AgentKey#keyId()})
 * @param previousHash the hash of the entry before it ({@link #GENESIS} for the first): the chain
 * @param body what is recorded (a JSON object; its shape is the kind's business)
 */
public record AuditEntry(long sequence, Instant time, String kind, String decisionId, String agent, String keyId,
        String previousHash, ObjectNode body) {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public AuditEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("audit entry: sequence must be at least 1, was " + sequence);
        }
        Objects.requireNonNull(time, "time");
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("audit entry: kind must be 1-40 of a-z, 0-9 and '-', starting with a "
                    + "letter, was '" + kind + "'");
        }
        requireText("decisionId", decisionId);
        requireText("agent", agent);
        requireText("keyId", keyId);
        if (previousHash == null || !HASH.matcher(previousHash).matches()) {
            throw new IllegalArgumentException("audit entry: previousHash must be 64 hex digits, was '" + previousHash
                    + "'");
        }
        body = Objects.requireNonNull(body, "body").deepCopy();
    }

    private static void requireText(final String name, final String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("audit entry: " + name + " must not be empty");
        }
    }

    /** The body, a copy: the entry stays as it was hashed. */
    @Override
    public ObjectNode body() {
        return body.deepCopy();
    }

    /** The entry as JSON, in the log's field names. */
    public ObjectNode toJson() {
        final ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("sequence", sequence);
        json.put("time", time.toString());
        json.put("kind", kind);
        json.put("decisionId", decisionId);
        json.put("agent", agent);
        json.put("keyId", keyId);
        json.put("previousHash", previousHash);
        json.set("body", body.deepCopy());
        return json;
    }

    /** Reads an entry back; throws {@link IllegalArgumentException} naming the missing or bad field. */
    public static AuditEntry fromJson(final JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("entry is not a JSON object");
        }
        final JsonNode body = json.get("body");
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("entry field 'body' must be a JSON object");
        }
        final JsonNode sequence = json.get("sequence");
        if (sequence == null || !sequence.canConvertToExactIntegral() || !sequence.isIntegralNumber()) {
            throw new IllegalArgumentException("entry field 'sequence' must be a whole number");
        }
        final Instant time;
        try {
            time = Instant.parse(text(json, "time"));
        } catch (final java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("entry field 'time' is not an ISO-8601 instant: " + json.get("time"));
        }
        return new AuditEntry(sequence.asLong(), time, text(json, "kind"), text(json, "decisionId"),
                text(json, "agent"), text(json, "keyId"), text(json, "previousHash"), (ObjectNode) body);
    }

    private static String text(final JsonNode json, final String field) {
        final JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("entry field '" + field + "' must be a string");
        }
        return value.asText();
    }

    /** SHA-256 of the canonical JSON of the entry, hex: what the next entry's previousHash and the signature cover. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.bytes(toJson())));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
