package io.twinloop.twin.server.http;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.policies.model.Permissions;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;

/**
 * Remembered answers of Ditto's policy evaluator to "may this subject do this on all of this resource" and "who may
 * do this on all of it" (an event's readers): a twin is
 * written at the same few paths by the same few subjects over and over, and each evaluation walks the policy trie
 * and re-parses the resource path. An answer is keyed by the {@link Enforcer} instance, which stands for one set of
 * policy entries (a changed policy gets another enforcer), so an answer never outlives the entries it came from.
 * Bounded: when full it is emptied and refilled by the next requests.
 */
final class PolicyDecisions {

    private static final int MAX_ANSWERS = 16_384;

    /** Stands for "any subject" in the questions of {@link #subjectsWithUnrestrictedPermission}. */
    private static final AuthorizationContext NO_SUBJECT = AuthorizationContext.empty();

    private final Map<Question, Boolean> answers = new ConcurrentHashMap<>();
    private final Map<Question, Set<AuthorizationSubject>> subjects = new ConcurrentHashMap<>();

    /** Ditto's {@link Enforcer#hasUnrestrictedPermissions(ResourceKey, AuthorizationContext, Permissions)}. */
    boolean hasUnrestrictedPermissions(final Enforcer enforcer, final ResourceKey key,
            final AuthorizationContext subject, final Permissions permissions) {
        final Question question = new Question(enforcer, key, subject, permissions);
        final Boolean known = answers.get(question);
        if (known != null) {
            return known;
        }
        final boolean answer = enforcer.hasUnrestrictedPermissions(key, subject, permissions);
        if (answers.size() >= MAX_ANSWERS) {
            answers.clear();
        }
        answers.put(question, answer);
        return answer;
    }

    /** Ditto's {@link Enforcer#getSubjectsWithUnrestrictedPermission(ResourceKey, Permissions)}: who gets an event. */
    Set<AuthorizationSubject> subjectsWithUnrestrictedPermission(final Enforcer enforcer, final ResourceKey key,
            final Permissions permissions) {
        final Question question = new Question(enforcer, key, NO_SUBJECT, permissions);
        final Set<AuthorizationSubject> known = subjects.get(question);
        if (known != null) {
            return known;
        }
        // in the evaluator's order, as the events' read-granted subjects had it
        final Set<AuthorizationSubject> answer = Collections.unmodifiableSet(
                new LinkedHashSet<>(enforcer.getSubjectsWithUnrestrictedPermission(key, permissions)));
        if (subjects.size() >= MAX_ANSWERS) {
            subjects.clear();
        }
        subjects.put(question, answer);
        return answer;
    }

    int size() {
        return answers.size() + subjects.size();
    }

    /** Identity of the enforcer (not its equality: that would compare whole policy tries), value of the rest. */
    private record Question(Enforcer enforcer, ResourceKey key, AuthorizationContext subject,
            Permissions permissions) {

        @Override
        public boolean equals(final Object o) {
            return o instanceof Question q && q.enforcer == enforcer && q.key.equals(key)
                    && q.subject.equals(subject) && q.permissions.equals(permissions);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * System.identityHashCode(enforcer) + key.hashCode()) + subject.hashCode())
                    + permissions.hashCode();
        }
    }
}
