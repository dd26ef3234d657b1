package io.twinloop.ditto.guard;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The signature headers of a write, as received: who signed ({@code keyId}), the signature, the decision, the
 * revision it was based on, an optional expiry and an optional approval.
 */
public record WriteProvenance(String keyId, String signature, String decisionId, long basedOnRevision,
                              Optional<Instant> notAfter, Optional<String> approvalKeyId,
                              Optional<String> approval) {

    /**
     * The provenance in {@code headers} (names case-insensitive), or empty when the write carries neither a key id
     * nor a signature (an unsigned write).
     *
     * @throws IllegalArgumentException naming the header when the provenance is incomplete or malformed
     */
    public static Optional<WriteProvenance> fromHeaders(final Map<String, String> headers) {
        final Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        if (!h.containsKey(WriteHeaders.KEY_ID) && !h.containsKey(WriteHeaders.SIGNATURE)) {
            return Optional.empty();
        }
        final String keyId = required(h, WriteHeaders.KEY_ID);
        final String signature = required(h, WriteHeaders.SIGNATURE);
        final String decisionId = required(h, WriteHeaders.DECISION_ID);
        final String revisionText = required(h, WriteHeaders.BASED_ON_REVISION);
        final long revision;
        try {
            revision = Long.parseLong(revisionText.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("header " + WriteHeaders.BASED_ON_REVISION + " '" + revisionText
                    + "' is not a revision number");
        }
        if (revision < 0) {
            throw new IllegalArgumentException("header " + WriteHeaders.BASED_ON_REVISION + " must not be negative");
        }
        Optional<Instant> notAfter = Optional.empty();
        if (h.containsKey(WriteHeaders.NOT_AFTER)) {
            try {
                notAfter = Optional.of(Instant.parse(h.get(WriteHeaders.NOT_AFTER).trim()));
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException("header " + WriteHeaders.NOT_AFTER + " '"
                        + h.get(WriteHeaders.NOT_AFTER) + "' is not an ISO-8601 instant (2026-11-22T10:05:00Z)");
            }
        }
        final Optional<String> approvalKeyId = Optional.ofNullable(h.get(WriteHeaders.APPROVAL_KEY_ID));
        final Optional<String> approval = Optional.ofNullable(h.get(WriteHeaders.APPROVAL));
        if (approvalKeyId.isPresent() != approval.isPresent()) {
            throw new IllegalArgumentException("headers " + WriteHeaders.APPROVAL_KEY_ID + " and "
                    + WriteHeaders.APPROVAL + " come together; only one was sent");
        }
        return Optional.of(new WriteProvenance(keyId.trim(), signature.trim(), decisionId, revision, notAfter,
                approvalKeyId.map(String::trim), approval.map(String::trim)));
    }

    private static String required(final Map<String, String> headers, final String name) {
        final String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + name + " is missing (a signed write carries "
                    + WriteHeaders.KEY_ID + ", " + WriteHeaders.SIGNATURE + ", " + WriteHeaders.DECISION_ID + " and "
                    + WriteHeaders.BASED_ON_REVISION + ")");
        }
        return value;
    }

    /** The document this provenance claims to have signed for {@code write}. */
    public SignedDocument document(final DesiredWrite write) {
        return new SignedDocument(write, basedOnRevision, decisionId, keyId, notAfter);
    }
}
