package io.twinloop.ditto.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.ditto.guard.GuardDecision.Outcome;

/** Round trips through the signing helper and the guard, without Ditto commands (as the twin server uses it). */
class WriteSignerTest {

    private static final String THING = "plant:press-1";
    private static final JsonPointer PATH = JsonPointer.of("/features/Op/desiredProperties");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final TestKeys keys = new TestKeys();

    private DesiredWriteGuard guard(final TrustedKeys agentKeys, final boolean requireNotAfter,
            final Duration maxValidity, final int maxValueBytes) {
        return DesiredWriteGuard.of(new GuardConfig(true, Map.of("optimizer", Set.of("pre:optimizer")), agentKeys,
                keys.trusted("alice"), GuardConfig.OtherSubjects.REFUSE,
                new ImpactRule(List.of(PathPattern.parse("/features/*/desiredProperties/Speed"))), requireNotAfter,
                maxValidity, maxValueBytes), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private DesiredWriteGuard guard() {
        return guard(keys.trusted("optimizer"), false, Duration.ZERO, 65_536);
    }

    private static WriteAttempt attempt(final JsonValue value, final Map<String, String> headers) {
        return WriteAttempt.of(THING, Operation.MERGE, PATH, value, headers, List.of("pre:optimizer"));
    }

    private static DesiredWrite write(final JsonValue value) {
        return DesiredWrite.of(THING, Operation.MERGE, PATH, value).orElseThrow();
    }

    @Test
    void aSignedWriteIsAcceptedAndItsHeadersNameEverything() {
        final JsonObject value = JsonObject.of("{\"Feed\":12.5}");
        final Map<String, String> headers = keys.signer("optimizer").sign(write(value), 41, "d-42", Optional.empty());

        assertThat(headers).containsEntry(WriteHeaders.IF_MATCH, "\"rev:41\"")
                .containsEntry(WriteHeaders.BASED_ON_REVISION, "41")
                .containsEntry(WriteHeaders.DECISION_ID, "d-42")
                .containsEntry(WriteHeaders.KEY_ID, keys.signer("optimizer").keyId());
        assertThat(keys.signer("optimizer").keyId()).matches("optimizer:[0-9a-f]{16}");
        assertThat(guard().check(attempt(value, headers)).outcome()).isEqualTo(Outcome.SIGNED);
    }

    @Test
    void theSignatureCoversMeaningNotFormatting() {
        // what the agent signed and what the twin parses may differ in member order and number format
        final Map<String, String> headers = keys.signer("optimizer")
                .sign(write(JsonObject.of("{\"a\":1.0,\"b\":\"x\"}")), 7, "d-1", Optional.empty());

        assertThat(guard().check(attempt(JsonObject.of("{\"b\":\"x\",\"a\":1}"), headers)).outcome())
                .isEqualTo(Outcome.SIGNED);
        assertThat(guard().check(attempt(JsonObject.of("{\"b\":\"x\",\"a\":2}"), headers)).outcome())
                .isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void keysLoadFromModuleAuditsKeyFiles(@TempDir final Path dir) throws Exception {
        keys.write(dir.resolve("agent"), "optimizer", true);
        keys.write(dir.resolve("trusted"), "optimizer", false);
        final WriteSigner signer = WriteSigner.fromKeyDirectory(dir.resolve("agent"), "optimizer");
        final JsonValue value = JsonObject.of("{\"Feed\":3}");

        final Map<String, String> headers = signer.sign(write(value), 3, "d-3", Optional.empty());

        assertThat(guard(TrustedKeys.fromDirectory(dir.resolve("trusted")), false, Duration.ZERO, 65_536)
                .check(attempt(value, headers)).outcome()).isEqualTo(Outcome.SIGNED);
    }

    @Test
    void anAgentKeyOfModuleAuditSignsDesiredWrites(@TempDir final Path dir) {
        final io.twinloop.audit.AgentKey agentKey = io.twinloop.audit.AgentKey.loadOrCreate(dir, "optimizer");
        final WriteSigner signer = WriteSigner.fromKeyDirectory(dir, "optimizer");
        assertThat(signer.keyId()).isEqualTo(agentKey.keyId());

        final JsonValue value = JsonObject.of("{\"Feed\":5}");
        final Map<String, String> headers = signer.sign(write(value), 4, "d-4", Optional.empty());
        assertThat(guard(TrustedKeys.fromDirectory(dir), false, Duration.ZERO, 65_536)
                .check(attempt(value, headers)).outcome()).isEqualTo(Outcome.SIGNED);
    }

    @Test
    void mismatchedOrDamagedKeyFilesAreNamed(@TempDir final Path dir) throws Exception {
        keys.write(dir, "optimizer", true);
        keys.write(dir.resolve("other"), "x", false);
        Files.copy(dir.resolve("other/x.pub"), dir.resolve("optimizer.pub"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> WriteSigner.fromKeyDirectory(dir, "optimizer"))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("is not the public key of");
        Files.writeString(dir.resolve("optimizer.pub"), "garbage");
        assertThatThrownBy(() -> TrustedKeys.fromDirectory(dir))
                .isInstanceOf(GuardConfigException.class).hasMessageContaining("optimizer.pub");
    }

    @Test
    void approvalRoundTripForHighImpact() {
        final JsonObject value = JsonObject.of("{\"Speed\":1500}");
        final Map<String, String> signed = keys.signer("optimizer").sign(write(value), 9, "d-9", Optional.empty());
        assertThat(guard().check(attempt(value, signed)).outcome()).isEqualTo(Outcome.MISSING_APPROVAL);

        final Map<String, String> approved = keys.signer("alice").approve(write(value), signed);
        assertThat(guard().check(attempt(value, approved)).outcome()).isEqualTo(Outcome.SIGNED_AND_APPROVED);

        // an agent's write signature is no approval, and an approval by an untrusted key is refused
        final Map<String, String> selfApproved = new HashMap<>(signed);
        selfApproved.put(WriteHeaders.APPROVAL_KEY_ID, keys.signer("alice").keyId());
        selfApproved.put(WriteHeaders.APPROVAL, signed.get(WriteHeaders.SIGNATURE));
        assertThat(guard().check(attempt(value, selfApproved)).outcome()).isEqualTo(Outcome.BAD_APPROVAL);
        assertThat(guard().check(attempt(value, keys.signer("mallory").approve(write(value), signed))).outcome())
                .isEqualTo(Outcome.UNKNOWN_APPROVER);
    }

    @Test
    void notAfterIsSignedAndEnforced() {
        final JsonObject value = JsonObject.of("{\"Feed\":1}");
        final WriteSigner signer = keys.signer("optimizer");
        final Map<String, String> fresh = signer.sign(write(value), 1, "d", Optional.of(NOW.plusSeconds(60)));
        final Map<String, String> expired = signer.sign(write(value), 1, "d", Optional.of(NOW.minusSeconds(1)));

        assertThat(guard().check(attempt(value, fresh)).outcome()).isEqualTo(Outcome.SIGNED);
        assertThat(guard().check(attempt(value, expired)).outcome()).isEqualTo(Outcome.EXPIRED);
        final Map<String, String> extended = new HashMap<>(expired);
        extended.put(WriteHeaders.NOT_AFTER, NOW.plusSeconds(60).toString());
        assertThat(guard().check(attempt(value, extended)).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);

        final DesiredWriteGuard strict = guard(keys.trusted("optimizer"), true, Duration.ofSeconds(30), 65_536);
        assertThat(strict.check(attempt(value, signer.sign(write(value), 1, "d", Optional.empty()))).outcome())
                .isEqualTo(Outcome.MISSING_NOT_AFTER);
        assertThat(strict.check(attempt(value, fresh)).outcome()).isEqualTo(Outcome.NOT_AFTER_TOO_FAR);
    }

    @Test
    void oversizeValuesAreRefusedBeforeVerifying() {
        final JsonObject value = JsonObject.of("{\"Feed\":\"" + "x".repeat(200) + "\"}");
        final Map<String, String> headers = keys.signer("optimizer").sign(write(value), 1, "d", Optional.empty());
        final GuardDecision decision = guard(keys.trusted("optimizer"), false, Duration.ZERO, 100)
                .check(attempt(value, headers));
        assertThat(decision.outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertThat(decision.description()).contains("at most 100");
    }

    @Test
    void malformedHeadersAreNamed() {
        final JsonObject value = JsonObject.of("{\"Feed\":1}");
        final Map<String, String> headers = new HashMap<>(
                keys.signer("optimizer").sign(write(value), 1, "d", Optional.empty()));
        headers.remove(WriteHeaders.DECISION_ID);
        final GuardDecision decision = guard().check(attempt(value, headers));
        assertThat(decision.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(decision.description()).contains(WriteHeaders.DECISION_ID);
    }
}
