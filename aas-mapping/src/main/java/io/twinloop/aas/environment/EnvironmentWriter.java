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
import org.eclipse.digitaltwin.aas4j.v3.dataformat.aasx.MetamodelContentType;
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

    /**
     * Writes the file; returns what an operator should know (e.g. that an AASX carries its environment as JSON).
     *
     * @throws IOException when the file cannot be written, or the environment cannot be written in that format
     *         (XML needs every member the schema requires; the message names the place)
     */
    public List<String> write(final Environment environment, final List<SupplementaryFile> files,
            final AasFormat format, final Path target) throws IOException {
        final Path absolute = target.toAbsolutePath();
        final Path folder = absolute.getParent();
        Files.createDirectories(folder);
        final Path partial = Files.createTempFile(folder, "." + absolute.getFileName(), ".partial");
        try {
            final List<String> warnings;
            try (OutputStream out = Files.newOutputStream(partial)) {
                warnings = serialize(environment, files, format, out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return warnings;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Serializes to a stream in this writer's version; returns what an operator should know. */
    public List<String> serialize(final Environment environment, final List<SupplementaryFile> files,
            final AasFormat format, final OutputStream out) throws IOException {
        try {
            switch (format) {
                case JSON -> out.write(new JsonSerializer().write(environment).getBytes(StandardCharsets.UTF_8));
                case XML -> out.write(xml(environment).getBytes(StandardCharsets.UTF_8));
                case AASX -> {
                    return aasx(environment, files, out);
                }
            }
            return List.of();
        } catch (SerializationException e) {
            throw new IOException("cannot serialize the AAS environment as " + format + ": " + Causes.rootMessage(e), e);
        }
    }

    /**
     * An AASX with its environment as XML, the usual form; an environment that is not schema-valid (published
     * templates leave required members out) cannot be written as AAS XML without changing it, and then the
     * package carries it as JSON, which the AASX format allows equally.
     */
    private List<String> aasx(final Environment environment, final List<SupplementaryFile> files,
            final OutputStream out) throws SerializationException, IOException {
        final List<InMemoryFile> inMemory = files.stream().map(f -> new InMemoryFile(f.content(), f.path())).toList();
        String xml = null;
        String why = null;
        try {
            xml = xml(environment);
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (xml != null) {
            final String written = xml;
            new AASXSerializer(new XmlSerializer() {
                @Override
                public String write(final Environment ignored) {
                    return written;
                }
            }, new JsonSerializer()).write(environment, inMemory, out, MetamodelContentType.XML);
            return List.of();
        }
        new AASXSerializer().write(environment, inMemory, out, MetamodelContentType.JSON);
        return List.of("the AASX carries its environment as JSON, because it cannot be written as AAS XML: " + why);
    }

    private String xml(final Environment environment) throws IOException {
        try {
            return version.fromV30Xml(AasCoreXml.write(environment));
        } catch (javax.xml.stream.XMLStreamException | com.fasterxml.jackson.core.JsonProcessingException
                | SerializationException e) {
            throw new IOException("cannot write AAS XML: " + Causes.rootMessage(e), e);
        } catch (aas_core.aas3_0.jsonization.Jsonization.DeserializeException e) {
            throw new IOException("cannot write AAS XML: " + e.getPath().map(p -> p + ": ").orElse("")
                    + e.getReason().orElse(e.getMessage()) + " (XML needs every member the schema requires)", e);
        } catch (RuntimeException e) {
            throw new IOException("cannot write AAS XML: " + Causes.rootMessage(e), e);
        }
    }
}
