package io.twinloop.twin.server.policy;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;

/**
 * What a policy modification sees: the policy now and the revision and time its change will get.
 *
 * @param policyId the policy being modified
 * @param current the policy now, empty if it does not exist
 * @param nextRevision the revision the change will have; revisions keep counting across delete and re-create
 * @param now the change's timestamp
 */
public record PolicyState(PolicyId policyId, Optional<Policy> current, long nextRevision, Instant now) {

    /** The new content with the policy's id, the next revision and the modification (and kept creation) time. */
    public Policy stamp(final Policy content) {
        final Instant created = current.flatMap(Policy::getCreated).orElse(now);
        return content.toBuilder()
                .setId(policyId)
                .setRevision(nextRevision)
                .setModified(now)
                .setCreated(created)
                .build();
    }
}
