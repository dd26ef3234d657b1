package io.twinloop.aas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decides, before any validation, whether a parsed document is an AAS v3 environment at all.
 *
 * <p>Running the schema validators on an HTML page, an AAS v2 file or a lone submodel produces
 * dozens of messages that hide the one thing the user needs to hear: this is not what the command
 * validates. These checks give that single, clear violation instead.
 */
final class FormatCheck {

    /** XML namespace of AAS 3.0, which aas-core reads. */
    static final String NS_30 = "https://admin-shell.io/aas/3/0";

    /** XML namespace of AAS 3.1, which aas4j's XSD expects. */
    static final String NS_31 = "https://admin-shell.io/aas/3/1";

    private static final Set<String> ENVIRONMENT_LISTS =
            Set.of("assetAdministrationShells", "submodels", "conceptDescriptions");
    private static final String EXPECTED_JSON = "an AAS v3 environment is a JSON object with "
            + "assetAdministrationShells, submodels and/or conceptDescriptions arrays";
    private static final Pattern HTML =
            Pattern.compile("^\\s*(<\\?xml[^>]*>\\s*)?(<!--.*?-->\\s*)*(<!doctype\\s+html|<html[\\s>])",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The namespace and local name of an XML document's root element. */
    record XmlRoot(String namespace, String localName) {}

    private FormatCheck() {}

    /** A format violation when the JSON {@code root} is not an AAS v3 environment, else null. */
    static Violation json(JsonNode root) {
        if (!root.isObject()) {
            return Violation.format("not an AAS v3 environment: the document is a JSON "
                    + root.getNodeType().name().toLowerCase() + "; " + EXPECTED_JSON);
        }
        String v2 = root.path("assets").isArray() ? "top-level 'assets' array" : v2ModelType(root, "$");
        if (v2 != null) {
            return Violation.format("AAS v2 content is not supported (" + v2 + "); convert it to AAS v3");
        }
        if (root.path("modelType").isTextual()) {
            return Violation.format("not an AAS v3 environment: the document is a single "
                    + root.get("modelType").asText() + "; " + EXPECTED_JSON);
        }
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        if (!keys.isEmpty() && keys.stream().noneMatch(ENVIRONMENT_LISTS::contains)) {
            return Violation.format("not an AAS v3 environment: top-level properties " + keys + "; "
                    + EXPECTED_JSON);
        }
        return null;
    }

    /** Finds a v2-style {@code "modelType": {"name": ...}} and says where, or returns null. */
    private static String v2ModelType(JsonNode node, String path) {
        if (node.isObject()) {
            if (node.path("modelType").isObject() && node.path("modelType").has("name")) {
                return "'modelType' given as an object with 'name' at " + path;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String found = v2ModelType(field.getValue(), path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = v2ModelType(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** True for text that starts like an HTML page, which is rarely well-formed XML. */
    static boolean looksLikeHtml(String text) {
        return HTML.matcher(text.length() > 4096 ? text.substring(0, 4096) : text).find();
    }

    /**
     * Reads up to the root element: returns the {@link XmlRoot}, or a syntax {@link Violation} when
     * the text is not well-formed before it.
     */
    static Object xmlRoot(String text) {
        XMLStreamReader reader = null;
        try {
            reader = AasCoreCheck.secureFactory().createXMLStreamReader(new StringReader(text));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    String namespace = reader.getNamespaceURI();
                    return new XmlRoot(namespace == null ? "" : namespace, reader.getLocalName());
                }
            }
            return Violation.syntax(1, 1, "no root element");
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNumber();
            int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNumber();
            return Violation.syntax(line, column, e.getMessage());
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // reading a string: nothing to release
                }
            }
        }
    }

    /** A format violation when {@code root} is not an AAS v3.0/v3.1 environment, else null. */
    static Violation xml(XmlRoot root) {
        String ns = root.namespace();
        if (ns.startsWith("http://www.admin-shell.io/aas/")) {
            return Violation.format("AAS v2 content is not supported (XML namespace " + ns
                    + "); convert it to AAS v3");
        }
        if (!NS_30.equals(ns) && !NS_31.equals(ns)) {
            String version = ns.startsWith("https://admin-shell.io/aas/") ? " (unsupported AAS version)" : "";
            return Violation.format("not an AAS v3 environment: root element <" + root.localName()
                    + "> in namespace '" + ns + "'" + version + "; expected <environment xmlns=\"" + NS_30
                    + "\"> or the 3.1 namespace " + NS_31);
        }
        if (!"environment".equals(root.localName())) {
            return Violation.format("not an AAS v3 environment: root element is <" + root.localName()
                    + ">, expected <environment>");
        }
        return null;
    }
}
