package io.twinloop.optimizer.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class DesiredWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredWriter.class);

    private final DittoClient ditto;
    private final Duration ackTimeout;

    public DesiredWriter(final DittoClient ditto, final Duration ackTimeout) {
        this.ditto = ditto;
        this.ackTimeout = ackTimeout;
    }

    public CompletableFuture<List<DispatchOutcome>> write(final List<Action> actions, final String decisionId) {
        final Map<ThingId, List<Action>> byThing = new LinkedHashMap<>();
        actions.forEach(action -> byThing.computeIfAbsent(action.thingId(), id -> new ArrayList<>()).add(action));
        final List<CompletableFuture<DispatchOutcome>> writes = new ArrayList<>();
        byThing.forEach((thingId, ofThing) -> writes.add(writeThing(thingId, ofThing, decisionId)));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(done -> writes.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<DispatchOutcome> writeThing(final ThingId thingId, final List<Action> actions,
            final String decisionId) {
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
        final RequestOptions options = RequestOptions.none().ifMatchRevision(revision)
                .requestedAcks("twin-persisted").timeout(ackTimeout).header("twinloop-decision-id", decisionId);
        return ditto.merge(TwinPath.thing(thingId), patch, options).handle((response, failure) -> {
            if (failure == null) {
                LOG.info("desired values written: decision={} thing={} basedOnRevision={} values={}", decisionId,
                        thingId, revision, actions.size());
                return new DispatchOutcome(thingId, DispatchOutcome.Status.WRITTEN, revision,
                        "status " + response.statusCode());
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
