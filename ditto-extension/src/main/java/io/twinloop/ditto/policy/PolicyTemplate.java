package io.twinloop.ditto.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyBuilder;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.Subject;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.policies.model.SubjectType;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The least-privilege policy a TwinLoop thing gets, one per thing and named like it (as Ditto names default
 * policies):
 * <ul>
 * <li>{@code OWNER} may do everything;</li>
 * <li>{@code OPTIMIZER} reads the thing and writes only its features' {@code desiredProperties} (what agents
 * request), and only for things in its namespaces (all namespaces when none are configured); its writes are
 * further guarded by the desired-write guard (signatures, replay, approvals);</li>
 * <li>{@code CONNECTOR} reads the thing and writes only its features' {@code properties} (what machines report)
 * and the {@value #RECONCILIATION} feature (its reports on desired values, see the connectors module);</li>
 * <li>{@code OPERATOR} reads the thing, its policy and its messages; operators approve high-impact writes by
 * signing them with their key (the guard's {@code twinloop-approval} header), which needs no write permission;</li>
 * <li>{@code INTEGRATOR} reads the thing.</li>
 * </ul>
 * Ditto has no wildcards in policy resource paths, so the grants are listed per feature of the thing as it is when
 * the policy is made (a feature added later needs the policy updated).
 *
 * @param ownerSubject e.g. {@code nginx:ditto}, the importing user
 * @param optimizerSubject the optimizer service's subject
 * @param connectorSubject the connectors' subject
 * @param optimizerNamespaces namespaces whose things the optimizer may write; empty for every namespace
 * @param operatorSubjects subjects of the operators
 * @param integratorSubjects subjects of systems that only read twins
 */
public record PolicyTemplate(String ownerSubject, String optimizerSubject, String connectorSubject,
                             Set<String> optimizerNamespaces, List<String> operatorSubjects,
                             List<String> integratorSubjects) {

    public static final String DEFAULT_OPTIMIZER = "nginx:twinloop-optimizer";
    public static final String DEFAULT_CONNECTOR = "nginx:twinloop-connector";
    /** The feature the OPC UA connector reports applied and rejected desired values in. */
    public static final String RECONCILIATION = "Reconciliation";

    public PolicyTemplate {
        Objects.requireNonNull(ownerSubject, "ownerSubject");
        Objects.requireNonNull(optimizerSubject, "optimizerSubject");
        Objects.requireNonNull(connectorSubject, "connectorSubject");
        optimizerNamespaces = Set.copyOf(optimizerNamespaces);
        operatorSubjects = List.copyOf(operatorSubjects);
        integratorSubjects = List.copyOf(integratorSubjects);
    }

    /** Owner, optimizer and connector; the optimizer may write in every namespace; no operators or integrators. */
    public PolicyTemplate(final String ownerSubject, final String optimizerSubject, final String connectorSubject) {
        this(ownerSubject, optimizerSubject, connectorSubject, Set.of(), List.of(), List.of());
    }

    /** The owner as given, the optimizer and connector with their default subjects. */
    public static PolicyTemplate forOwner(final String ownerSubject) {
        return new PolicyTemplate(ownerSubject, DEFAULT_OPTIMIZER, DEFAULT_CONNECTOR);
    }

    public PolicyTemplate withOptimizerNamespaces(final Set<String> namespaces) {
        return new PolicyTemplate(ownerSubject, optimizerSubject, connectorSubject, namespaces, operatorSubjects,
                integratorSubjects);
    }

    public PolicyTemplate withOperators(final List<String> subjects) {
        return new PolicyTemplate(ownerSubject, optimizerSubject, connectorSubject, optimizerNamespaces, subjects,
                integratorSubjects);
    }

    public PolicyTemplate withIntegrators(final List<String> subjects) {
        return new PolicyTemplate(ownerSubject, optimizerSubject, connectorSubject, optimizerNamespaces,
                operatorSubjects, subjects);
    }

    /** Whether the optimizer may write the desired properties of things in {@code namespace}. */
    public boolean optimizerWrites(final String namespace) {
        return optimizerNamespaces.isEmpty() || optimizerNamespaces.contains(namespace);
    }

    /** The policy for {@code thing}, with the thing's id as policy id. */
    public Policy policyFor(final Thing thing) {
        final ThingId thingId = thing.getEntityId()
                .orElseThrow(() -> new IllegalArgumentException("the thing has no thingId: a policy is named after it"));
        final boolean optimizerWrites = optimizerWrites(thingId.getNamespace());
        PolicyBuilder builder = Policy.newBuilder(PolicyId.of(thingId))
                .forLabel("OWNER")
                .setSubject(subject(ownerSubject, "owner"))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.messageResource("/"), "READ", "WRITE")
                .forLabel("OPTIMIZER")
                .setSubject(subject(optimizerSubject, "optimizer"))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ")
                .forLabel("CONNECTOR")
                .setSubject(subject(connectorSubject, "connector"))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ")
                .setGrantedPermissions(PoliciesResourceType.thingResource("/features/" + RECONCILIATION), "WRITE");
        for (final String feature : featureIds(thing)) {
            if (optimizerWrites) {
                builder = builder.forLabel("OPTIMIZER").setGrantedPermissions(
                        PoliciesResourceType.thingResource("/features/" + feature + "/desiredProperties"), "WRITE");
            }
            builder = builder.forLabel("CONNECTOR").setGrantedPermissions(
                    PoliciesResourceType.thingResource("/features/" + feature + "/properties"), "WRITE");
        }
        if (!operatorSubjects.isEmpty()) {
            builder = readers(builder, "OPERATOR", operatorSubjects, "operator")
                    .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ")
                    .setGrantedPermissions(PoliciesResourceType.messageResource("/"), "READ");
        }
        if (!integratorSubjects.isEmpty()) {
            builder = readers(builder, "INTEGRATOR", integratorSubjects, "integrator");
        }
        return builder.build();
    }

    /** A label whose subjects read the thing. */
    private static PolicyBuilder.LabelScoped readers(final PolicyBuilder builder, final String label,
            final List<String> subjects, final String type) {
        PolicyBuilder.LabelScoped scoped = builder.forLabel(label);
        for (final String id : subjects) {
            scoped = scoped.setSubject(subject(id, type));
        }
        return scoped.setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ");
    }

    private static List<String> featureIds(final Thing thing) {
        return thing.toJson().getValue("features").filter(JsonValue::isObject).map(JsonValue::asObject)
                .map(f -> f.getKeys().stream().map(Object::toString).toList()).orElse(List.of());
    }

    private static Subject subject(final String id, final String type) {
        return Subject.newInstance(SubjectId.newInstance(id), SubjectType.newInstance("twinloop-" + type));
    }
}
