package io.twinloop.ditto.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;
import org.eclipse.ditto.policies.model.enforcers.PolicyEnforcers;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;

/** Each role may do exactly its part of a thing, judged by Ditto's own policy evaluator. */
class PolicyTemplateTest {

    private static final String OWNER = "nginx:owner";
    private static final String OPTIMIZER = PolicyTemplate.DEFAULT_OPTIMIZER;
    private static final String CONNECTOR = PolicyTemplate.DEFAULT_CONNECTOR;
    private static final String OPERATOR = "nginx:alice";
    private static final String INTEGRATOR = "integration:mes";

    private static final PolicyTemplate TEMPLATE = PolicyTemplate.forOwner(OWNER)
            .withOptimizerNamespaces(Set.of("plant"))
            .withOperators(List.of(OPERATOR))
            .withIntegrators(List.of(INTEGRATOR));

    private static Thing thing(final String thingId) {
        return ThingsModelFactory.newThing("{\"thingId\":\"" + thingId + "\",\"attributes\":{\"aas\":{}},"
                + "\"features\":{\"OperationalData\":{\"properties\":{\"Speed\":1},\"desiredProperties\":{}},"
                + "\"Reconciliation\":{\"properties\":{}}}}");
    }

    private static final Enforcer PLANT = PolicyEnforcers.defaultEvaluator(TEMPLATE.policyFor(thing("plant:cnc-1")));
    private static final Enforcer LAB = PolicyEnforcers.defaultEvaluator(TEMPLATE.policyFor(thing("lab:cnc-9")));

    private static boolean may(final Enforcer policy, final String subject, final ResourceKey resource,
            final String permission) {
        return policy.hasUnrestrictedPermissions(resource,
                AuthorizationContext.newInstance(DittoAuthorizationContextType.PRE_AUTHENTICATED_HTTP,
                        AuthorizationSubject.newInstance(subject)), permission);
    }

    private static boolean mayWrite(final Enforcer policy, final String subject, final String path) {
        return may(policy, subject, PoliciesResourceType.thingResource(path), "WRITE");
    }

    private static boolean mayRead(final Enforcer policy, final String subject, final String path) {
        return may(policy, subject, PoliciesResourceType.thingResource(path), "READ");
    }

    @Test
    void theOptimizerWritesOnlyDesiredPropertiesAndOnlyInItsNamespaces() {
        assertThat(mayWrite(PLANT, OPTIMIZER, "/features/OperationalData/desiredProperties/Speed")).isTrue();
        assertThat(mayWrite(PLANT, OPTIMIZER, "/features/OperationalData/properties/Speed")).isFalse();
        assertThat(mayWrite(PLANT, OPTIMIZER, "/features/Reconciliation/properties")).isFalse();
        assertThat(mayWrite(PLANT, OPTIMIZER, "/attributes")).isFalse();
        assertThat(mayRead(PLANT, OPTIMIZER, "/")).isTrue();

        assertThat(mayWrite(LAB, OPTIMIZER, "/features/OperationalData/desiredProperties/Speed")).isFalse();
        assertThat(mayRead(LAB, OPTIMIZER, "/")).isTrue();
    }

    @Test
    void theConnectorWritesPropertiesAndItsReconciliationReports() {
        assertThat(mayWrite(PLANT, CONNECTOR, "/features/OperationalData/properties/Speed")).isTrue();
        assertThat(mayWrite(PLANT, CONNECTOR, "/features/Reconciliation/properties/OperationalData/Speed")).isTrue();
        assertThat(mayWrite(PLANT, CONNECTOR, "/features/OperationalData/desiredProperties/Speed")).isFalse();
        assertThat(mayWrite(PLANT, CONNECTOR, "/attributes")).isFalse();
    }

    @Test
    void operatorsReadEverythingIntegratorsReadTheThingNeitherWrites() {
        assertThat(mayRead(PLANT, OPERATOR, "/")).isTrue();
        assertThat(may(PLANT, OPERATOR, PoliciesResourceType.policyResource("/"), "READ")).isTrue();
        assertThat(may(PLANT, OPERATOR, PoliciesResourceType.messageResource("/"), "READ")).isTrue();
        assertThat(mayWrite(PLANT, OPERATOR, "/features/OperationalData/desiredProperties/Speed")).isFalse();

        assertThat(mayRead(PLANT, INTEGRATOR, "/")).isTrue();
        assertThat(may(PLANT, INTEGRATOR, PoliciesResourceType.policyResource("/"), "READ")).isFalse();
        assertThat(mayWrite(PLANT, INTEGRATOR, "/attributes")).isFalse();
    }

    @Test
    void theOwnerDoesEverythingStrangersNothing() {
        assertThat(mayWrite(PLANT, OWNER, "/")).isTrue();
        assertThat(may(PLANT, OWNER, PoliciesResourceType.policyResource("/"), "WRITE")).isTrue();
        assertThat(mayRead(PLANT, "nginx:someone-else", "/")).isFalse();
    }

    @Test
    void withoutOperatorsOrIntegratorsThePolicyHasNoSuchLabels() {
        assertThat(PolicyTemplate.forOwner(OWNER).policyFor(thing("plant:x")).getLabels())
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER", "OPTIMIZER", "CONNECTOR");
    }
}
