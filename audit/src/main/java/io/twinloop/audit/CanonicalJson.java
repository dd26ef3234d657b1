package io.twinloop.audit;

import java.io.IOException;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bytes that are hashed and signed: RFC 8785 (JSON Canonicalization Scheme), so the same entry gives the same
 * bytes whoever wrote or re-read it (member order, number format, escaping).
 */
final class CanonicalJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    static byte[] bytes(final JsonNode json) {
        try {
            return new JsonCanonicalizer(MAPPER.writeValueAsString(json)).getEncodedUTF8();
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        } catch (final IOException e) {
            throw new IllegalArgumentException("JSON cannot be canonicalized: " + e.getMessage(), e);
        }
    }
}
