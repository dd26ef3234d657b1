package io.twinloop.cli.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.aasx.AASXDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.xml.XmlDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.AasVersion;
import io.twinloop.aas.environment.EnvironmentReader;

/**
 * One corpus file held in memory, parsed the plain aas4j way (the baseline the mapping is compared with). For
 * AASX only the environment is read; supplementary files do not pass through the mapping's hot path.
 */
record BenchFile(Path path, AasFormat format, AasVersion version, byte[] content, int submodels) {

    private static final EnvironmentReader READER = EnvironmentReader.newInstance();
    /** aas4j's deserializers are reusable and costly to build: the baseline reuses them, as a fair user would. */
    private static final JsonDeserializer JSON = new JsonDeserializer();
    private static final XmlDeserializer XML = new XmlDeserializer();

    static BenchFile load(final Path path) throws IOException {
        final byte[] content = Files.readAllBytes(path);
        final AasFormat format = AasFormat.sniff(content).orElseThrow(() -> new IllegalArgumentException("not AAS"));
        final AasVersion version = format == AasFormat.XML && new String(content, StandardCharsets.UTF_8)
                .contains(AasVersion.V3_1.xmlNamespace()) ? AasVersion.V3_1 : AasVersion.V3_0;
        final BenchFile probe = new BenchFile(path, format, version, content, 0);
        return new BenchFile(path, format, version, content, probe.parse().environment().getSubmodels().size());
    }

    /** Read the way an import reads, with TwinLoop's checked reader. */
    AasPackage read() {
        return READER.read(path);
    }

    long size() {
        return content.length;
    }

    AasPackage parse() {
        try {
            final Environment environment;
            switch (format) {
                case JSON -> environment = JSON.read(new ByteArrayInputStream(content), Environment.class);
                case XML -> environment = XML.read(
                        version.toV30Xml(new String(content, StandardCharsets.UTF_8)));
                default -> environment = new AASXDeserializer(XML, JSON, new ByteArrayInputStream(content)).read();
            }
            return AasPackage.of(path.toString(), format, version, environment, List.of(), List.of());
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }
}
