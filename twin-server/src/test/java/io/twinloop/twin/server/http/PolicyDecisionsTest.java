package io.twinloop.twin.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.SubjectIssuer;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;
import org.junit.jupiter.api.Test;

class PolicyDecisionsTest {

    private static final AuthorizationContext AGENT = AuthorizationContext.newInstance(
            DittoAuthorizationContextType.UNSPECIFIED, AuthorizationSubject.newInstance("nginx:agent"));
    private static final ResourceKey DESIRED = key("/features/spindle/desiredProperties/speed");
    private static final ResourceKey PROPERTY = key("/features/spindle/properties/speed");

    @Test
    void answersAsDittosEvaluatorForEachResource() {
        final PolicyDecisions decisions = new PolicyDecisions();
        final Enforcer desiredOnly = enforcer("/features/spindle/desiredProperties");

        for (int i = 0; i < 3; i++) {
            assertThat(decisions.hasUnrestrictedPermissions(desiredOnly, DESIRED, AGENT, ThingAccess.WRITE)).isTrue();
            assertThat(decisions.hasUnrestrictedPermissions(desiredOnly, PROPERTY, AGENT, ThingAccess.WRITE))
                    .isFalse();
        }
        assertThat(decisions.size()).isEqualTo(2);
    }

    @Test
    void aChangedPolicyIsAskedAgainNotAnsweredFromTheOldEntries() {
        final PolicyDecisions decisions = new PolicyDecisions();
        assertThat(decisions.hasUnrestrictedPermissions(enforcer("/features/spindle/desiredProperties"), PROPERTY,
                AGENT, ThingAccess.WRITE)).isFalse();

        // the policy now grants the properties too: a new enforcer, as the policy store makes for new entries
        assertThat(decisions.hasUnrestrictedPermissions(enforcer("/features"), PROPERTY, AGENT, ThingAccess.WRITE))
                .isTrue();
    }

    @Test
    void namesAnEventsReadersAsDittosEvaluatorAndAsksAChangedPolicyAgain() {
        final PolicyDecisions decisions = new PolicyDecisions();
        final Enforcer desiredOnly = enforcer("/features/spindle/desiredProperties");

        for (int i = 0; i < 2; i++) {
            assertThat(decisions.subjectsWithUnrestrictedPermission(desiredOnly, DESIRED, ThingAccess.READ))
                    .containsExactlyElementsOf(desiredOnly.getSubjectsWithUnrestrictedPermission(DESIRED,
                            ThingAccess.READ))
                    .containsExactly(AuthorizationSubject.newInstance("nginx:agent"));
            assertThat(decisions.subjectsWithUnrestrictedPermission(desiredOnly, PROPERTY, ThingAccess.READ))
                    .isEmpty();
        }
        assertThat(decisions.size()).isEqualTo(2);
        assertThat(decisions.subjectsWithUnrestrictedPermission(enforcer("/features"), PROPERTY, ThingAccess.READ))
                .containsExactly(AuthorizationSubject.newInstance("nginx:agent"));
    }

    @Test
    void staysBoundedWhenEveryRequestAsksSomethingNew() {
        final PolicyDecisions decisions = new PolicyDecisions();
        final Enforcer enforcer = enforcer("/features");
        for (int i = 0; i < 20_000; i++) {
            assertThat(decisions.hasUnrestrictedPermissions(enforcer, key("/features/f" + i + "/properties/x"),
                    AGENT, ThingAccess.WRITE)).isTrue();
        }
        assertThat(decisions.size()).isBetween(1, 16_384);
    }

    private static Enforcer enforcer(final String grantedPath) {
        final Policy policy = PoliciesModelFactory.newPolicyBuilder(PolicyId.of("org.example:p"))
                .forLabel("agent")
                .setSubject(SubjectIssuer.newInstance("nginx"), "agent")
                .setGrantedPermissions(PoliciesResourceType.thingResource(grantedPath), "READ", "WRITE")
                .build();
        return PolicyEnforcers.defaultEvaluator(policy);
    }

    private static ResourceKey key(final String pointer) {
        return PoliciesModelFactory.newResourceKey(PoliciesResourceType.THING, JsonPointer.of(pointer));
    }
}
