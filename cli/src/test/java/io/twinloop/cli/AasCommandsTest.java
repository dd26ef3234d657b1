package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;

/** The aas commands as a user runs them, on real files: exit codes, messages, and no partial output. */
class AasCommandsTest {

    private static final Path DEMO = Path.of("..", "examples", "demo-plant.aas.json");

    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommands() {
        final CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("aas").contains("bench");
        assertThat(CommandRun.of("aas", "--help").out()).contains("import").contains("export").contains("validate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml", "aasx"})
    void importThenExportGivesTheDemoPlantBack(final String format) throws IOException {
        final Path things = tmp.resolve("things");
        final Path exported = tmp.resolve("plant." + format);

        final CommandRun imported = CommandRun.of("aas", "import", DEMO.toString(), "--namespace", "demo",
                "--out", things.toString());
        final CommandRun export = CommandRun.of("aas", "export", things.toString(), "--format", format,
                "--out", exported.toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("demo:CNC01").contains("demo:Press01").contains("demo:Robot01");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("AAS v3.0").contains("3 shell(s), 15 submodel(s)");
        final AasPackage original = EnvironmentReader.newInstance().read(DEMO);
        final AasPackage back = EnvironmentReader.newInstance().read(exported);
        assertThat(back.environment().getSubmodels()).containsExactlyInAnyOrderElementsOf(
                original.environment().getSubmodels());
        assertThat(back.environment().getAssetAdministrationShells()).containsExactlyInAnyOrderElementsOf(
                original.environment().getAssetAdministrationShells());
    }

    @Test
    void oneBadFileAmongGoodOnesWritesNothing() throws IOException {
        final Path bad = Files.writeString(tmp.resolve("broken.json"), "{\"submodels\": [");
        final Path things = tmp.resolve("things");

        final CommandRun run = CommandRun.of("aas", "import", DEMO.toString(), bad.toString(), "--namespace", "demo",
                "--out", things.toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: " + bad + ": line 1").contains("malformed JSON")
                .contains("nothing was written");
        assertThat(things).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("broken.json");
        }
    }

    @Test
    void refusedImportLeavesAnExistingFolderAsItWas() throws IOException {
        final Path things = tmp.resolve("things");
        assertThat(CommandRun.of("aas", "import", DEMO.toString(), "--namespace", "demo", "--out", things.toString())
                .exitCode()).isZero();
        final String before = Files.readString(things.resolve("CNC01.json"));
        final Path bad = Files.writeString(tmp.resolve("v2.json"), "{\"assets\": []}");

        final CommandRun run = CommandRun.of("aas", "import", DEMO.toString(), bad.toString(), "--namespace", "other",
                "--out", things.toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("AAS v2 content is not supported");
        assertThat(Files.readString(things.resolve("CNC01.json"))).isEqualTo(before);
    }

    @Test
    void exportRefusesAValueThatDoesNotFitItsTypeAndWritesNoFile() throws IOException {
        final Path things = tmp.resolve("things");
        assertThat(CommandRun.of("aas", "import", DEMO.toString(), "--namespace", "demo", "--out", things.toString())
                .exitCode()).isZero();
        final Path cnc = things.resolve("CNC01.json");
        final String json = Files.readString(cnc);
        assertThat(json).contains("\"PartsProduced\"");
        Files.writeString(cnc, json.replaceFirst("\"PartsProduced\" : [0-9]+", "\"PartsProduced\" : \"many\""));
        final Path out = tmp.resolve("plant.aasx");

        final CommandRun run = CommandRun.of("aas", "export", things.toString(), "--format", "aasx", "--out",
                out.toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains(cnc.toString()).contains("features/OperationalData/properties/PartsProduced");
        assertThat(out).doesNotExist();
    }

    @Test
    void invalidNamespaceIsAUsageError() {
        final CommandRun run = CommandRun.of("aas", "import", DEMO.toString(), "--namespace", "not a namespace",
                "--out", tmp.resolve("x").toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("--namespace 'not a namespace' is not a valid Ditto namespace");
    }

    @Test
    void validateExitsZeroOnlyWhenValid() throws IOException {
        final Path invalid = Files.writeString(tmp.resolve("invalid.json"), "{\"submodels\": [{\"id\": \"urn:x\", "
                + "\"modelType\": \"Submodel\", \"submodelElements\": [{\"idShort\": \"A\", \"modelType\": \"Property\", "
                + "\"valueType\": \"xs:int\", \"value\": \"abc\"}]}]}");

        final CommandRun valid = CommandRun.of("aas", "validate", DEMO.toString());
        final CommandRun notValid = CommandRun.of("aas", "validate", DEMO.toString(), invalid.toString());

        assertThat(valid.exitCode()).as(valid.out()).isZero();
        assertThat(valid.out()).contains("1 of 1 file(s) valid");
        assertThat(notValid.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(notValid.out()).contains(invalid.toString()).contains("submodels[urn:x]/A")
                .contains("1 of 2 file(s) valid");
    }
}
