package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.models.ModelFolderServer;

/** {@code twinloop models export | serve} and {@code aas import --models-base-url}: the models a real Ditto fetches. */
class ModelsCommandsTest {

    private static final Path DEMO = Path.of("../examples/demo-plant.aas.json");
    private static final String BASE = "https://models.example.com/twinloop/";

    @TempDir
    Path tmp;

    @Test
    void importLinksTheThingsToTheModelsExportWrites() throws IOException {
        final Path models = tmp.resolve("models");
        final CommandRun export = CommandRun.of("models", "export", DEMO.toString(), "--namespace", "demo",
                "--base-url", BASE, "--out", models.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains(BASE + "OperationalData-").contains("wrote ");
        final long count;
        try (Stream<Path> files = Files.list(models)) {
            count = files.filter(f -> f.toString().endsWith(".tm.jsonld")).count();
        }
        assertThat(count).isGreaterThan(3);

        final Path things = tmp.resolve("things");
        final Path linkedModels = tmp.resolve("linked-models");
        final CommandRun run = CommandRun.of("aas", "import", DEMO.toString(), "--namespace", "demo", "--out",
                things.toString(), "--models-base-url", BASE, "--models-out", linkedModels.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonObject cnc = JsonFactory.readFrom(Files.readString(things.resolve("CNC01.json"))).asObject();
        final String thingModel = cnc.getValue("definition").orElseThrow().asString();
        assertThat(thingModel).startsWith(BASE + "CNC01-");
        final String featureModel = cnc.getValue("features/OperationalData/definition").orElseThrow().asArray()
                .get(0).orElseThrow().asString();
        // the same names as the export: content-addressed
        assertThat(models.resolve(featureModel.substring(BASE.length()))).exists();
        assertThat(linkedModels.resolve(thingModel.substring(BASE.length()))).exists();
        // and the AAS export still gives the AAS back (definitions are no AAS content)
        final Path back = tmp.resolve("back.aas.json");
        final CommandRun exported = CommandRun.of("aas", "export", things.toString(), "--format", "json",
                "--out", back.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
    }

    @Test
    void badBoundsAreRefusedNamingTheElementAndNothingIsWritten() throws IOException {
        final String demo = Files.readString(DEMO);
        // the CNC's ToolOffsetSetting Range becomes 60..50
        final String bad = demo.replaceFirst("(\"idShort\": \"ToolOffsetSetting\"[\\s\\S]*?\"min\": )\"-50\"", "$1\"60\"");
        assertThat(bad).isNotEqualTo(demo);
        final Path file = Files.writeString(tmp.resolve("bad-plant.aas.json"), bad);
        final Path models = tmp.resolve("models");
        final CommandRun run = CommandRun.of("models", "export", file.toString(), "--namespace", "demo",
                "--base-url", BASE, "--out", models.toString());
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains(file.toString())
                .contains("submodels[urn:twinloop:demo:sm:CNC01:TechnicalData]/ToolOffsetSetting")
                .contains("Range min 60 is above its max 50").contains("nothing was written");
        assertThat(models).doesNotExist();
        final Path things = tmp.resolve("things");
        final CommandRun imported = CommandRun.of("aas", "import", file.toString(), "--namespace", "demo", "--out",
                things.toString(), "--models-base-url", BASE, "--models-out", models.toString());
        assertThat(imported.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(things).doesNotExist();
        assertThat(models).doesNotExist();
    }

    @Test
    void serveAnswersTheModelsOnlyFromItsFolder() throws Exception {
        final Path models = tmp.resolve("models");
        assertThat(CommandRun.of("models", "export", DEMO.toString(), "--namespace", "demo", "--base-url", BASE,
                "--out", models.toString()).exitCode()).isZero();
        Files.writeString(tmp.resolve("secret.txt"), "not a model");
        final String name;
        try (Stream<Path> files = Files.list(models)) {
            name = files.findFirst().orElseThrow().getFileName().toString();
        }
        try (ModelFolderServer server = ModelFolderServer.start(models, "127.0.0.1", 0)) {
            final HttpClient http = HttpClient.newHttpClient();
            final HttpResponse<String> model = http.send(HttpRequest.newBuilder(server.uri().resolve(name)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(model.statusCode()).isEqualTo(200);
            assertThat(model.headers().firstValue("Content-Type")).contains("application/tm+json");
            assertThat(JsonFactory.readFrom(model.body()).asObject().getValue("@type"))
                    .contains(JsonValue.of("tm:ThingModel"));
            for (final String path : new String[] {"missing.tm.jsonld", "..%2Fsecret.txt", ""}) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve(name))
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }
}
