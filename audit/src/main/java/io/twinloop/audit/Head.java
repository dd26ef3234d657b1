package io.twinloop.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last entry's sequence and hash, signed, in {@code <log>.head} beside the log: the chain alone cannot show that
 * entries were cut off its end, the head can (unless the head is replaced by an older one of the same key, which is
 * why it should also be kept elsewhere, see the module README).
 */
public record Head(long sequence, String hash, String keyId, String signature) {

    static Path fileOf(final Path log) {
        return log.resolveSibling(log.getFileName() + ".head");
    }

    static Head sign(final long sequence, final String hash, final AgentKey key) {
        return new Head(sequence, hash, key.keyId(), key.signBase64(signed(sequence, hash)));
    }

    static byte[] signed(final long sequence, final String hash) {
        return ("twinloop-audit-head:" + sequence + ":" + hash).getBytes(StandardCharsets.US_ASCII);
    }

    /** Replaces the head file in one step: a reader sees the old head or the new one. */
    void write(final Path log) throws IOException {
        final ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("sequence", sequence);
        json.put("hash", hash);
        json.put("keyId", keyId);
        json.put("signature", signature);
        final Path file = fileOf(log);
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, CanonicalJson.MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<Head> read(final Path log) {
        final Path file = fileOf(log);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            final JsonNode json = CanonicalJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            final JsonNode sequence = json == null ? null : json.get("sequence");
            if (sequence == null || !sequence.isIntegralNumber() || !json.path("hash").isTextual()
                    || !json.path("keyId").isTextual() || !json.path("signature").isTextual()) {
                throw new AuditLogException(file + " is not an audit log head (sequence, hash, keyId, signature)");
            }
            return Optional.of(new Head(sequence.asLong(), json.get("hash").asText(), json.get("keyId").asText(),
                    json.get("signature").asText()));
        } catch (final JsonProcessingException e) {
            throw new AuditLogException(file + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (final IOException e) {
            throw new AuditLogException("cannot read " + file + ": " + e, e);
        }
    }
}
