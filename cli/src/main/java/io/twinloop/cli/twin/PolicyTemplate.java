package io.twinloop.cli.twin;

import java.util.Objects;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyBuilder;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.Subject;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.policies.model.SubjectType;
import org.eclipse.ditto.things.model.Thing;

/**
 * The least-privilege policy an imported thing gets, one per thing and named like it (as Ditto names default
 * policies): the owner may do everything; the optimizer reads the thing and writes only its features'
 * {@code desiredProperties} (what agents request); the connector reads it and writes only its features'
 * {@code properties} (what machines report) and the {@value #RECONCILIATION} feature (its reports on desired
 * values, see the connectors module). Ditto has no wildcards in resource paths, so the grants are listed
 * per feature of the thing.
 *
 * @param ownerSubject e.g. {@code nginx:ditto}, the importing user
 * @param optimizerSubject the optimizer service's subject
 * @param connectorSubject the connectors' subject
 */
public record PolicyTemplate(String ownerSubject, String optimizerSubject, String connectorSubject) {

    public static final String DEFAULT_OPTIMIZER = "nginx:twinloop-optimizer";
    public static final String DEFAULT_CONNECTOR = "nginx:twinloop-connector";
    /** The feature the OPC UA connector reports applied and rejected desired values in. */
    public static final String RECONCILIATION = "Reconciliation";

    public PolicyTemplate {
        Objects.requireNonNull(ownerSubject, "ownerSubject");
        Objects.requireNonNull(optimizerSubject, "optimizerSubject");
        Objects.requireNonNull(connectorSubject, "connectorSubject");
    }

    /** The owner as given, the optimizer and connector with their default subjects. */
    public static PolicyTemplate forOwner(final String ownerSubject) {
        return new PolicyTemplate(ownerSubject, DEFAULT_OPTIMIZER, DEFAULT_CONNECTOR);
    }

    /** The policy for {@code thing}, with the thing's id as policy id. */
    public Policy policyFor(final Thing thing) {
        final PolicyId policyId = PolicyId.of(thing.getEntityId().orElseThrow());
        PolicyBuilder builder = Policy.newBuilder(policyId)
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
            builder = builder.forLabel("OPTIMIZER").setGrantedPermissions(
                    PoliciesResourceType.thingResource("/features/" + feature + "/desiredProperties"), "WRITE")
                    .forLabel("CONNECTOR").setGrantedPermissions(
                    PoliciesResourceType.thingResource("/features/" + feature + "/properties"), "WRITE");
        }
        return builder.build();
    }

    private static Iterable<String> featureIds(final Thing thing) {
        return thing.toJson().getValue("features").filter(JsonValue::isObject).map(JsonValue::asObject)
                .map(f -> f.getKeys().stream().map(Object::toString).toList()).orElse(java.util.List.of());
    }

    private static Subject subject(final String id, final String type) {
        return Subject.newInstance(SubjectId.newInstance(id), SubjectType.newInstance("twinloop-" + type));
    }
}
