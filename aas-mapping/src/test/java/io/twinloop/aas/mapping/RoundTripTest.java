package io.twinloop.aas.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.AasVersion;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.environment.EnvironmentWriter;
import io.twinloop.aas.environment.SupplementaryFile;
import io.twinloop.aas.fixture.AasFixtures;

class RoundTripTest {

    @Test
    void everyElementTypeSurvivesThingsAndBack() {
        final Environment original = AasFixtures.everyElementType();

        final Environment back = Environments.roundTrip(Environments.packageOf(original, "fixture.json")).environment();

        assertThat(Environments.json(Environments.normalized(back)))
                .isEqualTo(Environments.json(Environments.normalized(original)));
        assertThat(Environments.normalized(back)).isEqualTo(Environments.normalized(original));
    }

    @Test
    void sharedAndUnreferencedSubmodelsSurvive() {
        final Environment original = AasFixtures.sharedSubmodel();

        final Environment back = Environments.roundTrip(Environments.packageOf(original, "shared.json")).environment();

        assertThat(Environments.normalized(back)).isEqualTo(Environments.normalized(original));
    }

    @Test
    void collidingNamesSurvive() {
        final Environment original = AasFixtures.collidingNames();

        final Environment back = Environments.roundTrip(Environments.packageOf(original, "colliding.json")).environment();

        assertThat(Environments.normalized(back)).isEqualTo(Environments.normalized(original));
    }

    @ParameterizedTest
    @EnumSource(AasFormat.class)
    void everyElementTypeSurvivesFilesAndFoldersInEachFormat(final AasFormat format, @TempDir final Path tmp)
            throws Exception {
        final Environment original = AasFixtures.everyElementType();
        final List<SupplementaryFile> files = List.of(
                SupplementaryFile.of("/aasx/files/thumb.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}),
                SupplementaryFile.of("/aasx/files/manual.pdf", "%PDF-1.4 manual".getBytes()));
        final Path input = tmp.resolve("input." + format.extension());
        EnvironmentWriter.forVersion(AasVersion.V3_0).write(original, format == AasFormat.AASX ? files : List.of(),
                format, input);

        final AasPackage read = EnvironmentReader.newInstance().read(input);
        final ImportResult imported = ThingMapper.of(new MappingOptions("test", 0, false)).map(List.of(read));
        ThingDirectory.write(imported.things(), tmp.resolve("things"));
        final EnvironmentAssembler.Assembled assembled = EnvironmentAssembler.newInstance()
                .assemble(ThingDirectory.read(tmp.resolve("things")));
        final Path output = tmp.resolve("output." + format.extension());
        EnvironmentWriter.forVersion(AasVersion.V3_0).write(assembled.environment(), assembled.files(), format, output);
        final AasPackage reread = EnvironmentReader.newInstance().read(output);

        assertThat(Environments.normalized(reread.environment())).isEqualTo(Environments.normalized(original));
        if (format == AasFormat.AASX) {
            assertThat(reread.files()).containsExactlyInAnyOrderElementsOf(files);
        }
    }
}
