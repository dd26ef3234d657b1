package io.twinloop.aas.environment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.aasx.AASXSerializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.aasx.InMemoryFile;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.SerializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSerializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.xml.XmlSerializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

/**
 * Writes an AAS environment as JSON, XML or AASX in an explicit metamodel version. The file appears
 * complete or not at all: it is written beside the target and moved into place.
 */
public final class EnvironmentWriter {

    private final AasVersion version;

    private EnvironmentWriter(final AasVersion version) {
        this.version = version;
    }

    public static EnvironmentWriter forVersion(final AasVersion version) {
        return new EnvironmentWriter(version);
    }

    public AasVersion version() {
        return version;
    }

    public void write(final Environment environment, final List<SupplementaryFile> files, final AasFormat format,
            final Path target) throws IOException {
        final Path absolute = target.toAbsolutePath();
        final Path folder = absolute.getParent();
        Files.createDirectories(folder);
        final Path partial = Files.createTempFile(folder, "." + absolute.getFileName(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                serialize(environment, files, format, out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Serializes to a stream in this writer's version (used by benchmarks and the twin client). */
    public void serialize(final Environment environment, final List<SupplementaryFile> files, final AasFormat format,
            final OutputStream out) throws IOException {
        try {
            switch (format) {
                case JSON -> out.write(new JsonSerializer().write(environment).getBytes(StandardCharsets.UTF_8));
                case XML -> out.write(versionedXml().write(environment).getBytes(StandardCharsets.UTF_8));
                case AASX -> new AASXSerializer(versionedXml(), new JsonSerializer())
                        .write(environment, files.stream().map(f -> new InMemoryFile(f.content(), f.path())).toList(), out);
            }
        } catch (SerializationException e) {
            throw new IOException("cannot serialize the AAS environment as " + format + ": " + Causes.rootMessage(e), e);
        }
    }

    /** aas4j's XML serializer API (the AASX writer takes one), producing XML through {@link AasCoreXml}. */
    private XmlSerializer versionedXml() {
        return new XmlSerializer() {
            @Override
            public String write(final Environment environment) throws SerializationException {
                try {
                    return version.fromV30Xml(AasCoreXml.write(environment));
                } catch (javax.xml.stream.XMLStreamException | com.fasterxml.jackson.core.JsonProcessingException
                        | RuntimeException e) {
                    throw new SerializationException("cannot write AAS XML: " + Causes.rootMessage(e), e);
                }
            }
        };
    }
}
