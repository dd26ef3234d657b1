package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.Subject;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.AccessDeniedException;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.PreconditionFailedException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * Policy refusals: a subject whose policy lets it write only desired properties (what TwinLoop's agents get) is
 * refused everything else with Ditto's errors, and a policy that would lock everyone out is refused. One user
 * suffices: the test narrows its own grants on the thing, then widens them again so that clean-up can delete it.
 */
class PolicyConformanceTest {

    private static final String PRESS = "press";

    @OnEveryTarget
    void writesOutsideTheGrantsAreRefusedLikeDitto(final TwinTarget target) {
        final DittoClient client = target.client();
        final ThingId id = target.newThingId();
        final String subject = "nginx:" + target.username();
        // the policy is named like the thing, so the target's clean-up deletes it
        assertThat(client.putPolicy(ownerPolicy(PolicyId.of(id), subject), RequestOptions.none()).join()
                .statusCode()).isEqualTo(201);
        client.putThing(Thing.newBuilder().setId(id).setPolicyId(PolicyId.of(id))
                .setFeatureProperty(PRESS, JsonPointer.of("force"), JsonValue.of(80))
                .setFeatureDesiredProperty(PRESS, JsonPointer.of("force"), JsonValue.of(80)).build(),
                RequestOptions.none()).join();
        try {
            assertThat(client.putPolicy(agentPolicy(PolicyId.of(id), subject), RequestOptions.none()).join()
                    .statusCode()).isEqualTo(204);
            assertThat(client.putFeatureDesiredProperty(id, PRESS, JsonPointer.of("force"), JsonValue.of(90),
                    RequestOptions.none()).join().statusCode()).isEqualTo(204);

            final AccessDeniedException property = failure(client.putFeatureProperty(id, PRESS,
                    JsonPointer.of("force"), JsonValue.of(90), RequestOptions.none()), AccessDeniedException.class);
            assertThat(property.status()).isEqualTo(403);
            assertThat(property.errorCode()).contains("things:feature.property.notmodifiable");

            final AccessDeniedException merge = failure(client.merge(TwinPath.thing(id), JsonFactory.newObject(
                    "{\"features\":{\"press\":{\"properties\":{\"force\":1},\"desiredProperties\":{\"force\":1}}}}"),
                    RequestOptions.none()), AccessDeniedException.class);
            assertThat(merge.errorCode()).contains("things:thing.notmodifiable");

            final AccessDeniedException deletion = failure(client.delete(TwinPath.thing(id), RequestOptions.none()),
                    AccessDeniedException.class);
            assertThat(deletion.errorCode()).contains("things:thing.notdeletable");

            final Thing after = client.retrieveThing(id).join();
            assertThat(after.getFeatures().orElseThrow().getFeature(PRESS).orElseThrow()
                    .getProperty(JsonPointer.of("force"))).contains(JsonValue.of(80));
        } finally {
            client.putPolicy(ownerPolicy(PolicyId.of(id), subject), RequestOptions.none()).join();
        }
    }

    @OnEveryTarget
    void aPolicyThatLocksEveryoneOutIsRefused(final TwinTarget target) {
        final ThingId id = target.newThingId();
        final Policy readOnly = Policy.newBuilder(PolicyId.of(id)).forLabel("OWNER")
                .setSubject(Subject.newInstance(SubjectId.newInstance("nginx:" + target.username())))
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ").build();

        final DittoErrorException e = failure(target.client().putPolicy(readOnly, RequestOptions.none()),
                DittoErrorException.class);

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.errorCode()).contains("policies:policy.notcreatable");
    }

    /** READ on the thing, WRITE on the press's desired properties only; full control of the policy itself. */
    private static Policy agentPolicy(final PolicyId id, final String subject) {
        return Policy.newBuilder(id).forLabel("AGENT")
                .setSubject(Subject.newInstance(SubjectId.newInstance(subject)))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ")
                .setGrantedPermissions(PoliciesResourceType.thingResource("/features/press/desiredProperties"),
                        "WRITE")
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE")
                .build();
    }

    @OnEveryTarget
    void conditionalRequestsOnAPolicyFollowItsRevision(final TwinTarget target) {
        final DittoClient client = target.client();
        final ThingId id = target.newThingId();
        final PolicyId policyId = PolicyId.of(id); // named like a thing, so the target's clean-up deletes it
        final Policy owner = ownerPolicy(policyId, "nginx:" + target.username());
        assertThat(client.putPolicy(owner, RequestOptions.none().ifNoneMatchAny()).join().statusCode())
                .isEqualTo(201);

        final PreconditionFailedException again = failure(client.putPolicy(owner,
                RequestOptions.none().ifNoneMatchAny()), PreconditionFailedException.class);
        assertThat(again.status()).isEqualTo(412);
        assertThat(again.errorCode()).contains("policies:precondition.failed");

        final String path = "/api/2/policies/" + policyId;
        final String etag = client.request("GET", path, null, RequestOptions.none()).join().etag().orElseThrow();
        assertThat(etag).isEqualTo("\"rev:1\"");
        assertThat(client.request("GET", path, null, RequestOptions.none().ifNoneMatch(etag)).join().statusCode())
                .isEqualTo(304);

        assertThat(client.putPolicy(owner, RequestOptions.none().ifMatch(etag)).join().statusCode()).isEqualTo(204);
        final PreconditionFailedException stale = failure(client.putPolicy(owner,
                RequestOptions.none().ifMatch(etag)), PreconditionFailedException.class);
        assertThat(stale.errorCode()).contains("policies:precondition.failed");
        failure(client.deletePolicy(policyId, RequestOptions.none().ifMatch(etag)),
                PreconditionFailedException.class);
        assertThat(client.request("GET", path, null, RequestOptions.none()).join().etag())
                .as("refused writes changed nothing").contains("\"rev:2\"");
    }

    private static Policy ownerPolicy(final PolicyId id, final String subject) {
        return Policy.newBuilder(id).forLabel("OWNER")
                .setSubject(Subject.newInstance(SubjectId.newInstance(subject)))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE")
                .build();
    }
}
