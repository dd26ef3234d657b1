package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.policies.model.SubjectType;
import org.junit.jupiter.api.Test;

import io.twinloop.cli.ditto.DittoResource;
import io.twinloop.cli.ditto.PolicyResource;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinResponse;

/** {@code ditto provision}'s policies against the embedded twin server over real HTTP. */
class DittoProvisionPoliciesTest extends OperatorServer {

    private static final List<String> THINGS = List.of("demo:CNC01", "demo:Press01", "demo:Robot01",
            "demo:demo-plant-environment");

    @Override
    String[] otherUsers() {
        return new String[] {"other", "pw"};
    }

    private CommandRun provision(final String... extra) {
        return againstServer(new String[] {"ditto", "provision"}, extra);
    }

    private String policyEtag(final String id) {
        final TwinResponse response = client.request("GET", "/api/2/policies/" + id, null, RequestOptions.none())
                .join();
        return response.etag().orElseThrow();
    }

    @Test
    void createsEachThingsPolicyAndASecondRunChangesNothing() {
        final CommandRun first = provision();
        assertThat(first.exitCode()).as(first.err()).isZero();
        for (final String thing : THINGS) {
            assertThat(first.out()).contains("policy " + thing + " created");
        }
        assertThat(first.out()).contains("models: not linked (no --models-base-url)")
                .contains("done: 4 policies, 4 created; 0 connections in");
        final List<String> revisions = THINGS.stream().map(this::policyEtag).toList();

        final CommandRun second = provision();

        assertThat(second.exitCode()).as(second.err()).isZero();
        for (final String thing : THINGS) {
            assertThat(second.out()).contains("policy " + thing + " unchanged");
        }
        assertThat(second.out()).doesNotContain("created").doesNotContain("updated")
                .contains("4 policies, 4 unchanged");
        // no write: the policies' revisions (ETag "rev:N") are where the first run left them
        assertThat(THINGS.stream().map(this::policyEtag).toList()).isEqualTo(revisions);
        final Policy cnc = client.retrievePolicy(PolicyId.of("demo:CNC01"), RequestOptions.none()).join();
        assertThat(cnc.getEntryFor("OPTIMIZER").orElseThrow().getResources().getResource(
                PoliciesResourceType.thingResource("/features/OperationalData/desiredProperties"))).isPresent();
    }

    @Test
    void aChangedTemplateUpdatesThePoliciesOnTheRevisionRead() {
        assertThat(provision().exitCode()).isZero();
        final String before = policyEtag("demo:CNC01");

        final CommandRun changed = provision("--operator-subject", "nginx:alice", "--integrator-subject",
                "nginx:erp", "--optimizer-namespace", "other");

        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("policy demo:CNC01 updated").contains("4 policies, 4 updated");
        assertThat(policyEtag("demo:CNC01")).isNotEqualTo(before);
        final Policy cnc = client.retrievePolicy(PolicyId.of("demo:CNC01"), RequestOptions.none()).join();
        assertThat(cnc.getEntryFor("OPERATOR").orElseThrow().getSubjects()
                .getSubject(SubjectId.newInstance("nginx:alice"))).isPresent();
        assertThat(cnc.getEntryFor("INTEGRATOR")).isPresent();
        // the optimizer may not write outside its namespaces
        assertThat(cnc.getEntryFor("OPTIMIZER").orElseThrow().getResources().getResource(
                PoliciesResourceType.thingResource("/features/OperationalData/desiredProperties"))).isEmpty();
        assertThat(provision("--operator-subject", "nginx:alice", "--integrator-subject", "nginx:erp",
                "--optimizer-namespace", "other").out()).contains("4 policies, 4 unchanged");
    }

    @Test
    void aPolicyChangedBetweenReadAndWriteIsRefusedNotOverwritten() {
        assertThat(provision().exitCode()).isZero();
        final PolicyId id = PolicyId.of("demo:CNC01");
        final Policy held = client.retrievePolicy(id, RequestOptions.none()).join();
        final Policy wanted = held.toBuilder().forLabel("AUDITOR")
                .setSubject(SubjectId.newInstance("nginx:auditor"), SubjectType.GENERATED)
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ").build();
        final DittoResource.Plan plan = new PolicyResource(client, wanted)
                .plan();
        assertThat(plan.change()).isEqualTo(DittoResource.Change.UPDATE);
        // someone else changes the policy after provision read it
        final Policy concurrent = held.toBuilder().forLabel("OTHER")
                .setSubject(SubjectId.newInstance("nginx:other"), SubjectType.GENERATED)
                .setGrantedPermissions(PoliciesResourceType.thingResource("/attributes"), "READ").build();
        assertThat(client.putPolicy(concurrent, RequestOptions.none()).join().statusCode()).isEqualTo(204);

        final Throwable refused = catchThrowable(plan::apply);

        assertThat(refused).hasMessageContaining("writing policy demo:CNC01").hasMessageContaining("412");
        final Policy after = client.retrievePolicy(id, RequestOptions.none()).join();
        assertThat(after.getEntryFor("OTHER")).as("the concurrent change is kept").isPresent();
        assertThat(after.getEntryFor("AUDITOR")).isEmpty();
    }

    @Test
    void dryRunSaysWhatWouldChangeAndWritesNothing() {
        final CommandRun run = provision("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dry run: [1/4] policy demo:CNC01 would be created")
                .contains("dry run: nothing was written; 4 policies, 4 would be created");
        final CompletionException missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> client.retrievePolicy(PolicyId.of("demo:CNC01"), RequestOptions.none()).join(),
                CompletionException.class);
        assertThat(missing).hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void aFailureInTheMiddleSaysWhatWasAppliedAndWhatNot() {
        // a policy of that name that the operator may not read: planned as new, its creation refused
        try (DittoClient other = DittoClient.builder(server.httpUri()).basicAuth("other", "pw").build()) {
            other.putPolicy(org.eclipse.ditto.policies.model.PoliciesModelFactory.newPolicyBuilder(
                            PolicyId.of("demo:Robot01")).forLabel("OWNER").setSubject(SubjectId.newInstance(
                                    "nginx:other"), SubjectType.GENERATED)
                    .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE").build(),
                    RequestOptions.none()).join();
        }

        final CommandRun run = provision();

        assertThat(run.exitCode()).as(run.out()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: writing policy demo:Robot01: Ditto answered")
                .contains("applied: policy demo:CNC01 created, policy demo:Press01 created")
                .contains("not applied: policy demo:Robot01, policy demo:demo-plant-environment");
        assertThat(client.retrievePolicy(PolicyId.of("demo:Press01"), RequestOptions.none()).join()).isNotNull();
    }

    @Test
    void anUnreachableDittoIsNamedAndNothingIsWritten() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        final CommandRun run = CommandRun.of("ditto", "provision", DEMO, "--namespace", "demo", "--ditto",
                "http://127.0.0.1:" + closedPort, "--user", "operator", "--password", "s3cret");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: reading policy demo:CNC01: Ditto is not reachable")
                .contains("127.0.0.1:" + closedPort).contains("applied: none")
                .contains("not applied: policy demo:CNC01, policy demo:Press01");
    }

    @Test
    void aBadAasFileIsNamedAndNothingIsWritten() throws Exception {
        final Path bad = Files.writeString(tmp.resolve("broken.aas.json"), "{\"assetAdministrationShells\": [");

        final CommandRun run = CommandRun.of("ditto", "provision", bad.toString(), "--namespace", "demo",
                "--ditto", server.httpUri().toString(), "--user", "operator", "--password", "s3cret");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("broken.aas.json").contains("nothing was written to " + server.httpUri());
    }

    @Test
    void aSubjectThatIsNoDittoSubjectIsAUsageError() {
        final CommandRun run = provision("--operator-subject", "alice");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("--operator-subject 'alice' is not a Ditto subject");
    }
}
