package io.twinloop.twin.server.policy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.Permissions;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyIdNotExplicitlySettableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotCreatableException;

import io.twinloop.twin.server.http.ApiResponse;
import io.twinloop.twin.server.http.Preconditions;
import io.twinloop.twin.server.http.Preconditions.Category;
import io.twinloop.twin.server.http.Preconditions.Entity;
import io.twinloop.twin.server.http.TwinServerException;

/**
 * {@code /api/2/policies/{policyId}[/entries[/{label}[/subjects[/{id}]|/resources[/{key}]]]]}: retrieve, create or
 * modify (PUT) and delete a policy or one of its parts, enforced by the policy itself as Ditto does: reading needs
 * READ on the part ({@code policy:/...}) and shows only what may be read, writing needs unrestricted WRITE, and no
 * change may leave a policy without a subject that can still write it.
 */
public final class PoliciesEndpoint {

    private static final JsonFieldSelector ALWAYS_READABLE = JsonFactory.newFieldSelector(
            Policy.JsonFields.ID);

    private final PolicyStore store;

    public PoliciesEndpoint(final PolicyStore store) {
        this.store = store;
    }

    /**
     * @param path the request path, the Location of a created part
     */
    public CompletionStage<ApiResponse> handle(final String method, final PolicyResource resource,
            final DittoHeaders headers, final String body, final String path) {
        return switch (method) {
            case "GET" -> CompletableFuture.completedFuture(retrieve(resource, headers));
            case "PUT" -> put(resource, headers, parse(body), path);
            case "DELETE" -> delete(resource, headers);
            default -> throw TwinServerException.methodNotAllowed(method, path);
        };
    }

    private ApiResponse retrieve(final PolicyResource r, final DittoHeaders headers) {
        final AuthorizationContext subject = headers.getAuthorizationContext();
        final StoredPolicy stored = store.get(r.policyId())
                .orElseThrow(() -> PolicyNotAccessibleException.newBuilder(r.policyId()).build());
        final JsonObject json = stored.policy().toJson();
        final Enforcer enforcer = stored.enforcer();
        if (!enforcer.hasPartialPermissions(r.resourceKey(), subject, Permissions.newInstance("READ"))) {
            throw r.notAccessible(json);
        }
        final JsonValue value = r.valueIn(json).orElseThrow(() -> r.notAccessible(json));
        Preconditions.check(headers, eTag(r, stored.policy()), Category.QUERY, Entity.POLICY);
        final JsonValue view = value.isObject()
                ? enforcer.buildJsonView(r.resourceKey(), value.asObject(), subject, ALWAYS_READABLE,
                        Permissions.newInstance("READ"))
                : value;
        return ApiResponse.ok(view, eTag(r, stored.policy()));
    }

    private CompletionStage<ApiResponse> put(final PolicyResource r, final DittoHeaders headers,
            final JsonValue value, final String path) {
        final AuthorizationContext subject = headers.getAuthorizationContext();
        return store.modify(r.policyId(), state -> {
            if (state.current().isEmpty()) {
                if (r.kind() != PolicyResource.Kind.POLICY) {
                    throw PolicyNotAccessibleException.newBuilder(r.policyId()).build();
                }
                Preconditions.check(headers, Optional.empty(), Category.MODIFY, Entity.POLICY);
                final Policy created = state.stamp(policyFrom(value, r.policyId()));
                if (!PolicyRules.canWrite(created, subject)) {
                    throw PolicyNotCreatableException.newBuilder(r.policyId())
                            .description("The policy must give the subject creating it WRITE on 'policy:/', "
                                    + "or nobody could change or delete it.")
                            .build();
                }
                return PolicyChange.write(created,
                        ApiResponse.created(created.toJson(), eTag(r, created), path));
            }
            final JsonObject json = state.current().get().toJson();
            checkWrite(r, subject, json);
            // after the policy enforcement, as Ditto checks conditions in the persistence actor
            Preconditions.check(headers, eTag(r, state.current().get()), Category.MODIFY, Entity.POLICY);
            final boolean existed = r.valueIn(json).isPresent();
            final Policy next = state.stamp(r.kind() == PolicyResource.Kind.POLICY ? policyFrom(value, r.policyId())
                    : policyFrom(json.setValue(r.pointerInPolicy(), value), r.policyId()));
            PolicyRules.checkNotLockedOut(next);
            return PolicyChange.write(next, existed ? ApiResponse.noContent(eTag(r, next))
                    : ApiResponse.created(r.valueIn(next.toJson()).orElse(value), eTag(r, next), path));
        });
    }

    private CompletionStage<ApiResponse> delete(final PolicyResource r, final DittoHeaders headers) {
        final AuthorizationContext subject = headers.getAuthorizationContext();
        return store.modify(r.policyId(), state -> {
            final Policy current = state.current()
                    .orElseThrow(() -> PolicyNotAccessibleException.newBuilder(r.policyId()).build());
            final JsonObject json = current.toJson();
            checkWrite(r, subject, json);
            Preconditions.check(headers, eTag(r, current), Category.DELETE, Entity.POLICY);
            if (r.kind() == PolicyResource.Kind.POLICY) {
                return PolicyChange.delete(ApiResponse.noContent(Optional.empty()));
            }
            if (r.valueIn(json).isEmpty()) {
                throw r.notAccessible(json);
            }
            final Policy next = state.stamp(policyFrom(json.remove(r.pointerInPolicy()), r.policyId()));
            PolicyRules.checkNotLockedOut(next);
            return PolicyChange.write(next, ApiResponse.noContent(Optional.empty()));
        });
    }

    /** Writing needs unrestricted WRITE on the part; a subject that may not even read it learns nothing more. */
    private void checkWrite(final PolicyResource r, final AuthorizationContext subject, final JsonObject json) {
        final Enforcer enforcer = store.get(r.policyId()).orElseThrow().enforcer();
        if (!enforcer.hasUnrestrictedPermissions(r.resourceKey(), subject, Permissions.newInstance("WRITE"))) {
            if (!enforcer.hasPartialPermissions(r.resourceKey(), subject, Permissions.newInstance("READ"))) {
                throw PolicyNotAccessibleException.newBuilder(r.policyId()).build();
            }
            throw r.notModifiable();
        }
        if (!r.parentExistsIn(json)) {
            throw r.notAccessible(json);
        }
    }

    /** The whole policy from a request body: its id may be repeated but not changed. */
    private static Policy policyFrom(final JsonValue value, final PolicyId policyId) {
        if (!value.isObject()) {
            throw new DittoJsonException(org.eclipse.ditto.json.JsonParseException.newBuilder()
                    .message("The policy must be a JSON object, not <" + value + ">.").build());
        }
        final JsonObject json = value.asObject();
        final Optional<String> bodyId = json.getValue(Policy.JsonFields.ID);
        if (bodyId.isPresent() && !bodyId.get().equals(policyId.toString())) {
            throw PolicyIdNotExplicitlySettableException.newBuilder().build();
        }
        return DittoJsonException.wrapJsonRuntimeException(() ->
                PoliciesModelFactory.newPolicy(json.set(Policy.JsonFields.ID, policyId.toString())));
    }

    private static Optional<EntityTag> eTag(final PolicyResource r, final Policy policy) {
        return r.kind() == PolicyResource.Kind.POLICY ? EntityTag.fromEntity(policy)
                : r.valueIn(policy.toJson()).flatMap(EntityTag::fromEntity);
    }

    private static JsonValue parse(final String body) {
        return DittoJsonException.wrapJsonRuntimeException(() -> JsonFactory.readFrom(body));
    }
}
