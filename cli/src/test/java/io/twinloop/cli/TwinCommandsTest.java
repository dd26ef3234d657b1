package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.cli.twin.DemoPlant;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.cli.twin.ThingPublisher;
import io.twinloop.twin.client.AccessDeniedException;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/** {@code aas import --ditto} and the demo plant against the embedded twin server, over real sockets. */
class TwinCommandsTest extends OperatorServer {

    @Override
    String[] otherUsers() {
        return new String[] {"twinloop-optimizer", "opt"};
    }

    private CommandRun importIntoServer(final String... extra) {
        return againstServer(new String[] {"aas", "import"}, extra);
    }

    @Test
    void importPutsTheThingsIntoTheServerAndARerunChangesNothing() {
        final CommandRun first = importIntoServer();
        final CommandRun second = importIntoServer();

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("[1/4] demo:CNC01 created").contains("demo:demo-plant-environment created");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("[1/4] demo:CNC01 unchanged").doesNotContain("created").doesNotContain("updated");
        final JsonValue speed = client.retrieve(TwinPath.thing(ThingId.of("demo:CNC01"))
                .property("OperationalData", JsonPointer.of("SpindleSpeed")), RequestOptions.none()).join()
                .body().orElseThrow();
        assertThat(speed.asDouble()).isEqualTo(8450.0);
    }

    @Test
    void importGivesEachThingALeastPrivilegePolicy() {
        final CommandRun run = importIntoServer();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("demo:CNC01 created (with its policy)");
        final ThingId cnc = ThingId.of("demo:CNC01");
        final var policy = client.retrievePolicy(PolicyId.of(cnc), RequestOptions.none()).join();
        assertThat(policy.getEntryFor("OWNER").orElseThrow().getSubjects().getSubject(
                SubjectId.newInstance("nginx:operator"))).isPresent();

        try (DittoClient optimizer = DittoClient.builder(server.httpUri()).basicAuth("twinloop-optimizer", "opt")
                .build()) {
            assertThat(optimizer.putFeatureDesiredProperty(cnc, "OperationalData", JsonPointer.of("SpindleSpeed"),
                    JsonValue.of(1500), RequestOptions.none()).join().statusCode()).isEqualTo(201);
            final CompletionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> optimizer.putFeatureProperty(cnc, "OperationalData", JsonPointer.of("SpindleSpeed"),
                            JsonValue.of(1500), RequestOptions.none()).join(), CompletionException.class);
            assertThat(refused).hasCauseInstanceOf(AccessDeniedException.class);
            assertThat(refused.getCause()).hasMessageContaining("feature.property.notmodifiable");
        }
        // a re-run leaves the policy (an operator may have tightened it) and the thing alone
        assertThat(importIntoServer().out()).doesNotContain("with its policy").contains("demo:CNC01 unchanged");
    }

    @Test
    void aThingChangedInTheServerIsUpdatedOnTheRevisionItWasReadAt() {
        assertThat(importIntoServer().exitCode()).isZero();
        client.putFeatureProperty(ThingId.of("demo:Press01"), "OperationalData", JsonPointer.of("Mode"),
                JsonValue.of("maintenance"), RequestOptions.none()).join();

        final CommandRun rerun = importIntoServer();

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("demo:Press01 updated").contains("demo:CNC01 unchanged");
    }

    @Test
    void desiredValuesSetThroughDittoSurviveARerunThatUpdatesTheThing() {
        assertThat(importIntoServer().exitCode()).isZero();
        final ThingId cnc = ThingId.of("demo:CNC01");
        client.putFeatureDesiredProperty(cnc, "OperationalData", JsonPointer.of("SpindleSpeed"), JsonValue.of(1500),
                RequestOptions.none()).join();
        final CommandRun unchanged = importIntoServer();
        client.putFeatureProperty(cnc, "OperationalData", JsonPointer.of("Mode"), JsonValue.of("blocked"),
                RequestOptions.none()).join();

        final CommandRun updated = importIntoServer();

        assertThat(unchanged.out()).contains("demo:CNC01 unchanged");
        assertThat(updated.out()).contains("demo:CNC01 updated");
        final var thing = client.retrieveThing(cnc).join();
        final var feature = thing.getFeatures().orElseThrow().getFeature("OperationalData").orElseThrow();
        assertThat(feature.getDesiredProperty(JsonPointer.of("SpindleSpeed"))).contains(JsonValue.of(1500));
        assertThat(feature.getProperty(JsonPointer.of("Mode"))).contains(JsonValue.of("RUN"));
    }

    @Test
    void dryRunWritesNothing() {
        final CommandRun run = importIntoServer("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("demo:CNC01 would create").contains("dry run: 4 thing(s)");
        final CompletionException missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> client.retrieveThing(ThingId.of("demo:CNC01")).join(), CompletionException.class);
        assertThat(missing).hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void refusedCredentialsReportWhatWasNotWritten() {
        final CommandRun run = CommandRun.of("aas", "import", DEMO, "--namespace", "demo", "--ditto",
                server.httpUri().toString(), "--user", "operator", "--password", "wrong");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: demo:CNC01").contains("written: none")
                .contains("not written: demo:CNC01, demo:Press01, demo:Robot01, demo:demo-plant-environment");
    }

    @Test
    void importNeedsATarget() {
        final CommandRun run = CommandRun.of("aas", "import", DEMO, "--namespace", "demo");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("--out DIR, --ditto URL, or both");
    }

    @Test
    void demoPlantIsPackagedAndPublishes() {
        final var outcomes = new ThingPublisher(client, PolicyTemplate.forOwner("nginx:operator"),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false)
                .publish(DemoPlant.things());

        assertThat(outcomes).extracting(ThingPublisher.Outcome::thingId)
                .containsExactly("demo:CNC01", "demo:Press01", "demo:Robot01", "demo:demo-plant-environment");
        // Nameplate, TechnicalData, OperationalData, AssetInterfacesDescription, AssetInterfacesMappingConfiguration
        assertThat(client.retrieveThing(ThingId.of("demo:Robot01")).join().getFeatures().orElseThrow().getSize())
                .isEqualTo(5);
    }
}
