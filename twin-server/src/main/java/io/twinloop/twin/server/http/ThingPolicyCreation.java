package io.twinloop.twin.server.http;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.Subject;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotCreatableException;

import io.twinloop.twin.server.policy.PolicyChange;
import io.twinloop.twin.server.policy.PolicyStore;

/**
 * The policy a new thing gets, created before the thing as Ditto's things service does: the inline
 * {@code _policy} of the request, or else (if the thing names no existing {@code policyId}) Ditto's default
 * policy, which gives the creating subject READ and WRITE on the thing, its policy and its messages. If the thing
 * is then not created, the policy made for it is deleted again.
 */
final class ThingPolicyCreation {

    static final String INLINE_POLICY = "_policy";
    private static final String COPY_POLICY_FROM = "_copyPolicyFrom";
    private static final String DEFAULT_LABEL = "DEFAULT";

    private final PolicyStore policies;

    ThingPolicyCreation(final PolicyStore policies) {
        this.policies = policies;
    }

    /**
     * @param body the create request's body (a thing, or a merge patch creating one)
     * @return the id of the policy created for the thing, empty if the thing uses an existing one
     */
    CompletionStage<Optional<PolicyId>> prepare(final ThingId thingId, final JsonValue body,
            final AuthorizationContext subject) {
        if (!body.isObject()) {
            return CompletableFuture.completedFuture(Optional.empty()); // refused as a thing later, with its place
        }
        final JsonObject json = body.asObject();
        if (json.contains(COPY_POLICY_FROM)) {
            throw TwinServerException.notImplemented("'" + COPY_POLICY_FROM + "'");
        }
        final Optional<String> named = json.getValue(Thing.JsonFields.POLICY_ID);
        final PolicyId policyId = named.map(PolicyId::of).orElseGet(() -> PolicyId.of(thingId));
        final Optional<JsonValue> inline = json.getValue(INLINE_POLICY);
        final Policy policy;
        if (inline.isPresent()) {
            policy = inlinePolicy(inline.get(), policyId);
        } else if (named.isPresent()) {
            return CompletableFuture.completedFuture(Optional.empty());
        } else {
            policy = defaultPolicy(policyId, subject, thingId);
        }
        return policies.modify(policyId, state -> {
            if (state.current().isPresent()) {
                throw ThingNotCreatableException.newBuilderForPolicyExisting(thingId, policyId).build();
            }
            return PolicyChange.write(state.stamp(policy), Optional.of(policyId));
        });
    }

    /** Undoes {@link #prepare} after the thing could not be created; the caller's error stays the answer. */
    void rollBack(final PolicyId created) {
        policies.modify(created, state -> PolicyChange.delete(created));
    }

    private static Policy inlinePolicy(final JsonValue value, final PolicyId policyId) {
        if (!value.isObject()) {
            throw new DittoJsonException(org.eclipse.ditto.json.JsonParseException.newBuilder()
                    .message("The inline policy '" + INLINE_POLICY + "' must be a JSON object.").build());
        }
        return DittoJsonException.wrapJsonRuntimeException(() -> PoliciesModelFactory.newPolicy(
                value.asObject().set(Policy.JsonFields.ID, policyId.toString())));
    }

    private static Policy defaultPolicy(final PolicyId policyId, final AuthorizationContext subject,
            final ThingId thingId) {
        final String subjectId = subject.getFirstAuthorizationSubject().map(Object::toString).orElseThrow(() ->
                ThingNotCreatableException.newBuilderForPolicyMissing(thingId, policyId)
                        .message("The Thing with ID '" + thingId + "' could not be created with implicit Policy "
                                + "because no authorization subject is present.").build());
        return Policy.newBuilder(policyId)
                .forLabel(DEFAULT_LABEL)
                .setSubject(Subject.newInstance(SubjectId.newInstance(subjectId)))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.messageResource("/"), "READ", "WRITE")
                .build();
    }
}
