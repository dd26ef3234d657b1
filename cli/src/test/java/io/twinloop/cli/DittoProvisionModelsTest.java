package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.twinloop.cli.models.ModelFolderServer;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * {@code ditto provision --models-base-url URL [--models-out DIR]} against the embedded twin server over real HTTP,
 * with the models served by {@link ModelFolderServer} (what {@code models serve} runs): the server fetches them as
 * Ditto does and validates against them.
 */
class DittoProvisionModelsTest extends OperatorServer {

    private static final List<String> MACHINES = List.of("demo:CNC01", "demo:Press01", "demo:Robot01");

    private Path folder;
    private ModelFolderServer models;

    @Override
    String[] otherUsers() {
        return new String[0];
    }

    @BeforeEach
    void serveModels() throws Exception {
        folder = Files.createDirectories(tmp.resolve("models"));
        models = ModelFolderServer.start(folder, "127.0.0.1", 0);
    }

    @AfterEach
    void stopModels() {
        models.close();
    }

    private CommandRun provision(final String... extra) {
        return againstServer(new String[] {"ditto", "provision"}, extra);
    }

    private CommandRun importThings() {
        return againstServer(new String[] {"aas", "import"});
    }

    private JsonObject thing(final String id) {
        return client.retrieve(TwinPath.thing(ThingId.of(id)), RequestOptions.none()).join().body().orElseThrow()
                .asObject();
    }

    private String etag(final String id) {
        return client.retrieve(TwinPath.thing(ThingId.of(id)), RequestOptions.none()).join().etag().orElseThrow();
    }

    @Test
    void linksTheThingsToServedModelsAndASecondRunChangesNothing() {
        assertThat(importThings().exitCode()).isZero();
        final List<String> before = MACHINES.stream().map(this::etag).toList();

        final CommandRun first = provision("--models-base-url", models.uri().toString(), "--models-out",
                folder.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        for (final String machine : MACHINES) {
            assertThat(first.out()).contains("definition " + machine + " created");
        }
        assertThat(first.out()).contains("written to " + folder).contains("answer at " + models.uri())
                .contains("3 definitions, 3 created").doesNotContain("not yet applied")
                .doesNotContain("definition demo:demo-plant-environment");
        // one write per thing: the revision moved by exactly one
        for (int i = 0; i < MACHINES.size(); i++) {
            assertThat(revision(etag(MACHINES.get(i)))).isEqualTo(revision(before.get(i)) + 1);
        }
        final JsonObject cnc = thing("demo:CNC01");
        final String thingModel = cnc.getValue("definition").orElseThrow().asString();
        final String featureModel = cnc.getValue("features/OperationalData/definition").orElseThrow().asArray()
                .get(0).orElseThrow().asString();
        assertThat(thingModel).startsWith(models.uri() + "CNC01-");
        assertThat(featureModel).startsWith(models.uri() + "OperationalData-");
        assertThat(folder.resolve(featureModel.substring(models.uri().toString().length()))).exists();
        // the properties are kept: only definitions were merged
        assertThat(cnc.getValue("features/OperationalData/properties")).isPresent();
        final List<String> linked = MACHINES.stream().map(this::etag).toList();

        final CommandRun second = provision("--models-base-url", models.uri().toString(), "--models-out",
                folder.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        for (final String machine : MACHINES) {
            assertThat(second.out()).contains("definition " + machine + " unchanged");
        }
        assertThat(second.out()).contains("3 definitions, 3 unchanged").doesNotContain(" created")
                .doesNotContain(" updated");
        assertThat(MACHINES.stream().map(this::etag).toList()).isEqualTo(linked);

        // the server fetched the models and validates against them, as Ditto does
        final CompletionException refused = catchThrowableOfType(() -> client.putFeatureDesiredProperty(
                ThingId.of("demo:CNC01"), "OperationalData", org.eclipse.ditto.json.JsonPointer.of("Speed"),
                JsonValue.of(500), RequestOptions.none()).join(), CompletionException.class);
        assertThat(refused.getCause()).isInstanceOf(DittoErrorException.class);
        assertThat(((DittoErrorException) refused.getCause()).errorCode()).contains("wot:payload.validation.error");
    }

    @Test
    void modelsServedElsewhereNowAreLinkedAgain() throws Exception {
        assertThat(importThings().exitCode()).isZero();
        assertThat(provision("--models-base-url", models.uri().toString(), "--models-out", folder.toString())
                .exitCode()).isZero();
        final Path moved = Files.createDirectories(tmp.resolve("moved"));
        try (ModelFolderServer elsewhere = ModelFolderServer.start(moved, "127.0.0.1", 0)) {
            final String base = elsewhere.uri().toString();
            final String environment = etag("demo:demo-plant-environment");

            final CommandRun run = provision("--models-base-url", base, "--models-out", moved.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("definition demo:CNC01 updated").contains("3 definitions, 3 updated");
            assertThat(thing("demo:Press01").getValue("definition").orElseThrow().asString()).startsWith(base);
            assertThat(thing("demo:Press01").getValue("features/OperationalData/definition").orElseThrow()
                    .toString()).contains(base);
            assertThat(etag("demo:demo-plant-environment")).isEqualTo(environment);
            assertThat(provision("--models-base-url", base).out()).contains("3 definitions, 3 unchanged");
        }
    }

    @Test
    void modelsThatAreNotServedAreNamedAndNothingIsWritten() throws Exception {
        // the folder served is empty: the models were never published there
        final CommandRun run = provision("--models-base-url", models.uri().toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("Thing Model URL(s) do not answer a GET")
                .containsPattern("  " + java.util.regex.Pattern.quote(models.uri().toString())
                        + "CNC01-[0-9a-f]+\\.tm\\.jsonld: answered 404")
                .contains("wot:tm.notfound").contains("--models-out DIR")
                .contains("nothing was written to " + server.httpUri());
        // not even the policies: the check comes before any write
        final CompletionException missing = catchThrowableOfType(() -> client.retrievePolicy(
                PolicyId.of("demo:CNC01"), RequestOptions.none()).join(), CompletionException.class);
        assertThat(missing).hasCauseInstanceOf(NotFoundException.class);
        try (var files = Files.list(folder)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void anUnreachableModelServerIsNamed() throws Exception {
        final int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        final CommandRun run = provision("--models-base-url", "http://127.0.0.1:" + closedPort + "/tm/");

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("http://127.0.0.1:" + closedPort + "/tm/CNC01-").contains("not reachable");
    }

    @Test
    void theCheckCanBeSkippedForAUrlOnlyDittoReaches() {
        // the things are not in Ditto yet: their model links are skipped (the import links new things itself)
        final CommandRun run = provision("--models-base-url", "http://models.internal:8090/", "--no-model-check",
                "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("not checked (--no-model-check)")
                .contains("definition demo:CNC01 would be skipped (not in Ditto)")
                .contains("3 definitions, 3 would be skipped");
    }

    @Test
    void aDryRunWritesNeitherModelsNorDefinitions() {
        assertThat(importThings().exitCode()).isZero();
        final String before = etag("demo:CNC01");

        final CommandRun run = provision("--models-base-url", models.uri().toString(), "--models-out",
                folder.toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("would be written to " + folder)
                .contains("dry run: [5/7] definition demo:CNC01 would be created");
        assertThat(etag("demo:CNC01")).isEqualTo(before);
        assertThat(folder.toFile().list()).isEmpty();
    }

    @Test
    void badModelOptionsAreUsageErrors() {
        final CommandRun outOnly = provision("--models-out", folder.toString());
        assertThat(outOnly.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(outOnly.err()).contains("--models-out needs --models-base-url");

        final CommandRun notHttp = provision("--models-base-url", "ftp://models.example.com/");
        assertThat(notHttp.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(notHttp.err()).contains("--models-base-url must be an absolute http(s) URL")
                .contains("ftp://models.example.com/");
    }

    private static long revision(final String etag) {
        return Long.parseLong(etag.replace("\"", "").replace("rev:", ""));
    }
}
