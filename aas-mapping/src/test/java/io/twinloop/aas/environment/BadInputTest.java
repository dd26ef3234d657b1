package io.twinloop.aas.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.fixture.AasFixtures;

/** Every kind of bad input gets one clear error naming the file and the place. */
class BadInputTest {

    @TempDir
    Path tmp;

    private final EnvironmentReader reader = EnvironmentReader.newInstance();

    private Path file(final String name, final String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private AasInputException refusal(final Path file) {
        final Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(file));
        assertThat(thrown).isInstanceOf(AasInputException.class).hasMessageStartingWith(file.toString() + ": ");
        return (AasInputException) thrown;
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        final Path bad = file("bad.json", "{\n  \"submodels\": [\n    {\"id\": \"x\",, }\n  ]\n}");

        final AasInputException e = refusal(bad);

        assertThat(e.place()).isEqualTo("line 3, column 16");
        assertThat(e.problem()).startsWith("malformed JSON: ");
    }

    @Test
    void malformedXmlNamesLineAndColumn() throws IOException {
        final Path bad = file("bad.xml", "<?xml version=\"1.0\"?>\n<environment xmlns=\"https://admin-shell.io/aas/3/0\">\n"
                + "  <submodels><submodel></submodels>\n</environment>");

        final AasInputException e = refusal(bad);

        assertThat(e.place()).startsWith("line 3, column");
        assertThat(e.problem()).startsWith("malformed XML: ");
    }

    @Test
    void xmlWithDoctypeIsRefusedBeforeAnyEntityIsResolved() throws IOException {
        final Path bad = file("xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE environment [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]>\n<environment xmlns=\"https://admin-shell.io/aas/3/0\">&x;</environment>");

        assertThat(refusal(bad).problem()).contains("DOCTYPE declarations are not allowed");
    }

    @Test
    void jsonThatIsNoAasEnvironmentIsRefused() throws IOException {
        assertThat(refusal(file("hello.json", "{\"hello\": 1}")).problem())
                .isEqualTo("not an AAS v3 environment: expected top-level assetAdministrationShells, submodels or "
                        + "conceptDescriptions, found [hello]");
        assertThat(refusal(file("array.json", "[1, 2]")).problem()).startsWith("not an AAS v3 environment");
    }

    @Test
    void xmlThatIsNoAasEnvironmentIsRefused() throws IOException {
        assertThat(refusal(file("page.xml", "<html><body>hi</body></html>")).problem())
                .startsWith("not an AAS v3 environment: root element <html>");
    }

    @Test
    void binaryFileIsRefusedAsNotAas() throws IOException {
        final Path png = Files.write(tmp.resolve("picture.aasx"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});

        assertThat(refusal(png).problem()).isEqualTo("not an AAS file: expected AAS v3 JSON, XML or an AASX package");
    }

    @Test
    void aasV2JsonAndXmlAreRefusedAsV2() throws IOException {
        final Path json = file("v2.json", "{\"assetAdministrationShells\": [{\"identification\": {\"id\": \"x\"}, "
                + "\"modelType\": {\"name\": \"AssetAdministrationShell\"}}], \"assets\": []}");
        final Path xml = file("v2.xml", "<?xml version=\"1.0\"?><aas:aasenv xmlns:aas=\"http://www.admin-shell.io/aas/2/0\">"
                + "</aas:aasenv>");

        assertThat(refusal(json).problem()).startsWith("AAS v2 content is not supported");
        assertThat(refusal(xml).problem()).startsWith("AAS v2 content is not supported");
    }

    @Test
    void wrongStructureNamesTheJsonPath() throws IOException {
        final Path bad = file("wrong.json", "{\"submodels\": [{\"id\": \"urn:x\", \"modelType\": \"Submodel\", "
                + "\"submodelElements\": [{\"idShort\": \"A\", \"modelType\": \"Property\", \"valueType\": \"xs:int\", "
                + "\"value\": {\"nested\": true}}]}]}");

        final AasInputException e = refusal(bad);

        assertThat(e.place()).startsWith("$.submodels[0].submodelElements[0]");
        assertThat(e.problem()).startsWith("not a valid AAS v3 environment");
    }

    @Test
    void memberNameDittoCannotHoldIsRefusedWhereItStands() throws IOException {
        final Path bad = file("keys.json", "{\"submodels\": [{\"id\": \"urn:x\", \"modelType\": \"Submodel\",\n"
                + "  \"vendor/extra\": 1}]}");

        final AasInputException e = refusal(bad);

        assertThat(e.place()).isEqualTo("line 2, column 3");
        assertThat(e.problem()).startsWith("member name 'vendor/extra' cannot be a Ditto JSON key");
    }

    @Test
    void corruptZipIsRefused() throws IOException {
        final byte[] garbage = new byte[4096];
        Arrays.fill(garbage, (byte) 7);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        final Path corrupt = Files.write(tmp.resolve("corrupt.aasx"), garbage);

        assertThat(refusal(corrupt).problem()).contains("corrupt or truncated");
    }

    @Test
    void truncatedAasxIsRefused() throws IOException {
        final Path whole = tmp.resolve("whole.aasx");
        EnvironmentWriter.forVersion(AasVersion.V3_0).write(AasFixtures.minimalShell("Press01"), List.of(),
                AasFormat.AASX, whole);
        final byte[] bytes = Files.readAllBytes(whole);
        final Path truncated = Files.write(tmp.resolve("truncated.aasx"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(refusal(truncated).problem()).contains("corrupt or truncated");
    }

    @Test
    void zipEntryEscapingThePackageIsRefused() throws IOException {
        final Path slip = zip("slip.aasx", "aasx/../../../etc/cron.d/evil", "boom".getBytes(StandardCharsets.UTF_8));

        final AasInputException e = refusal(slip);

        assertThat(e.place()).isEqualTo("zip entry 'aasx/../../../etc/cron.d/evil'");
        assertThat(e.problem()).contains("zip slip");
    }

    @Test
    void zipBombIsRefusedWhileInflating() throws IOException {
        final Path bomb = zip("bomb.aasx", "aasx/files/zeros.bin", new byte[20 * 1024 * 1024]);

        final AasInputException e = refusal(bomb);

        assertThat(e.place()).isEqualTo("zip entry 'aasx/files/zeros.bin'");
        assertThat(e.problem()).contains("possible zip bomb");
    }

    @Test
    void zipWithoutAasSpecIsRefusedAsNoAasx() throws IOException {
        final Path office = zip("document.aasx", "word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal(office).problem()).startsWith("not an AASX package: no aas-spec relationship found");
    }

    @Test
    void missingFileIsNamed() {
        assertThat(refusal(tmp.resolve("absent.json")).problem()).isEqualTo("no such file");
    }

    @Test
    void aasV31XmlIsReadAndItsVersionKept() throws IOException {
        final Path v31 = tmp.resolve("v31.xml");
        EnvironmentWriter.forVersion(AasVersion.V3_1).write(AasFixtures.minimalShell("Press01"), List.of(),
                AasFormat.XML, v31);

        final AasPackage read = reader.read(v31);

        assertThat(Files.readString(v31)).contains(AasVersion.V3_1.xmlNamespace());
        assertThat(read.version()).isEqualTo(AasVersion.V3_1);
        assertThat(read.environment().getSubmodels()).hasSize(1);
    }

    private Path zip(final String name, final String entry, final byte[] content) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        final Path path = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(path)) {
            bytes.writeTo(out);
        }
        return path;
    }
}
