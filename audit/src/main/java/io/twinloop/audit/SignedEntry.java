package io.twinloop.audit;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of the log: the entry, its hash as written, and the signature of that hash by the entry's key.
 * {@code {"entry":{...},"hash":"<64 hex>","signature":"<Base64 Ed25519>"}}.
 */
public record SignedEntry(AuditEntry entry, String hash, String signature) {

    static SignedEntry sign(final AuditEntry entry, final AgentKey key) {
        final String hash = entry.hash();
        return new SignedEntry(entry, hash, key.signBase64(hash.getBytes(StandardCharsets.US_ASCII)));
    }

    String toLine() {
        final ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.set("entry", entry.toJson());
        json.put("hash", hash);
        json.put("signature", signature);
        try {
            return CanonicalJson.MAPPER.writeValueAsString(json);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit entry: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a line; {@link IllegalArgumentException} says what is wrong with it. */
    static SignedEntry parse(final String line) {
        final JsonNode json;
        try {
            json = CanonicalJson.MAPPER.readTree(line);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        final JsonNode hash = json.get("hash");
        final JsonNode signature = json.get("signature");
        if (hash == null || !hash.isTextual() || signature == null || !signature.isTextual()) {
            throw new IllegalArgumentException("'hash' and 'signature' must be strings");
        }
        return new SignedEntry(AuditEntry.fromJson(json.get("entry")), hash.asText(), signature.asText());
    }
}
