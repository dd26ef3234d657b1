package io.twinloop.twin.server.policy;

import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;

/**
 * A policy as stored, with the Ditto {@link Enforcer} that evaluates it built on first use: with one policy per
 * thing, building every enforcer at start-up would cost time and memory for policies nobody asks about.
 */
public final class StoredPolicy {

    private final Policy policy;
    private volatile Enforcer enforcer;

    StoredPolicy(final Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    public long revision() {
        return policy.getRevision().map(r -> r.toLong()).orElse(0L);
    }

    /** Ditto's own evaluator of this policy (the one Ditto's services enforce with). */
    public Enforcer enforcer() {
        Enforcer e = enforcer;
        if (e == null) {
            e = PolicyEnforcers.defaultEvaluator(policy);
            enforcer = e;
        }
        return e;
    }
}
