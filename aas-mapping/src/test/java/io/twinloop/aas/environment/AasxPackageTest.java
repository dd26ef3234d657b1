package io.twinloop.aas.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.fixture.AasFixtures;

/** What an AASX package brings besides its environment. */
class AasxPackageTest {

    @TempDir
    Path tmp;

    @Test
    void referencedFilesAreKeptAndUnreferencedEntriesAreReported() throws IOException {
        final Environment environment = AasFixtures.everyElementType();
        final List<SupplementaryFile> files = List.of(
                SupplementaryFile.of("/aasx/files/thumb.png", new byte[] {1, 2, 3}),
                SupplementaryFile.of("/aasx/files/manual.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
        final Path written = tmp.resolve("plant.aasx");
        EnvironmentWriter.forVersion(AasVersion.V3_0).write(environment, files, AasFormat.AASX, written);
        final Path withExtra = withEntry(written, "aasx/files/notes.txt", "not referenced");

        final AasPackage read = EnvironmentReader.newInstance().read(withExtra);

        assertThat(read.files()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(read.warnings()).singleElement().asString()
                .contains("zip entry 'aasx/files/notes.txt' is referenced by no File element or thumbnail");
    }

    @Test
    void fileReferencedButMissingFromThePackageIsReported() throws IOException {
        final Path written = tmp.resolve("plant.aasx");
        EnvironmentWriter.forVersion(AasVersion.V3_0).write(AasFixtures.everyElementType(), List.of(),
                AasFormat.AASX, written);

        final AasPackage read = EnvironmentReader.newInstance().read(written);

        assertThat(read.files()).isEmpty();
        assertThat(read.warnings()).anySatisfy(w -> assertThat(w)
                .contains("references /aasx/files/manual.pdf, which is not in the package"));
    }

    private Path withEntry(final Path aasx, final String name, final String content) throws IOException {
        final Path copy = tmp.resolve("with-extra.aasx");
        try (InputStream in = Files.newInputStream(aasx); ZipInputStream zipIn = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(copy); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (ZipEntry entry = zipIn.getNextEntry(); entry != null; entry = zipIn.getNextEntry()) {
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                zipIn.transferTo(zipOut);
                zipOut.closeEntry();
            }
            zipOut.putNextEntry(new ZipEntry(name));
            zipOut.write(content.getBytes(StandardCharsets.UTF_8));
            zipOut.closeEntry();
        }
        return copy;
    }
}
