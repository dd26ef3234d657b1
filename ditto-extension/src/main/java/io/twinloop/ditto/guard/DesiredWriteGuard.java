package io.twinloop.ditto.guard;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.ditto.guard.GuardDecision.Outcome;

/**
 * TwinLoop's safety rules for writes to {@code desiredProperties}, applied by the twin itself (Ditto's things service
 * through the pre-enforcer, the embedded twin server directly):
 * <ol>
 * <li>a desired write by a configured agent is signed by a trusted key of that agent over the signed document
 * ({@link SignedDocument}): thing, operation, path, desired value, based-on revision, decision id, key id and
 * optional not-after;</li>
 * <li>the signed revision equals the write's {@code If-Match} revision ({@code "rev:N"}), so a signed write cannot
 * be replayed onto a newer twin (a creation is based on revision 0 and has no If-Match);</li>
 * <li>a high-impact write ({@link ImpactRule}) also carries an approval by a trusted approver key;</li>
 * <li>desired writes by anyone else are allowed or refused by configuration.</li>
 * </ol>
 * Thread-safe and free of I/O: keys are loaded with the configuration.
 */
public final class DesiredWriteGuard {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredWriteGuard.class);
    private static final Pattern REVISION_TAG = Pattern.compile("\"?rev:(\\d{1,18})\"?");

    private final GuardConfig config;
    private final Clock clock;

    private DesiredWriteGuard(final GuardConfig config, final Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static DesiredWriteGuard of(final GuardConfig config, final Clock clock) {
        final DesiredWriteGuard guard = new DesiredWriteGuard(config, clock);
        LOG.info("TwinLoop desired-write guard: enabled={} agents={} agentKeys={} approverKeys={} otherSubjects={} "
                        + "highImpact={} requireNotAfter={} maxValidity={} maxValueBytes={}", config.enabled(),
                config.agentSubjects(), config.agentKeys().keyIds(), config.approverKeys().keyIds(),
                config.otherSubjects(), config.impactRule().highImpact(), config.requireNotAfter(),
                config.maxValidity(), config.maxValueBytes());
        if (config.enabled() && config.agentKeys().keyIds().isEmpty() && !config.agentSubjects().isEmpty()) {
            LOG.warn("TwinLoop guard: agents {} are configured but no agent key is trusted: every desired write by "
                    + "them will be refused", config.agentSubjects().keySet());
        }
        return guard;
    }

    public GuardConfig config() {
        return config;
    }

    public GuardDecision check(final WriteAttempt attempt) {
        if (!config.enabled()) {
            return new GuardDecision(Outcome.GUARD_DISABLED, "guard disabled", Optional.empty(), Optional.empty());
        }
        final Optional<DesiredWrite> desired = attempt.desiredWrite();
        if (desired.isEmpty()) {
            return new GuardDecision(Outcome.NOT_DESIRED, "no desired properties written", Optional.empty(),
                    Optional.empty());
        }
        final DesiredWrite write = desired.get();
        final Optional<String> agent = config.agentOf(attempt.subjects());
        final GuardDecision decision = agent
                .map(name -> checkAgentWrite(attempt, write, name))
                .orElseGet(() -> checkOtherWrite(attempt, write));
        if (decision.allowed()) {
            LOG.debug("desired write allowed: thing={} path={} outcome={} agent={} decision={}", write.thingId(),
                    write.path(), decision.outcome(), agent.orElse("-"),
                    attempt.header(WriteHeaders.DECISION_ID).orElse("-"));
        } else {
            LOG.info("desired write refused: thing={} path={} operation={} outcome={} subjects={} decision={} "
                            + "reason={}", write.thingId(), write.path(), write.operation().wireName(),
                    decision.outcome(), attempt.subjects(), attempt.header(WriteHeaders.DECISION_ID).orElse("-"),
                    decision.detail());
        }
        return decision;
    }

    private GuardDecision checkOtherWrite(final WriteAttempt attempt, final DesiredWrite write) {
        if (config.otherSubjects() == GuardConfig.OtherSubjects.ALLOW) {
            return decided(Outcome.OTHER_SUBJECT_ALLOWED, "not an agent; other subjects are allowed", write, null);
        }
        return decided(Outcome.OTHER_SUBJECT_REFUSED, "Subjects " + attempt.subjects() + " are no TwinLoop agent, "
                + "and desired properties may only be written by signed agent writes here "
                + "(other-subjects = refuse).", write, null);
    }

    private GuardDecision checkAgentWrite(final WriteAttempt attempt, final DesiredWrite write, final String agent) {
        final int size = SignedDocument.canonical(JsonObject.newBuilder().set("v", write.desiredValue()).build())
                .length;
        if (size > config.maxValueBytes()) {
            return decided(Outcome.TOO_LARGE, "The desired value has " + size + " bytes (canonical JSON); at most "
                    + config.maxValueBytes() + " are accepted (max-value-bytes).", write, agent);
        }
        final Optional<WriteProvenance> parsed;
        try {
            parsed = WriteProvenance.fromHeaders(attempt.headers());
        } catch (final IllegalArgumentException e) {
            return decided(Outcome.MALFORMED, "The write's signature headers are malformed: " + e.getMessage() + ".",
                    write, agent);
        }
        if (parsed.isEmpty()) {
            return decided(Outcome.UNSIGNED, "Agent '" + agent + "' wrote desired properties without a signature: "
                    + "send headers " + WriteHeaders.KEY_ID + ", " + WriteHeaders.SIGNATURE + ", "
                    + WriteHeaders.DECISION_ID + ", " + WriteHeaders.BASED_ON_REVISION + " and If-Match.", write,
                    agent);
        }
        final WriteProvenance provenance = parsed.get();
        final Optional<PublicKey> key = config.agentKeys().key(provenance.keyId());
        if (key.isEmpty()) {
            return decided(Outcome.UNKNOWN_KEY, "Key '" + provenance.keyId() + "' is not a trusted agent key of this "
                    + "twin.", write, agent);
        }
        if (!TrustedKeys.nameOf(provenance.keyId()).equals(agent)) {
            return decided(Outcome.KEY_OF_OTHER_AGENT, "Agent '" + agent + "' signed with key '"
                    + provenance.keyId() + "', which belongs to another agent.", write, agent);
        }
        final Optional<GuardDecision> revision = checkRevision(attempt, write, provenance, agent);
        if (revision.isPresent()) {
            return revision.get();
        }
        final Optional<GuardDecision> expiry = checkNotAfter(write, provenance, agent);
        if (expiry.isPresent()) {
            return expiry.get();
        }
        final SignedDocument document = provenance.document(write);
        if (!Ed25519Keys.verifies(key.get(), document.writeBytes(), provenance.signature())) {
            return decided(Outcome.BAD_SIGNATURE, "The signature is not key '" + provenance.keyId() + "''s "
                    + "signature of this write: thing, operation, path, desired value, based-on revision, decision id "
                    + "or not-after differ from what was signed, or the signature was altered.", write, agent);
        }
        return checkApproval(write, provenance, document, agent);
    }

    private Optional<GuardDecision> checkRevision(final WriteAttempt attempt, final DesiredWrite write,
            final WriteProvenance provenance, final String agent) {
        final Optional<String> ifMatch = attempt.header(WriteHeaders.IF_MATCH).map(String::trim);
        if (write.operation() == Operation.CREATE) {
            if (provenance.basedOnRevision() != 0) {
                return Optional.of(decided(Outcome.REVISION_MISMATCH, "A thing creation is based on revision 0, "
                        + "but the write was signed for revision " + provenance.basedOnRevision() + ".", write,
                        agent));
            }
            return Optional.empty();
        }
        if (ifMatch.isEmpty()) {
            return Optional.of(decided(Outcome.MISSING_IF_MATCH, "A signed desired write must carry If-Match: "
                    + WriteHeaders.revisionTag(provenance.basedOnRevision()) + " (the revision it was signed for), "
                    + "so it cannot be applied to another revision of the twin.", write, agent));
        }
        final Matcher matcher = REVISION_TAG.matcher(ifMatch.get());
        if (!matcher.matches()) {
            return Optional.of(decided(Outcome.MALFORMED, "If-Match '" + ifMatch.get() + "' is not one revision tag "
                    + WriteHeaders.revisionTag(provenance.basedOnRevision()) + ".", write, agent));
        }
        final long ifMatchRevision = Long.parseLong(matcher.group(1));
        if (ifMatchRevision != provenance.basedOnRevision()) {
            return Optional.of(decided(Outcome.REVISION_MISMATCH, "The write was signed for revision "
                    + provenance.basedOnRevision() + " but If-Match asks for revision " + ifMatchRevision
                    + ": a signed write applies only to the revision it was decided on (replayed or stale write).",
                    write, agent));
        }
        return Optional.empty();
    }

    private Optional<GuardDecision> checkNotAfter(final DesiredWrite write, final WriteProvenance provenance,
            final String agent) {
        final Instant now = clock.instant();
        if (provenance.notAfter().isEmpty()) {
            return config.requireNotAfter()
                    ? Optional.of(decided(Outcome.MISSING_NOT_AFTER, "Signed writes must name an expiry here: send "
                    + WriteHeaders.NOT_AFTER + " (and sign it).", write, agent))
                    : Optional.empty();
        }
        final Instant notAfter = provenance.notAfter().get();
        if (now.isAfter(notAfter)) {
            return Optional.of(decided(Outcome.EXPIRED, "The signed write expired at " + notAfter + " (now " + now
                    + ").", write, agent));
        }
        if (!config.maxValidity().isZero() && notAfter.isAfter(now.plus(config.maxValidity()))) {
            return Optional.of(decided(Outcome.NOT_AFTER_TOO_FAR, "The signed write is valid until " + notAfter
                    + ", more than " + config.maxValidity() + " ahead (max-validity).", write, agent));
        }
        return Optional.empty();
    }

    private GuardDecision checkApproval(final DesiredWrite write, final WriteProvenance provenance,
            final SignedDocument document, final String agent) {
        final Optional<PathPattern> highImpact = config.impactRule().highImpactMatch(write);
        if (provenance.approval().isEmpty()) {
            if (highImpact.isPresent()) {
                return decided(Outcome.MISSING_APPROVAL, "The write can change " + highImpact.get()
                        + ", which is high impact: it needs an operator's approval (headers "
                        + WriteHeaders.APPROVAL_KEY_ID + " and " + WriteHeaders.APPROVAL + ").", write, agent);
            }
            return decided(Outcome.SIGNED, "signed by " + provenance.keyId(), write, agent);
        }
        final String approverKeyId = provenance.approvalKeyId().orElseThrow();
        final Optional<PublicKey> approverKey = config.approverKeys().key(approverKeyId);
        if (approverKey.isEmpty()) {
            return decided(Outcome.UNKNOWN_APPROVER, "Approval key '" + approverKeyId + "' is not a trusted "
                    + "approver key of this twin.", write, agent);
        }
        if (!Ed25519Keys.verifies(approverKey.get(), document.approvalBytes(), provenance.approval().get())) {
            return decided(Outcome.BAD_APPROVAL, "The approval is not key '" + approverKeyId + "''s approval of "
                    + "this write as signed by '" + provenance.keyId() + "'.", write, agent);
        }
        return decided(Outcome.SIGNED_AND_APPROVED, "signed by " + provenance.keyId() + ", approved by "
                + approverKeyId, write, agent);
    }

    private static GuardDecision decided(final Outcome outcome, final String detail, final DesiredWrite write,
            final String agent) {
        return new GuardDecision(outcome, detail, Optional.of(write), Optional.ofNullable(agent));
    }
}
