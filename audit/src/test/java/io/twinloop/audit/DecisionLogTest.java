package io.twinloop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

class DecisionLogTest {

    @TempDir
    Path tmp;

    private static ObjectNode body(final int value) {
        final ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
        body.put("value", value);
        return body;
    }

    private AgentKey key() {
        return AgentKey.loadOrCreate(tmp.resolve("keys"), "optimizer");
    }

    @Test
    void aReopenedLogContinuesTheChain() {
        final Path log = tmp.resolve("decisions.jsonl");
        try (DecisionLog decisions = DecisionLog.open(log, key())) {
            decisions.append("decision", "d-1", body(1));
            decisions.append("approval", "d-1", body(2));
        }
        try (DecisionLog decisions = DecisionLog.open(log, key())) {
            assertThat(decisions.lastSequence()).isEqualTo(2);
            final SignedEntry third = decisions.append("dispatch", "d-1", body(3));
            assertThat(third.entry().sequence()).isEqualTo(3);
        }
        assertThat(new ChainVerifier(TrustedKeys.of(key())).verify(log).intact()).isTrue();
    }

    @Test
    void anAppendCutShortByACrashIsSetAsideAndTheLogGoesOn() throws IOException {
        final Path log = tmp.resolve("decisions.jsonl");
        try (DecisionLog decisions = DecisionLog.open(log, key())) {
            decisions.append("decision", "d-1", body(1));
        }
        Files.writeString(log, "{\"entry\":{\"sequence\":2,\"ti", StandardOpenOption.APPEND);
        assertThat(new ChainVerifier(TrustedKeys.of(key())).verify(log).findings())
                .extracting(Finding::problem).containsExactly(Finding.Problem.TORN);

        try (DecisionLog decisions = DecisionLog.open(log, key())) {
            assertThat(decisions.append("decision", "d-2", body(2)).entry().sequence()).isEqualTo(2);
        }

        assertThat(new ChainVerifier(TrustedKeys.of(key())).verify(log).intact()).isTrue();
        try (var aside = Files.list(tmp)) {
            final List<Path> torn = aside.filter(p -> p.getFileName().toString().startsWith("decisions.jsonl.torn-"))
                    .toList();
            assertThat(torn).hasSize(1);
            assertThat(Files.readString(torn.get(0))).isEqualTo("{\"entry\":{\"sequence\":2,\"ti");
        }
    }

    @Test
    void aSecondWriterIsRefused() {
        final Path log = tmp.resolve("decisions.jsonl");
        try (DecisionLog first = DecisionLog.open(log, key())) {
            assertThatThrownBy(() -> DecisionLog.open(log, key())).isInstanceOf(AuditLogException.class)
                    .hasMessageContaining("is in use by another writer");
            first.append("decision", "d-1", body(1));
        }
    }

    @Test
    void aLogWithEntriesCutOffItsEndIsNotAppendedTo() throws IOException {
        final Path log = tmp.resolve("decisions.jsonl");
        try (DecisionLog decisions = DecisionLog.open(log, key())) {
            decisions.append("decision", "d-1", body(1));
            decisions.append("decision", "d-2", body(2));
        }
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.write(log, lines.subList(0, 1), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DecisionLog.open(log, key())).isInstanceOf(AuditLogException.class)
                .hasMessageContaining("ends at entry 1 but its head says 2");
    }

    @Test
    void anUnreadableLastEntryRefusesTheOpenNamingTheLog() throws IOException {
        final Path log = tmp.resolve("decisions.jsonl");
        Files.writeString(log, "this is not an entry\n");

        assertThatThrownBy(() -> DecisionLog.open(log, key())).isInstanceOf(AuditLogException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("cannot be read");
    }

    @Test
    void theKeyIsKeptOwnerOnlyAndLoadedAgain() throws IOException {
        final AgentKey first = key();
        final AgentKey again = key();

        assertThat(again.keyId()).isEqualTo(first.keyId()).startsWith("optimizer:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("keys/optimizer.key"))))
                .isEqualTo("rw-------");
        assertThat(TrustedKeys.fromDirectory(tmp.resolve("keys")).key(first.keyId())).isPresent();
    }

    @Test
    void aDamagedKeyFileIsNamed() throws IOException {
        key();
        Files.writeString(tmp.resolve("keys/optimizer.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(this::key).isInstanceOf(AuditLogException.class)
                .hasMessageContaining("optimizer.pub").hasMessageContaining("not an Ed25519 public key");
    }
}
