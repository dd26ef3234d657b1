package io.twinloop.aas.environment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.databind.node.ObjectNode;


import io.twinloop.aas.AasInputException;

/**
 * Reads an AAS v3.0 or v3.1 XML environment. A first streaming pass checks well-formedness (reporting line
 * and column), refuses DOCTYPE declarations (no external entities are ever resolved) and decides the version
 * from the root element's namespace; then {@link AasCoreXml} reads the document, v3.1 mapped onto v3.0.
 */
final class XmlEnvironmentParser {

    private final XMLInputFactory factory = newSecureFactory();

    /** The version and the aas4j environment read from an XML document. */
    record Parsed(AasVersion version, Environment environment, ObjectNode json, List<String> warnings) {
    }

    Parsed parse(final byte[] content, final String source) {
        final AasVersion version = scan(content, source, true);
        final String xml = version.toV30Xml(new String(content, StandardCharsets.UTF_8));
        final List<String> warnings = new ArrayList<>();
        final JsonEnvironmentParser.Parsed parsed;
        try {
            parsed = AasCoreXml.read(xml, source, warnings);
        } catch (AasInputException e) {
            scan(content, source, false); // a well-formedness error is the better message, with line and column
            throw e;
        }
        return new Parsed(version, parsed.environment(), parsed.json(), warnings);
    }

    /**
     * Checks the document is XML of an AAS v3 environment, without a DOCTYPE, and returns its version. The prolog
     * and root element are enough for that; the whole document is scanned only to locate an error precisely.
     */
    AasVersion scan(final byte[] content, final String source, final boolean untilRoot) {
        AasVersion version = null;
        try {
            final XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                while (reader.hasNext() && !(untilRoot && version != null)) {
                    final int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw AasInputException.of(source, at(reader.getLocation()),
                                "DOCTYPE declarations are not allowed in AAS XML (external entities are refused)");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && version == null) {
                        version = versionOf(reader, source);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw AasInputException.of(source, at(e.getLocation()), "malformed XML: " + cleanMessage(e), e);
        }
        if (version == null) {
            throw AasInputException.of(source, "", "empty XML document: expected an AAS v3 environment");
        }
        return version;
    }

    private static AasVersion versionOf(final XMLStreamReader reader, final String source) {
        final String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
        final String element = reader.getLocalName();
        if (AasVersion.V2_NAMESPACE.equals(namespace) || namespace.startsWith("http://www.admin-shell.io/aas/2/")) {
            throw AasInputException.of(source, at(reader.getLocation()), "AAS v2 content is not supported "
                    + "(namespace " + namespace + "); convert it to AAS v3 first");
        }
        for (final AasVersion version : AasVersion.values()) {
            if (version.xmlNamespace().equals(namespace)) {
                if (!"environment".equals(element)) {
                    throw AasInputException.of(source, at(reader.getLocation()), "not an AAS environment: root "
                            + "element is <" + element + ">, expected <environment>");
                }
                return version;
            }
        }
        throw AasInputException.of(source, at(reader.getLocation()), "not an AAS v3 environment: root element <"
                + element + "> in namespace '" + namespace + "', expected <environment> in "
                + AasVersion.V3_0.xmlNamespace() + " or " + AasVersion.V3_1.xmlNamespace());
    }

    private static XMLInputFactory newSecureFactory() {
        final XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    private static String at(final Location location) {
        return location == null ? "" : "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String cleanMessage(final XMLStreamException e) {
        final String message = e.getMessage() == null ? "" : e.getMessage();
        final int marker = message.indexOf("Message: ");
        return (marker >= 0 ? message.substring(marker + "Message: ".length()) : message).strip();
    }
}
