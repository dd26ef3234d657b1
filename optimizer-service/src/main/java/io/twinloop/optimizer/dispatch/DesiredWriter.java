package io.twinloop.optimizer.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.ditto.guard.DesiredWrite;
import io.twinloop.ditto.guard.Operation;
import io.twinloop.ditto.guard.WriteHeaders;
import io.twinloop.ditto.guard.WriteSigner;
import io.twinloop.optimizer.agent.Action;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoConnectionException;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * Writes a decision's desired values, and nothing else: one merge patch per twin, below
 * {@code features/<f>/desiredProperties} only, conditional on the twin revision the decision was based on
 * ({@code If-Match: "rev:N"} on the thing, whose entity tag is its revision), with the {@code twin-persisted}
 * acknowledgement. A twin that moved on answers 412: reported as {@link DispatchOutcome.Status#CONFLICT} so the
 * decision is made again, never overwritten blindly. The same merge repeated has one effect, so a caller may retry.
 * <p>
 * Every write is signed for the twin's desired-write guard (module ditto-extension, {@link WriteSigner}) with the
 * agent key that signs the decision log: the signature covers thing, merge, the desired values, the based-on
 * revision (= the If-Match revision), the decision id in the log and a short expiry, so the twin applies it once, to
 * the revision it was decided on. An approved high-impact write also carries the approving operator's signature.
 */
public final class DesiredWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredWriter.class);
    /** How long a signed write stays valid (signed {@code twinloop-not-after}): it is sent at once, never queued. */
    static final Duration SIGNATURE_VALIDITY = Duration.ofMinutes(5);

    private final DittoClient ditto;
    private final Duration ackTimeout;
    private final WriteSigner agent;
    private final Clock clock;

    /** @param agent the agent's signing key (the decision log's, loaded with {@link WriteSigner#fromKeyDirectory}) */
    public DesiredWriter(final DittoClient ditto, final Duration ackTimeout, final WriteSigner agent) {
        this(ditto, ackTimeout, agent, Clock.systemUTC());
    }

    DesiredWriter(final DittoClient ditto, final Duration ackTimeout, final WriteSigner agent, final Clock clock) {
        this.ditto = ditto;
        this.ackTimeout = ackTimeout;
        this.agent = agent;
        this.clock = clock;
    }

    /** A routine decision's writes, signed by the agent. */
    public CompletableFuture<List<DispatchOutcome>> write(final List<Action> actions, final String decisionId) {
        return write(actions, decisionId, Optional.empty());
    }

    /**
     * @param approver the operator who approved the decision (high impact): the writes also carry their approval
     */
    public CompletableFuture<List<DispatchOutcome>> write(final List<Action> actions, final String decisionId,
            final Optional<WriteSigner> approver) {
        final Map<ThingId, List<Action>> byThing = new LinkedHashMap<>();
        actions.forEach(action -> byThing.computeIfAbsent(action.thingId(), id -> new ArrayList<>()).add(action));
        final List<CompletableFuture<DispatchOutcome>> writes = new ArrayList<>();
        byThing.forEach((thingId, ofThing) -> writes.add(writeThing(thingId, ofThing, decisionId, approver)));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(done -> writes.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<DispatchOutcome> writeThing(final ThingId thingId, final List<Action> actions,
            final String decisionId, final Optional<WriteSigner> approver) {
        final long revision = actions.get(0).basedOnRevision();
        if (actions.stream().anyMatch(a -> a.basedOnRevision() != revision)) {
            throw new IllegalArgumentException("actions on " + thingId + " are based on different revisions: "
                    + actions);
        }
        JsonObject patch = JsonFactory.newObject();
        for (final Action action : actions) {
            patch = patch.setValue(JsonPointer.of("features/" + action.featureId() + "/desiredProperties")
                    .append(action.property()), action.value());
        }
        // a merge of the thing (not of its parts): If-Match "rev:N" is the thing's entity tag, a part's is a hash
        final DesiredWrite write = DesiredWrite.of(thingId.toString(), Operation.MERGE, JsonPointer.empty(), patch)
                .orElseThrow(() -> new IllegalArgumentException("no desired values to write: " + actions));
        Map<String, String> signed = agent.sign(write, revision, decisionId,
                Optional.of(clock.instant().plus(SIGNATURE_VALIDITY)));
        if (approver.isPresent()) {
            signed = approver.get().approve(write, signed);
        }
        RequestOptions options = RequestOptions.none().requestedAcks("twin-persisted").timeout(ackTimeout);
        for (final Map.Entry<String, String> header : signed.entrySet()) {
            options = WriteHeaders.IF_MATCH.equals(header.getKey()) ? options.ifMatch(header.getValue())
                    : options.header(header.getKey(), header.getValue());
        }
        final String signedBy = "signed by " + agent.keyId() + " for decision " + decisionId
                + approver.map(a -> ", approved by " + a.keyId()).orElse("");
        return ditto.merge(TwinPath.thing(thingId), patch, options).handle((response, failure) -> {
            if (failure == null) {
                LOG.info("desired values written: decision={} thing={} basedOnRevision={} values={} key={}{}",
                        decisionId, thingId, revision, actions.size(), agent.keyId(),
                        approver.map(a -> " approvedBy=" + a.keyId()).orElse(""));
                return new DispatchOutcome(thingId, DispatchOutcome.Status.WRITTEN, revision,
                        "status " + response.statusCode() + ", " + signedBy);
            }
            return failed(thingId, revision, decisionId, failure);
        });
    }

    private static DispatchOutcome failed(final ThingId thingId, final long revision, final String decisionId,
            final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        final DispatchOutcome outcome;
        if (cause instanceof DittoErrorException error) {
            final int status = error.status();
            final DispatchOutcome.Status kind = status == 412 ? DispatchOutcome.Status.CONFLICT
                    : status == 408 || status == 429 || status >= 500 ? DispatchOutcome.Status.FAILED
                    : DispatchOutcome.Status.REFUSED;
            outcome = new DispatchOutcome(thingId, kind, revision, status + " " + error.errorCode().orElse("")
                    + " " + error.dittoMessage());
        } else if (cause instanceof DittoConnectionException) {
            outcome = new DispatchOutcome(thingId, DispatchOutcome.Status.FAILED, revision, cause.getMessage());
        } else {
            outcome = new DispatchOutcome(thingId, DispatchOutcome.Status.FAILED, revision, String.valueOf(cause));
        }
        LOG.warn("desired values not written: decision={} thing={} basedOnRevision={} status={} detail=\"{}\"",
                decisionId, thingId, revision, outcome.status(), outcome.detail());
        return outcome;
    }
}
