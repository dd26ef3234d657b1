package io.twinloop.twin.server.policy;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.policies.model.Permissions;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyModificationInvalidException;

/** Ditto's rules for a policy's own content (those of its {@code PoliciesValidator} this server applies). */
final class PolicyRules {

    private static final ResourceKey ROOT = PoliciesResourceType.policyResource("/");
    private static final Permissions WRITE = Permissions.newInstance("WRITE");

    private PolicyRules() {}

    static boolean canWrite(final Policy policy, final AuthorizationContext subject) {
        return PolicyEnforcers.defaultEvaluator(policy).hasUnrestrictedPermissions(ROOT, subject, WRITE);
    }

    /** A policy nobody can write any more could never be changed or deleted again: refused, as in Ditto. */
    static void checkNotLockedOut(final Policy policy) {
        if (PolicyEnforcers.defaultEvaluator(policy).getSubjectsWithUnrestrictedPermission(ROOT, WRITE).isEmpty()) {
            throw PolicyModificationInvalidException.newBuilder(policy.getEntityId().orElseThrow())
                    .description("It must contain at least one permanent Subject with permission(s) <[WRITE]> on "
                            + "resource <policy:/>!")
                    .build();
        }
    }
}
