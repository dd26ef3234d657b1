package io.twinloop.ditto.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * What an agent signs for a desired write, and what an operator signs to approve it:
 * <pre>
 * {"thingId":"plant:press-1","operation":"modify","path":"/features/Op/desiredProperties/Speed",
 *  "value":1200,"basedOnRevision":41,"decisionId":"d-42","keyId":"optimizer:1f0c9a0b2c3d4e5f",
 *  "notAfter":"2026-11-22T10:05:00Z"}
 * </pre>
 * serialized as RFC 8785 canonical JSON (UTF-8), prefixed with a purpose line so that a write signature can never
 * pass as an approval or the other way round: {@code twinloop-desired-write/1\n} resp.
 * {@code twinloop-desired-approval/1\n}. {@code notAfter} is present only when the write names one.
 */
public record SignedDocument(DesiredWrite write, long basedOnRevision, String decisionId, String keyId,
                             Optional<Instant> notAfter) {

    static final String WRITE_PURPOSE = "twinloop-desired-write/1\n";
    static final String APPROVAL_PURPOSE = "twinloop-desired-approval/1\n";

    public SignedDocument {
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(notAfter, "notAfter");
        if (basedOnRevision < 0) {
            throw new IllegalArgumentException("basedOnRevision must not be negative: " + basedOnRevision);
        }
    }

    /** The document as JSON (before canonicalization). */
    public JsonObject toJson() {
        final JsonObjectBuilder builder = JsonObject.newBuilder()
                .set("thingId", write.thingId())
                .set("operation", write.operation().wireName())
                .set("path", write.path().toString())
                .set("value", write.desiredValue())
                .set("basedOnRevision", basedOnRevision)
                .set("decisionId", decisionId)
                .set("keyId", keyId);
        notAfter.ifPresent(time -> builder.set("notAfter", time.toString()));
        return builder.build();
    }

    /** The bytes the agent's key signs. */
    public byte[] writeBytes() {
        return withPurpose(WRITE_PURPOSE);
    }

    /** The bytes an approver's key signs. */
    public byte[] approvalBytes() {
        return withPurpose(APPROVAL_PURPOSE);
    }

    private byte[] withPurpose(final String purpose) {
        final byte[] prefix = purpose.getBytes(StandardCharsets.US_ASCII);
        final byte[] canonical = canonical(toJson());
        final byte[] bytes = new byte[prefix.length + canonical.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(canonical, 0, bytes, prefix.length, canonical.length);
        return bytes;
    }

    /** RFC 8785 canonical UTF-8 bytes of a JSON object (the same library as module audit). */
    static byte[] canonical(final JsonObject json) {
        try {
            return new JsonCanonicalizer(json.toString()).getEncodedUTF8();
        } catch (final IOException e) {
            throw new IllegalArgumentException("the signed document cannot be canonicalized: " + e.getMessage(), e);
        }
    }
}
