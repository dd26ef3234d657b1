package io.twinloop.twin.server.http;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.Permissions;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotCreatableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotModifiableException;

import io.twinloop.twin.server.policy.PolicyStore;
import io.twinloop.twin.server.policy.StoredPolicy;
import io.twinloop.twin.server.search.SearchCandidate;
import io.twinloop.twin.server.store.ScannedThing;

/**
 * Enforces a thing's policy the way Ditto's things service does ({@code ThingCommandEnforcement}), with Ditto's
 * own policy evaluator: reading needs READ on (a part of) the resource and shows only what may be read; writing
 * needs unrestricted WRITE on the resource (for a merge, on every leaf of the patch); events reach only subjects
 * that may read the changed resource. A refused read is "not found", a refused write is "not modifiable" (403).
 */
public final class ThingAccess {

    static final Permissions READ = Permissions.newInstance("READ");
    static final Permissions WRITE = Permissions.newInstance("WRITE");
    /** What Ditto shows of a thing to anyone who may read any part of it. */
    private static final JsonFieldSelector ALWAYS_READABLE = JsonFactory.newFieldSelector(
            Thing.JsonFields.ID, Thing.JsonFields.NAMESPACE, Thing.JsonFields.REVISION,
            Thing.JsonFields.MODIFIED, Thing.JsonFields.CREATED);

    private final PolicyStore policies;
    private final PolicyDecisions decisions = new PolicyDecisions();

    public ThingAccess(final PolicyStore policies) {
        this.policies = policies;
    }

    /** The evaluator of the thing's policy; a thing whose policy is gone can be neither read nor written. */
    Enforcer enforcer(final Thing thing, final boolean forWrite) {
        final ThingId thingId = thing.getEntityId().orElseThrow();
        final Optional<PolicyId> policyId = thing.getPolicyId();
        return policyId.flatMap(policies::get).map(StoredPolicy::enforcer).orElseThrow(() -> {
            final String message = "The Thing with ID '" + thingId + "' could not be accessed as its Policy with ID '"
                    + policyId.map(Object::toString).orElse("") + "' is not or no longer existing.";
            final String description = "Recreate/create the Policy with ID '"
                    + policyId.map(Object::toString).orElse("") + "' in order to get access to the Thing again.";
            return forWrite
                    ? ThingNotModifiableException.newBuilder(thingId).message(message).description(description).build()
                    : ThingNotAccessibleException.newBuilder(thingId).message(message).description(description)
                            .build();
        });
    }

    /** Whether the subject may read all of a thing with this policy id (false without one or for a missing policy). */
    boolean readsAll(final Optional<String> policyId, final AuthorizationContext subject) {
        return policyId.flatMap(id -> {
            try {
                return policies.get(PolicyId.of(id));
            } catch (final RuntimeException invalidId) {
                return Optional.empty();
            }
        }).map(policy -> policy.enforcer().hasUnrestrictedPermissions(key(JsonPointer.empty()), subject, READ))
                .orElse(false);
    }

    /** Checked before anything is read: the subject must be allowed to read at least part of the resource. */
    void checkRead(final Resource r, final Thing thing, final AuthorizationContext subject) {
        if (!enforcer(thing, false).hasPartialPermissions(key(r.pointerInThing()), subject, READ)) {
            throw NotFound.refused(r);
        }
    }

    /**
     * What the subject may see of the resource's value ({@code value}, already field-selected): an object shows
     * only the parts it may read; any other value needs READ on all of the resource.
     *
     * @throws DittoRuntimeException the resource's "not accessible" error if it may not read the value
     */
    JsonValue readableView(final Resource r, final Thing thing, final JsonValue value,
            final AuthorizationContext subject) {
        final Enforcer enforcer = enforcer(thing, false);
        final ResourceKey key = key(r.pointerInThing());
        if (!value.isObject()) {
            if (!enforcer.hasUnrestrictedPermissions(key, subject, READ)) {
                throw NotFound.refused(r);
            }
            return value;
        }
        return enforcer.buildJsonView(key, value.asObject(), subject,
                r.kind() == Resource.Kind.THING ? ALWAYS_READABLE : JsonFactory.emptyFieldSelector(), READ);
    }

    /** Checked before a write of an existing thing's resource, with the request's method and (for PATCH) patch. */
    void checkWrite(final Resource r, final String method, final Thing current, final Optional<JsonValue> patch,
            final AuthorizationContext subject) {
        final Enforcer enforcer = enforcer(current, true);
        final ResourceKey key = key(r.pointerInThing());
        final boolean allowed;
        if (decisions.hasUnrestrictedPermissions(enforcer, key, subject, WRITE)) {
            allowed = true;
        } else if ("PATCH".equals(method) && patch.isPresent()) {
            // Ditto asks for partial WRITE on the resource first; every leaf (there is at least one) allowed implies
            // it, and a device writes the same leaves again and again, so each leaf's answer is remembered
            final Set<ResourceKey> leaves = new HashSet<>();
            collectLeaves(r.pointerInThing(), patch.get(), leaves);
            allowed = leaves.stream().allMatch(leaf -> decisions.hasUnrestrictedPermissions(enforcer, leaf, subject,
                    WRITE));
        } else {
            allowed = false;
        }
        if (!allowed) {
            throw NotModifiable.of(r, method);
        }
    }

    /**
     * Checked before a thing is created: its policy must exist and let the subject write the whole thing.
     */
    void checkCreate(final Thing next, final AuthorizationContext subject) {
        final ThingId thingId = next.getEntityId().orElseThrow();
        final PolicyId policyId = next.getPolicyId().orElseThrow();
        final StoredPolicy policy = policies.get(policyId).orElseThrow(() ->
                ThingNotCreatableException.newBuilderForPolicyMissing(thingId, policyId).build());
        if (!policy.enforcer().hasUnrestrictedPermissions(key(JsonPointer.empty()), subject, WRITE)) {
            throw ThingNotModifiableException.newBuilder(thingId).build();
        }
    }

    /** Whether the subject may read all of each of {@code fields} (pointers into the thing). */
    boolean mayReadAll(final Thing thing, final List<JsonPointer> fields, final AuthorizationContext subject) {
        final Set<ResourceKey> keys = new HashSet<>();
        fields.forEach(field -> keys.add(key(field)));
        return keys.isEmpty() || enforcer(thing, false).hasUnrestrictedPermissions(keys, subject, "READ");
    }

    /** The subjects that may read all of the changed resource: they receive its event (Ditto's read subjects). */
    Set<AuthorizationSubject> readSubjects(final Resource r, final Thing thingWithPolicy) {
        return thingWithPolicy.getPolicyId().flatMap(policies::get)
                .map(p -> decisions.subjectsWithUnrestrictedPermission(p.enforcer(), key(r.pointerInThing()), READ))
                .orElse(Set.of());
    }

    /**
     * A thing as a search sees it for the subject: {@code fields} cut from the stored thing if the subject may read
     * all of it (the common case, no parsing of the rest), else the readable view of the whole thing; empty if it
     * may read none of it.
     */
    public Optional<SearchCandidate> searchCandidate(final ScannedThing scanned, final Set<JsonPointer> fields,
            final AuthorizationContext subject) {
        final Thing partial = scanned.with(fields);
        final Optional<StoredPolicy> policy = partial.getPolicyId().flatMap(policies::get);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        final Enforcer enforcer = policy.get().enforcer();
        final ResourceKey root = key(JsonPointer.empty());
        if (enforcer.hasUnrestrictedPermissions(root, subject, READ)) {
            return Optional.of(new SearchCandidate(partial, scanned::whole));
        }
        if (!enforcer.hasPartialPermissions(root, subject, READ)) {
            return Optional.empty();
        }
        return readableThing(scanned.whole(), subject).map(view -> new SearchCandidate(view, () -> view));
    }

    /** The part of the thing the subject may read (for search), or empty if none of it. */
    public Optional<Thing> readableThing(final Thing thing, final AuthorizationContext subject) {
        final Optional<StoredPolicy> policy = thing.getPolicyId().flatMap(policies::get);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        final Enforcer enforcer = policy.get().enforcer();
        final ResourceKey root = key(JsonPointer.empty());
        if (enforcer.hasUnrestrictedPermissions(root, subject, READ)) {
            return Optional.of(thing);
        }
        if (!enforcer.hasPartialPermissions(root, subject, READ)) {
            return Optional.empty();
        }
        return Optional.of(ThingsModelFactory.newThing(enforcer.buildJsonView(root,
                thing.toJson(org.eclipse.ditto.base.model.json.JsonSchemaVersion.V_2,
                        org.eclipse.ditto.base.model.json.FieldType.all()),
                subject, ALWAYS_READABLE, READ)));
    }

    private static ResourceKey key(final JsonPointer pointerInThing) {
        // the pointer itself, not its text: Ditto would parse the text back into the same pointer
        return PoliciesModelFactory.newResourceKey(PoliciesResourceType.THING, pointerInThing);
    }

    /** Ditto's leaves of a merge patch: every non-object value (null included) and every empty object. */
    private static void collectLeaves(final JsonPointer path, final JsonValue value, final Set<ResourceKey> leaves) {
        if (value.isObject() && !value.asObject().isEmpty()) {
            value.asObject().forEach(f -> collectLeaves(path.append(f.getKey().asPointer()), f.getValue(), leaves));
        } else {
            leaves.add(key(path));
        }
    }
}
