package io.twinloop.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;
import io.twinloop.ditto.policy.PolicyTemplate;

/** Each service may write exactly its part of an imported thing, judged by Ditto's own policy evaluator. */
class PolicyTemplateTest {

    private static final Thing CNC = DemoPlant.things().get(0).thing();
    private static final Enforcer POLICY = PolicyEnforcers.defaultEvaluator(
            PolicyTemplate.forOwner("nginx:operator").policyFor(CNC));

    private static boolean mayWrite(final String subject, final String path) {
        return POLICY.hasUnrestrictedPermissions(PoliciesResourceType.thingResource(path),
                AuthorizationContext.newInstance(DittoAuthorizationContextType.PRE_AUTHENTICATED_HTTP,
                        AuthorizationSubject.newInstance(subject)), "WRITE");
    }

    @Test
    void theOptimizerRequestsTheConnectorReportsTheOwnerDoesAll() {
        final String optimizer = PolicyTemplate.DEFAULT_OPTIMIZER;
        final String connector = PolicyTemplate.DEFAULT_CONNECTOR;
        assertThat(mayWrite(optimizer, "/features/OperationalData/desiredProperties/Speed")).isTrue();
        assertThat(mayWrite(optimizer, "/features/OperationalData/properties/Speed")).isFalse();
        assertThat(mayWrite(optimizer, "/features/Reconciliation/properties")).isFalse();

        assertThat(mayWrite(connector, "/features/OperationalData/properties/Speed")).isTrue();
        assertThat(mayWrite(connector, "/features/Reconciliation/properties/OperationalData/Speed")).isTrue();
        assertThat(mayWrite(connector, "/features/OperationalData/desiredProperties/Speed")).isFalse();
        assertThat(mayWrite(connector, "/attributes")).isFalse();

        assertThat(mayWrite("nginx:operator", "/")).isTrue();
        assertThat(mayWrite("nginx:someone-else", "/features/OperationalData/desiredProperties/Speed")).isFalse();
    }
}
