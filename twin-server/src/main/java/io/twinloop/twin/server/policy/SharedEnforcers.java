package io.twinloop.twin.server.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;

/**
 * Ditto enforcers shared by policies with the same entries: an enforcer does not depend on the policy's id, and
 * imported things get policies that differ in little else. Bounded: past {@link #MAX} distinct entry sets the
 * cache starts afresh (policies keep the enforcer they already have).
 */
final class SharedEnforcers implements Function<StoredPolicy, Enforcer> {

    static final int MAX = 10_000;

    private final Map<String, Enforcer> byEntries = new ConcurrentHashMap<>();

    @Override
    public Enforcer apply(final StoredPolicy policy) {
        if (byEntries.size() >= MAX) {
            byEntries.clear();
        }
        return byEntries.computeIfAbsent(policy.entriesKey(),
                key -> PolicyEnforcers.defaultEvaluator(policy.policy()));
    }
}
