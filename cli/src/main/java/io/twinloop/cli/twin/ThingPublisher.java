package io.twinloop.cli.twin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;
import io.twinloop.ditto.policy.PolicyTemplate;

/**
 * Puts mapped things into a Ditto (or the embedded twin server), idempotently: a thing whose attributes and feature
 * properties already equal the mapped ones is left alone, so a re-run causes no events; a changed one is replaced on
 * the revision that was read (never a blind overwrite), keeping what the AAS does not own (desired properties,
 * feature and thing definitions, features that are no submodel); a new one is created only if it still does not
 * exist, after its least-privilege policy ({@link PolicyTemplate}, one per thing, named like it) unless a policy of
 * that name exists already, which is then left as it is (an operator may have changed it). Each write waits for
 * {@code twin-persisted}. A failure stops the run and says which things were written and
 * which were not.
 */
public final class ThingPublisher {

    /** What happened to one thing. */
    public enum Result { CREATED, UPDATED, UNCHANGED, WOULD_CREATE, WOULD_UPDATE }

    /**
     * One thing's outcome.
     *
     * @param policyCreated whether the thing's policy was (or, in a dry run, would be) created
     */
    public record Outcome(String thingId, Result result, boolean policyCreated) {
    }

    /** A run that stopped part-way, with what was and was not written. */
    public static final class PublishFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final transient List<Outcome> done;
        private final List<String> notWritten;

        PublishFailure(final String message, final Throwable cause, final List<Outcome> done,
                final List<String> notWritten) {
            super(message, cause);
            this.done = List.copyOf(done);
            this.notWritten = List.copyOf(notWritten);
        }

        public List<Outcome> done() {
            return done;
        }

        public List<String> notWritten() {
            return notWritten;
        }
    }

    private static final RequestOptions PERSISTED = RequestOptions.none().requestedAcks("twin-persisted");
    private static final JsonPointer ATTRIBUTES = JsonPointer.of("attributes");
    private static final JsonPointer FEATURES = JsonPointer.of("features");
    private static final JsonKey PROPERTIES = JsonKey.of("properties");

    private final DittoClient client;
    private final PolicyTemplate policies;
    private final PrintWriter progress;
    private final boolean dryRun;

    public ThingPublisher(final DittoClient client, final PolicyTemplate policies, final PrintWriter progress,
            final boolean dryRun) {
        this.client = client;
        this.policies = policies;
        this.progress = progress;
        this.dryRun = dryRun;
    }

    public List<Outcome> publish(final List<MappedThing> things) {
        final List<Outcome> done = new ArrayList<>();
        for (int i = 0; i < things.size(); i++) {
            final MappedThing mapped = things.get(i);
            try {
                final Outcome outcome = publish(mapped.thing());
                done.add(outcome);
                progress.printf("[%d/%d] %s %s%s%n", i + 1, things.size(), outcome.thingId(),
                        outcome.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                        outcome.policyCreated() ? " (with its policy)" : "");
                progress.flush();
            } catch (CompletionException | IllegalStateException e) {
                final Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                final List<String> rest = things.subList(i, things.size()).stream().map(MappedThing::thingId).toList();
                throw new PublishFailure(mapped.thingId() + " (from " + mapped.source() + "): " + cause.getMessage(),
                        cause, done, rest);
            }
        }
        return done;
    }

    private Outcome publish(final Thing thing) {
        final ThingId id = thing.getEntityId().orElseThrow();
        final Optional<TwinResponse> existing = retrieve(id);
        if (existing.isEmpty()) {
            final Policy policy = policies.policyFor(thing);
            final boolean createPolicy = !policyExists(policy.getEntityId().orElseThrow());
            if (!dryRun) {
                if (createPolicy) {
                    client.putPolicy(policy, RequestOptions.none()).join();
                }
                client.putThing(thing.setPolicyId(policy.getEntityId().orElseThrow()), PERSISTED.ifNoneMatchAny())
                        .join();
            }
            return new Outcome(id.toString(), dryRun ? Result.WOULD_CREATE : Result.CREATED, createPolicy);
        }
        final JsonObject current = existing.get().body().filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElse(JsonObject.empty());
        final JsonObject mapped = thing.toJson();
        if (sameContent(current, mapped)) {
            return new Outcome(id.toString(), Result.UNCHANGED, false);
        }
        if (!dryRun) {
            final long revision = existing.get().revision().orElseThrow(() -> new IllegalStateException(
                    "the twin server sent no revision (ETag \"rev:N\") for " + id));
            client.put(TwinPath.thing(id), keepingWhatTheAasDoesNotOwn(current, mapped),
                    PERSISTED.ifMatchRevision(revision)).join();
        }
        return new Outcome(id.toString(), dryRun ? Result.WOULD_UPDATE : Result.UPDATED, false);
    }

    private boolean policyExists(final PolicyId policyId) {
        try {
            client.retrievePolicy(policyId, RequestOptions.none()).join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private Optional<TwinResponse> retrieve(final ThingId id) {
        try {
            return Optional.of(client.retrieve(TwinPath.thing(id), RequestOptions.none()).join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Compares the parts the mapping owns: attributes and each mapped feature's properties. Both sides are re-read
     * as plain JSON first: Ditto's model types (e.g. {@code Attributes}) are never equal to a plain JSON object with
     * the same content.
     */
    private static boolean sameContent(final JsonObject current, final JsonObject mapped) {
        if (!current.getValue(ATTRIBUTES).map(ThingPublisher::plain).equals(
                mapped.getValue(ATTRIBUTES).map(ThingPublisher::plain))) {
            return false;
        }
        final JsonObject mappedFeatures = mapped.getValue(FEATURES).filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElse(JsonObject.empty());
        for (final JsonField feature : mappedFeatures) {
            final JsonPointer properties = FEATURES.addLeaf(feature.getKey()).addLeaf(PROPERTIES);
            if (!current.getValue(properties).map(ThingPublisher::plain)
                    .equals(mapped.getValue(properties).map(ThingPublisher::plain))) {
                return false;
            }
        }
        return true;
    }

    /** The mapped thing, plus the current thing's desired properties, definitions and non-AAS features. */
    private static JsonObject keepingWhatTheAasDoesNotOwn(final JsonObject current, final JsonObject mapped) {
        final JsonObject currentFeatures = current.getValue(FEATURES).filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElse(JsonObject.empty());
        JsonObject features = currentFeatures;
        for (final JsonField feature : mapped.getValue(FEATURES).filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElse(JsonObject.empty())) {
            JsonObject merged = feature.getValue().asObject();
            for (final String kept : List.of("desiredProperties", "definition")) {
                final JsonPointer pointer = JsonPointer.of(feature.getKey()).addLeaf(JsonKey.of(kept));
                final Optional<JsonValue> value = currentFeatures.getValue(pointer);
                if (value.isPresent()) {
                    merged = merged.setValue(kept, value.get());
                }
            }
            features = features.setValue(feature.getKey(), merged);
        }
        // the thing keeps its policy: the mapping does not own it
        JsonObject result = mapped.setValue(FEATURES, features);
        final Optional<JsonValue> policyId = current.getValue(Thing.JsonFields.POLICY_ID.getPointer());
        if (policyId.isPresent()) {
            result = result.setValue(Thing.JsonFields.POLICY_ID.getPointer(), policyId.get());
        }
        final Optional<JsonValue> definition = current.getValue(JsonPointer.of("definition"));
        if (definition.isPresent() && mapped.getValue(JsonPointer.of("definition")).isEmpty()) {
            result = result.setValue(JsonPointer.of("definition"), definition.get());
        }
        return result;
    }

    private static JsonValue plain(final JsonValue value) {
        return JsonFactory.readFrom(value.toString());
    }
}
