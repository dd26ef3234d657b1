package io.twinloop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.audit.Finding.Problem;

/** Tampering with a real log file, line by line, and what the verifier says about it. */
class ChainVerifierTest {

    @TempDir
    Path tmp;

    private Path log;
    private AgentKey optimizer;

    @BeforeEach
    void writeFiveEntries() {
        log = tmp.resolve("decisions.jsonl");
        optimizer = AgentKey.loadOrCreate(tmp.resolve("keys"), "optimizer");
        try (DecisionLog decisions = DecisionLog.open(log, optimizer,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC))) {
            for (int i = 1; i <= 5; i++) {
                final ObjectNode body = CanonicalJson.MAPPER.createObjectNode();
                body.put("action", "speed");
                body.put("value", 100 + i);
                body.put("predictedEnergyKwh", 12.5 * i);
                decisions.append("decision", "d-" + i, body);
            }
        }
    }

    private Verification verify() {
        return new ChainVerifier(TrustedKeys.fromDirectory(tmp.resolve("keys"))).verify(log);
    }

    @Test
    void anUntouchedLogIsIntact() {
        final Verification verification = verify();

        assertThat(verification.findings()).isEmpty();
        assertThat(verification.entries()).isEqualTo(5);
        assertThat(verification.lastSequence()).isEqualTo(5);
        assertThat(verification.headChecked()).isTrue();
    }

    @Test
    void anEditedEntryIsFoundAtItsLine() throws IOException {
        rewriteLine(3, line -> line.replace("\"value\":103", "\"value\":130"));

        assertThat(verify().findings()).extracting(Finding::line, Finding::problem)
                .contains(org.assertj.core.groups.Tuple.tuple(3, Problem.EDITED));
    }

    @Test
    void anEditWithARecomputedHashStillFailsItsSignatureAndTheNextLink() throws IOException {
        final List<String> lines = lines();
        final SignedEntry original = SignedEntry.parse(lines.get(2));
        final ObjectNode body = original.entry().body();
        body.put("value", 130);
        final AuditEntry edited = new AuditEntry(3, original.entry().time(), "decision", "d-3", "optimizer",
                original.entry().keyId(), original.entry().previousHash(), body);
        lines.set(2, new SignedEntry(edited, edited.hash(), original.signature()).toLine());
        Files.write(log, lines, StandardCharsets.UTF_8);

        assertThat(verify().findings()).extracting(Finding::line, Finding::problem).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, Problem.BAD_SIGNATURE),
                org.assertj.core.groups.Tuple.tuple(4, Problem.BROKEN_LINK));
    }

    @Test
    void anEntryResignedWithAnotherKeyIsNotTrusted() throws IOException {
        final AgentKey intruder = AgentKey.loadOrCreate(tmp.resolve("elsewhere"), "optimizer");
        final List<String> lines = lines();
        final AuditEntry original = SignedEntry.parse(lines.get(1)).entry();
        final AuditEntry forged = new AuditEntry(2, original.time(), "decision", "d-2", "optimizer",
                intruder.keyId(), original.previousHash(), original.body());
        lines.set(1, SignedEntry.sign(forged, intruder).toLine());
        Files.write(log, lines, StandardCharsets.UTF_8);

        assertThat(verify().findings()).extracting(Finding::line, Finding::problem)
                .contains(org.assertj.core.groups.Tuple.tuple(2, Problem.UNTRUSTED_KEY));
    }

    @Test
    void aRemovedEntryIsNamed() throws IOException {
        final List<String> lines = lines();
        lines.remove(2);
        Files.write(log, lines, StandardCharsets.UTF_8);

        final List<Finding> findings = verify().findings();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).problem()).isEqualTo(Problem.REMOVED);
        assertThat(findings.get(0).message()).isEqualTo("entry 3 is missing (after line 2)");
    }

    @Test
    void swappedEntriesAreReportedAsReordered() throws IOException {
        final List<String> lines = lines();
        Collections.swap(lines, 2, 3);
        Files.write(log, lines, StandardCharsets.UTF_8);

        final List<Finding> findings = verify().findings();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0)).extracting(Finding::line, Finding::sequence, Finding::problem)
                .containsExactly(4, 3L, Problem.REORDERED);
        assertThat(findings.get(0).message()).isEqualTo("entry 3 comes after entry 4 (line 3)");
    }

    @Test
    void entriesCutOffTheEndAreShownByTheSignedHead() throws IOException {
        final List<String> lines = lines();
        Files.write(log, lines.subList(0, 3), StandardCharsets.UTF_8);

        final List<Finding> findings = verify().findings();
        assertThat(findings).extracting(Finding::problem).containsExactly(Problem.TRUNCATED);
        assertThat(findings.get(0).message()).contains("entries 4 to 5 were removed from its end");
    }

    @Test
    void aRepeatedEntryAndAnUnreadableLineAreReported() throws IOException {
        final List<String> lines = lines();
        lines.add(2, lines.get(1));
        lines.set(4, "{\"entry\": not json");
        Files.write(log, lines, StandardCharsets.UTF_8);

        assertThat(verify().findings()).extracting(Finding::line, Finding::problem).contains(
                org.assertj.core.groups.Tuple.tuple(3, Problem.DUPLICATE),
                org.assertj.core.groups.Tuple.tuple(5, Problem.MALFORMED));
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    private void rewriteLine(final int number, final java.util.function.UnaryOperator<String> change)
            throws IOException {
        final List<String> lines = lines();
        final String changed = change.apply(lines.get(number - 1));
        assertThat(changed).as("the test's edit applies").isNotEqualTo(lines.get(number - 1));
        lines.set(number - 1, changed);
        Files.write(log, lines, StandardCharsets.UTF_8);
    }
}
