package io.twinloop.twin.server.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;

import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.exceptions.UnsupportedMediaTypeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.json.Jsonifiable;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonMergePatch;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonParseOptions;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingTooLargeException;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingIdNotExplicitlySettableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingMergeInvalidException;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.twin.server.http.Preconditions.Category;
import io.twinloop.twin.server.policy.PolicyStore;
import io.twinloop.twin.server.store.Change;
import io.twinloop.twin.server.store.ThingDelta;
import io.twinloop.twin.server.store.ThingState;
import io.twinloop.twin.server.store.ThingStore;
import io.twinloop.twin.server.wot.ThingModelValidation;

/**
 * Retrieve, modify (PUT), merge (PATCH) and delete a thing or one of its parts, with Ditto's status codes, entity
 * tags and preconditions. Every write goes through {@link ThingStore#modify}, which runs it against the latest
 * state and completes only once the change is durable.
 */
public final class ThingsEndpoint {

    /** Ditto's default limit for a thing's JSON size ({@code ditto.limits.things.max-size}). */
    static final long MAX_THING_BYTES = 100 * 1024;
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final JsonParseOptions FIELDS_OPTIONS = JsonParseOptions.newBuilder().withoutUrlDecoding().build();

    private final ThingStore store;
    private final ThingAccess access;
    private final ThingPolicyCreation policyCreation;
    private final DesiredWriteCheck desiredWrites;
    private final ThingModelValidation thingModels;

    public ThingsEndpoint(final ThingStore store, final ThingAccess access, final PolicyStore policies,
            final DesiredWriteCheck desiredWrites, final ThingModelValidation thingModels) {
        this.store = store;
        this.access = access;
        this.policyCreation = new ThingPolicyCreation(policies);
        this.desiredWrites = desiredWrites;
        this.thingModels = thingModels;
    }

    public CompletionStage<ApiResponse> handle(final ApiRequest request) {
        return switch (request.method()) {
            case "GET" -> CompletableFuture.completedFuture(retrieve(request));
            case "PUT" -> modify(request);
            case "PATCH" -> merge(request);
            case "DELETE" -> delete(request);
            default -> throw TwinServerException.methodNotAllowed(request.method(), request.path());
        };
    }

    /**
     * Ditto's {@code RetrieveThings} ({@code GET /api/2/things?ids=a,b}): the things the subject may read, each as a
     * single retrieve would answer it (the same {@code fields}), in the order the ids were given; a thing that does
     * not exist or that the subject may not read is left out, as Ditto does. An invalid id fails the request.
     */
    public ApiResponse retrieveThings(final List<String> ids, final Optional<String> fields,
            final DittoHeaders headers) {
        final List<ThingId> thingIds = ids.stream().map(ThingId::of).toList();
        final var things = JsonFactory.newArrayBuilder();
        for (final ThingId thingId : thingIds) {
            try {
                retrieve(new ApiRequest("GET", Resource.parse(thingId, List.of()).orElseThrow(), headers, fields, "",
                        Optional.empty(), "/api/2/things/" + thingId)).json().ifPresent(things::add);
            } catch (final DittoRuntimeException e) {
                if (e.getHttpStatus().getCode() != 404) {
                    throw e;
                }
            }
        }
        return ApiResponse.ok(things.build(), Optional.empty());
    }

    private ApiResponse retrieve(final ApiRequest request) {
        final Resource r = request.resource();
        if (isPlainWholeThingRead(request)) {
            final Optional<ApiResponse> asStored = store.unmaterializedJson(r.thingId())
                    .filter(json -> access.readsAll(json.policyId(), request.subject()))
                    .map(json -> ApiResponse.okRaw(json.regularJson(),
                            Optional.of(EntityTag.fromString("\"rev:" + json.revision() + "\""))));
            if (asStored.isPresent()) {
                return asStored.get();
            }
        }
        final Thing thing = store.get(r.thingId()).orElseThrow(() -> NotFound.thing(r.thingId()));
        final AuthorizationContext subject = request.subject();
        access.checkRead(r, thing, subject);
        Condition.check(request, Optional.of(thing), access);
        final Object entity = r.entity(thing).orElseThrow(() -> NotFound.resource(r, thing));
        final Optional<EntityTag> tag = r.eTag(thing);
        Preconditions.check(request.headers(), tag, Category.QUERY);
        final Optional<JsonFieldSelector> fields = request.fields().map(ThingsEndpoint::fieldSelector)
                .map(f -> FeatureWildcard.expand(r, thing, f));
        final JsonValue json;
        if (entity instanceof Thing t) {
            json = fields.map(f -> (JsonValue) t.toJson(JsonSchemaVersion.V_2, f)).orElseGet(t::toJson);
        } else {
            final JsonValue value = toJson(entity);
            json = fields.filter(f -> value.isObject()).map(f -> (JsonValue) value.asObject().get(f)).orElse(value);
        }
        return ApiResponse.ok(access.readableView(r, thing, json, subject), tag);
    }

    /**
     * A read of a whole thing without {@code fields}, conditions or preconditions: answered from the stored bytes
     * when the reader may read all of it ({@link ThingStore#unmaterializedJson}); anything else takes the general
     * path, which also answers every refusal.
     */
    private static boolean isPlainWholeThingRead(final ApiRequest request) {
        final DittoHeaders headers = request.headers();
        return request.resource().kind() == Resource.Kind.THING && request.fields().isEmpty()
                && headers.getIfMatch().isEmpty() && headers.getIfNoneMatch().isEmpty()
                && headers.getCondition().isEmpty();
    }

    private CompletionStage<ApiResponse> modify(final ApiRequest request) {
        final Resource r = request.resource();
        final JsonValue body = request.json();
        desiredWrites.check(request, body, () -> store.contains(r.thingId()));
        final AuthorizationContext subject = request.subject();
        return validated(request, false, body).thenCompose(valid -> withPolicyOfNewThing(request, body,
                () -> store.modify(r.thingId(), state -> {
            state.current().ifPresent(current -> access.checkWrite(r, "PUT", current, Optional.empty(), subject));
            Condition.check(request, state.current(), access);
            final Optional<Object> before = state.current().flatMap(r::entity);
            if (state.current().isEmpty() && r.kind() != Resource.Kind.THING) {
                throw NotFound.thing(r.thingId());
            }
            if (r.needsFeature() && !r.featureExists(state.current().orElseThrow())) {
                throw NotFound.resource(r, state.current().orElseThrow());
            }
            Preconditions.check(request.headers(), () -> state.current().flatMap(r::eTag), Category.MODIFY);
            final Thing next = state.stamp(r.kind() == Resource.Kind.THING
                    ? newThingContent(state, body)
                    : withValue(state.current().orElseThrow(), r, body));
            if (state.current().isEmpty()) {
                access.checkCreate(next, subject);
            }
            final long measured = isClearlySmallEnough(state, r, body) ? 0 : checkSize(next);
            final Object after = r.entity(next).orElseThrow();
            final Optional<EntityTag> tag = r.eTag(next);
            final Change<ApiResponse> change = Change.write(next, before.isPresent() ? ApiResponse.noContent(tag)
                    : ApiResponse.created(toJson(after), tag, request.path())).withMeasuredSize(measured)
                    .withEvent(() -> Events.of(r, before.isPresent() ? Events.Action.MODIFIED : Events.Action.CREATED,
                            Optional.of(toJson(after)), state, request, access.readSubjects(r, next)));
            // a part of an existing thing: only that part changed (the model built the rest from it unchanged)
            return r.kind() == Resource.Kind.THING ? change
                    : change.withDelta(ThingDelta.set(r.pointerInThing(), toJson(after), before.map(ThingsEndpoint::toJson)));
        })));
    }

    /**
     * The WoT Thing Model validation of the write (see {@link ThingModelValidation}), before the write is queued:
     * fetching a model must not hold up the store's writer. Ditto validates in the persistence actor, after the
     * policy enforcement, so the subject's right to write is checked first: a write both unauthorized and invalid is
     * 403, as in Ditto.
     */
    private CompletionStage<Void> validated(final ApiRequest request, final boolean merge, final JsonValue body) {
        final Resource r = request.resource();
        final ThingModelValidation.Scope scope = switch (r.kind()) {
            case THING -> ThingModelValidation.Scope.WHOLE_THING;
            case FEATURES -> ThingModelValidation.Scope.ALL_FEATURES;
            case FEATURE -> ThingModelValidation.Scope.FEATURE;
            case FEATURE_PROPERTIES, FEATURE_DESIRED_PROPERTIES -> ThingModelValidation.Scope.PROPERTIES;
            case FEATURE_PROPERTY, FEATURE_DESIRED_PROPERTY -> ThingModelValidation.Scope.PROPERTY;
            case FEATURE_DEFINITION -> merge ? null : ThingModelValidation.Scope.FEATURE_DEFINITION;
            case ATTRIBUTES -> ThingModelValidation.Scope.ATTRIBUTES;
            case ATTRIBUTE -> ThingModelValidation.Scope.ATTRIBUTE;
            default -> null;
        };
        if (scope == null || !thingModels.config().enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        final boolean desired = r.kind() == Resource.Kind.FEATURE_DESIRED_PROPERTIES
                || r.kind() == Resource.Kind.FEATURE_DESIRED_PROPERTY;
        return thingModels.check(scope, merge, r.thingId(), r.featureId(), desired, r.subPointer(), body,
                () -> store.get(r.thingId()), request.headers()).handle((valid, invalid) -> {
                    if (invalid != null) {
                        // as in Ditto, a write the subject may not make is refused for that (403/404) rather than
                        // described against the model; only asked when a write is invalid, the store checks the
                        // right of every write anyway
                        store.get(r.thingId()).ifPresent(thing -> access.checkWrite(r, merge ? "PATCH" : "PUT",
                                thing, merge ? Optional.of(body) : Optional.empty(),
                                request.subject()));
                        throw invalid instanceof java.util.concurrent.CompletionException e ? e
                                : new java.util.concurrent.CompletionException(invalid);
                    }
                    return valid;
                });
    }

    /**
     * Runs {@code write}; if it may create the thing, first the thing's policy as Ditto makes it (see
     * {@link ThingPolicyCreation}), which is deleted again if the write fails.
     */
    private CompletionStage<ApiResponse> withPolicyOfNewThing(final ApiRequest request, final JsonValue body,
            final Supplier<CompletionStage<ApiResponse>> write) {
        final Resource r = request.resource();
        if (r.kind() != Resource.Kind.THING || store.contains(r.thingId())) {
            return write.get();
        }
        return policyCreation.prepare(r.thingId(), body, request.subject())
                .thenCompose(created -> write.get().whenComplete((response, failure) -> {
                    if (failure != null) {
                        created.ifPresent(policyCreation::rollBack);
                    }
                }));
    }

    private CompletionStage<ApiResponse> merge(final ApiRequest request) {
        final Resource r = request.resource();
        if (!request.mediaType().map(MERGE_PATCH::equalsIgnoreCase).orElse(false)) {
            throw UnsupportedMediaTypeException
                    .builderForMergePatchJsonMediaType(request.mediaType().orElse("none"), MERGE_PATCH).build();
        }
        final JsonValue patch = request.json();
        desiredWrites.check(request, patch, () -> store.contains(r.thingId()));
        final AuthorizationContext subject = request.subject();
        return validated(request, true, patch).thenCompose(valid -> withPolicyOfNewThing(request, patch,
                () -> store.modify(r.thingId(), state -> {
            if (state.current().isEmpty() && r.kind() == Resource.Kind.THING) {
                return createByMerge(request, state, patch);
            }
            final Thing current = state.current().orElseThrow(() -> NotFound.thing(r.thingId()));
            access.checkWrite(r, "PATCH", current, Optional.of(patch), subject);
            Condition.check(request, state.current(), access);
            Preconditions.check(request.headers(), () -> r.eTag(current), Category.MODIFY);
            // a thing without a policy id gets one filled in below, which only the general path does
            final Optional<Thing> byLeaves = current.getPolicyId().isPresent()
                    ? LeafMerge.apply(current, r.pointerInThing(), patch) : Optional.empty();
            final Thing next = state.stamp(byLeaves.orElseGet(() -> mergedThroughJson(r, current, patch)));
            final long measured = byLeaves.isPresent() && isClearlySmallEnough(state, r.pointerInThing(), patch) ? 0
                    : checkSize(next);
            final Change<ApiResponse> change = Change.write(next, ApiResponse.noContent(r.eTag(next)))
                    .withMeasuredSize(measured)
                    .withEvent(() -> Events.of(r, Events.Action.MERGED, Optional.of(patch), state, request,
                            access.readSubjects(r, next)));
            if (byLeaves.isPresent()) {
                // the setters changed exactly what the patch names: the journal keeps the patch
                return mergeDelta(r.pointerInThing(), patch).map(change::withDelta).orElse(change);
            }
            // a patch of a part that is still there changed only that part, unless the policy id had to be filled in
            final Optional<Object> after = r.kind() == Resource.Kind.THING || current.getPolicyId().isEmpty()
                    ? Optional.empty() : r.entity(next);
            return after.map(a -> change.withDelta(ThingDelta.set(r.pointerInThing(), toJson(a),
                    r.entity(current).map(ThingsEndpoint::toJson)))).orElse(change);
        })));
    }

    private static Thing mergedThroughJson(final Resource r, final Thing current, final JsonValue patch) {
        final JsonValue merged = (r.kind() == Resource.Kind.THING ? JsonMergePatch.of(patch)
                : JsonMergePatch.of(r.pointerInThing(), patch)).applyOn(thingJson(current));
        if (!merged.isObject()) {
            throw ThingMergeInvalidException.newBuilder()
                    .message("The merge patch would replace the thing with a non-object.").build();
        }
        final JsonObject mergedThing = merged.asObject();
        if (!mergedThing.getValue(Thing.JsonFields.ID).map(r.thingId().toString()::equals).orElse(false)) {
            throw ThingIdNotExplicitlySettableException.forPutOrPatchMethod().build();
        }
        return build(mergedThing.set(Thing.JsonFields.POLICY_ID, mergedThing.getValue(Thing.JsonFields.POLICY_ID)
                .orElseGet(() -> current.getPolicyId().map(Object::toString).orElse(r.thingId().toString()))));
    }

    /**
     * The merge as a journal delta: the patch where it applied, or for a patch of the whole thing that touches one
     * top-level part (the optimizer's {@code {"features":…}}), that part's patch there. Empty: journal the thing.
     */
    private static Optional<ThingDelta> mergeDelta(final JsonPointer at, final JsonValue patch) {
        if (!at.isEmpty()) {
            return Optional.of(ThingDelta.merge(at, patch));
        }
        final JsonObject parts = patch.asObject();
        if (parts.getSize() != 1) {
            return Optional.empty();
        }
        final var part = parts.iterator().next();
        return Optional.of(ThingDelta.merge(JsonPointer.empty().addLeaf(part.getKey()), part.getValue()));
    }

    private CompletionStage<ApiResponse> delete(final ApiRequest request) {
        final Resource r = request.resource();
        desiredWrites.check(request, null, () -> store.contains(r.thingId()));
        return validatedDeletion(request).thenCompose(valid -> store.modify(r.thingId(), state -> {
            final Thing current = state.current().orElseThrow(() -> NotFound.thing(r.thingId()));
            access.checkWrite(r, "DELETE", current, Optional.empty(), request.subject());
            Condition.check(request, state.current(), access);
            final Object entity = r.entity(current).orElseThrow(() -> NotFound.resource(r, current));
            Preconditions.check(request.headers(), () -> r.eTag(current), Category.DELETE);
            final Supplier<ThingEvent<?>> event = () -> Events.of(r, Events.Action.DELETED, Optional.empty(), state,
                    request, access.readSubjects(r, current));
            if (r.kind() == Resource.Kind.THING) {
                return Change.delete(ApiResponse.noContent(Optional.empty())).withEvent(event);
            }
            final Thing next = state.stamp(build(thingJson(current).remove(r.pointerInThing())));
            return Change.write(next, ApiResponse.noContent(Optional.empty())).withEvent(event)
                    .withDelta(ThingDelta.remove(r.pointerInThing(), toJson(entity)));
        }));
    }

    /** Ditto's WoT checks of deletions (see {@link ThingModelValidation#checkDeletion}). */
    private CompletionStage<Void> validatedDeletion(final ApiRequest request) {
        final Resource r = request.resource();
        final ThingModelValidation.Scope scope = switch (r.kind()) {
            case FEATURE -> ThingModelValidation.Scope.FEATURE;
            case FEATURE_PROPERTIES -> ThingModelValidation.Scope.PROPERTIES;
            case FEATURE_PROPERTY -> ThingModelValidation.Scope.PROPERTY;
            case FEATURE_DEFINITION -> ThingModelValidation.Scope.FEATURE_DEFINITION;
            default -> null;
        };
        if (scope == null || !thingModels.config().enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        return thingModels.checkDeletion(scope, r.featureId(), false, r.subPointer(), () -> store.get(r.thingId()),
                request.headers());
    }


    /**
     * A root PATCH of a missing thing creates it, as Ditto does since 3.3 ({@code ModifyToCreateThingTransformer}):
     * the patch without its {@code null}s (recursively, in arrays too) becomes a create, with the create's rules
     * (default policy id, 201 with the thing, no {@code condition}, If-Match fails).
     */
    private Change<ApiResponse> createByMerge(final ApiRequest request, final ThingState state,
            final JsonValue patch) {
        if (!patch.isObject()) {
            throw ThingMergeInvalidException.newBuilder()
                    .message("The merge patch would replace the thing with a non-object.").build();
        }
        Preconditions.check(request.headers(), Optional.empty(), Category.MODIFY);
        final Thing next = state.stamp(newThingContent(state, MergeNulls.withoutNulls(patch.asObject()),
                ThingIdNotExplicitlySettableException.forPutOrPatchMethod()::build));
        access.checkCreate(next, request.subject());
        checkSize(next);
        final Optional<EntityTag> tag = request.resource().eTag(next);
        // Ditto turns it into a CreateThing, so subscribers see "created" with the whole thing, not "merged"
        return Change.write(next, ApiResponse.created(next.toJson(), tag, request.path()))
                .withEvent(() -> Events.of(request.resource(), Events.Action.CREATED, Optional.of(next.toJson()), state,
                        request, access.readSubjects(request.resource(), next)));
    }

    private static Thing newThingContent(final ThingState state, final JsonValue body) {
        return newThingContent(state, body, ThingIdNotExplicitlySettableException.forPutMethod()::build);
    }

    /** The whole thing: its id may be repeated but not changed; special fields are Ditto's, not the user's. */
    private static Thing newThingContent(final ThingState state, final JsonValue body,
            final Supplier<? extends DittoRuntimeException> idChanged) {
        if (!body.isObject()) {
            throw new DittoJsonException(JsonParseException.newBuilder()
                    .message("The thing must be a JSON object, not <" + body + ">.").build());
        }
        JsonObject json = body.asObject();
        final Optional<String> bodyId = json.getValue(Thing.JsonFields.ID);
        if (bodyId.isPresent() && !bodyId.get().equals(state.thingId().toString())) {
            throw idChanged.get();
        }
        for (final var field : json) {
            if (field.getKeyName().startsWith("_")) {
                json = json.remove(field.getKey());
            }
        }
        json = json.set(Thing.JsonFields.ID, state.thingId().toString());
        if (json.getValue(Thing.JsonFields.POLICY_ID).isEmpty()) {
            // a new thing without policyId gets the default policy named like it (see ThingPolicyCreation)
            final String policyId = state.current().flatMap(Thing::getPolicyId).map(Object::toString)
                    .orElse(state.thingId().toString());
            json = json.set(Thing.JsonFields.POLICY_ID, policyId);
        }
        return build(json);
    }

    /**
     * The thing with the resource set to {@code value}. A scalar written into an attribute or a (desired) property,
     * the common write of devices and agents, goes through the model's own setter, which rebuilds nothing else of
     * the thing; anything else goes through the thing's JSON, so that Ditto's model validates all of it (keys,
     * types) as it builds the new thing.
     */
    private static Thing withValue(final Thing current, final Resource r, final JsonValue value) {
        if (!value.isObject() && !value.isArray()) {
            switch (r.kind()) {
                case ATTRIBUTE:
                    return current.setAttribute(r.subPointer(), value);
                case FEATURE_PROPERTY:
                    return PropertyWrites.setProperty(current, r.featureId(), r.subPointer(), value);
                case FEATURE_DESIRED_PROPERTY:
                    return PropertyWrites.setDesiredProperty(current, r.featureId(), r.subPointer(), value);
                default:
                    break;
            }
        }
        return build(thingJson(current).setValue(r.pointerInThing(), value));
    }

    /**
     * Whether the new thing cannot exceed the size limit: the current stored size plus everything the write adds
     * (value and path, with room for quotes, colon and comma) is below it. Spares serializing the whole thing for
     * the check in the common case of a small write into a thing far from the limit.
     */
    private static boolean isClearlySmallEnough(final ThingState state, final Resource r, final JsonValue value) {
        return r.kind() != Resource.Kind.THING && isClearlySmallEnough(state, r.pointerInThing(), value);
    }

    /** As above for a value written or merged at {@code path} (a merge adds at most all of its patch). */
    private static boolean isClearlySmallEnough(final ThingState state, final JsonPointer path, final JsonValue value) {
        if (state.currentJsonBytes() == 0) {
            return false;
        }
        // a path to a new nested key adds per level at most its key, quotes, colon, braces and a comma
        final long added = value.toString().length() + path.toString().length() + 6L * path.getLevelCount() + 16L;
        return state.currentJsonBytes() + added <= MAX_THING_BYTES;
    }

    private static JsonObject thingJson(final Thing thing) {
        return thing.toJson();
    }

    /** Builds (and so validates: keys, types, ids) a thing with Ditto's model. */
    private static Thing build(final JsonObject json) {
        return DittoJsonException.wrapJsonRuntimeException(() -> ThingsModelFactory.newThing(json));
    }

    /** @return the thing's JSON length, which is within the limit */
    private static long checkSize(final Thing thing) {
        final long size = thing.toJsonString().length();
        if (size > MAX_THING_BYTES) {
            throw ThingTooLargeException.newBuilder(size, MAX_THING_BYTES).build();
        }
        return size;
    }

    private static JsonFieldSelector fieldSelector(final String fields) {
        return DittoJsonException.wrapJsonRuntimeException(() -> JsonFactory.newFieldSelector(fields, FIELDS_OPTIONS));
    }

    private static JsonValue toJson(final Object entity) {
        if (entity instanceof JsonValue value) {
            return value;
        }
        if (entity instanceof Jsonifiable<?> jsonifiable) {
            return (JsonValue) jsonifiable.toJson();
        }
        throw new IllegalStateException("not JSON: " + entity.getClass());
    }
}
