package io.twinloop.aas.environment;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.DeserializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.SerializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSerializer;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.xml.XmlDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import aas_core.aas3_0.jsonization.Jsonization;
import io.twinloop.aas.AasInputException;
import aas_core.aas3_0.xmlization.Xmlization;

/**
 * AAS v3.0 XML through aas-core3.0-java instead of aas4j's XML (de)serializer. aas4j 2.0.1 reads some valid
 * documents wrongly: a Property with both extensions and embedded data specifications comes back with one empty
 * extension ({@code [{"name": null}]}). aas-core's XML code is generated from the metamodel; the two libraries
 * meet in AAS JSON, which both implement to the same schema.
 */
final class AasCoreXml {

    private static final XMLInputFactory INPUT = secureInput();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonDeserializer DESERIALIZER = new JsonDeserializer();

    private AasCoreXml() {
    }

    /**
     * Reads a v3.0 XML environment (v3.1 already mapped onto the v3.0 namespace). Published templates sometimes
     * leave out required members (a File without contentType); aas-core refuses those, and then aas4j's lenient
     * reader is tried, with a warning that says so.
     */
    static JsonEnvironmentParser.Parsed read(final String xml, final String source, final List<String> warnings) {
        final aas_core.aas3_0.types.impl.Environment environment;
        try {
            final XMLEventReader reader = INPUT.createXMLEventReader(new StringReader(xml));
            try {
                environment = Xmlization.Deserialize.deserializeEnvironment(reader);
            } finally {
                reader.close();
            }
        } catch (Xmlization.DeserializeException e) {
            final AasInputException strict = AasInputException.of(source, e.getPath().orElse(""),
                    "not a valid AAS XML environment: " + e.getReason().orElse(e.getMessage()), e);
            try {
                final Environment lenient = new XmlDeserializer().read(xml);
                warnings.add(strict.getMessage() + "; read with aas4j's lenient XML reader instead "
                        + "(check the file with 'twinloop aas validate')");
                return new JsonEnvironmentParser.Parsed(lenient, null);
            } catch (DeserializationException | RuntimeException ignored) {
                throw strict;
            }
        } catch (XMLStreamException e) {
            throw AasInputException.of(source, "", "malformed XML: " + e.getMessage(), e);
        }
        try {
            final ObjectNode json = (ObjectNode) MetamodelDefaults.fill(Jsonization.Serialize.toJsonObject(environment));
            return new JsonEnvironmentParser.Parsed(DESERIALIZER.read(json, Environment.class), json);
        } catch (DeserializationException e) {
            throw AasInputException.of(source, JsonPaths.placeOf(e), "cannot be represented in "
                    + "aas4j's model: " + Causes.rootMessage(e), e);
        }
    }

    /** Writes an environment as v3.0 XML. */
    static String write(final Environment environment) throws XMLStreamException, SerializationException,
            JsonProcessingException {
        // through text: aas4j's toNode() leaves Blob values as binary nodes, which aas-core does not accept
        final aas_core.aas3_0.types.impl.Environment converted = Jsonization.Deserialize.deserializeEnvironment(
                JSON.readTree(new JsonSerializer().write(environment)));
        final StringWriter text = new StringWriter();
        final XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(text);
        writer.writeStartDocument("UTF-8", "1.0");
        Xmlization.Serialize.to(converted, writer);
        writer.writeEndDocument();
        writer.close();
        return text.toString();
    }

    private static XMLInputFactory secureInput() {
        final XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
