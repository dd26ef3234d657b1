package io.twinloop.aas.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The XML pipeline: recognise non-AAS content and the AAS version from the root element, then XSD
 * (aas4j), metamodel constraints (aas-core) and references, each reported with idShort paths.
 *
 * <p>The two libraries target different AAS versions: aas4j 2.0.1's XSD has the 3.1 namespace,
 * aas-core3.0-java reads only the 3.0 namespace. The document is therefore given to each in the
 * namespace it expects. Only the {@code xmlns} declarations are rewritten, and both namespace URIs
 * have the same length, so line and column numbers stay those of the original file.
 */
final class XmlValidation {

    private static final Pattern AAS_XMLNS =
            Pattern.compile("(xmlns(?::[A-Za-z_][\\w.-]*)?\\s*=\\s*[\"'])https://admin-shell\\.io/aas/3/[01](?=[\"'])");
    private static final String REDUNDANT = "cvc-type.3.1.3";

    /** Validates {@code text} (without byte order mark) and reports under {@code sourceName}. */
    ValidationReport validate(String text, String sourceName) {
        if (text.isBlank()) {
            return unread(sourceName, Violation.syntax(1, 1, "empty document: no XML element"));
        }
        if (FormatCheck.looksLikeHtml(text)) {
            return unread(sourceName, Violation.format("not an AAS v3 environment: this is an HTML document"));
        }
        Object root = FormatCheck.xmlRoot(text);
        if (root instanceof Violation) {
            return unread(sourceName, (Violation) root);
        }
        FormatCheck.XmlRoot xmlRoot = (FormatCheck.XmlRoot) root;
        Violation notAas = FormatCheck.xml(xmlRoot);
        if (notAas != null) {
            return unread(sourceName, notAas);
        }
        String version = FormatCheck.NS_31.equals(xmlRoot.namespace()) ? "3.1" : "3.0";
        XmlSchemaCheck.Result parsed = XmlSchemaCheck.parse(withNamespace(text, FormatCheck.NS_31));
        if (parsed.syntaxError() != null) {
            return ValidationReport.of(sourceName, version, List.of(parsed.syntaxError()));
        }
        TreeNode tree = XmlTreeNode.of(parsed.document().getDocumentElement());
        List<Violation> violations = new ArrayList<>(schema(parsed, tree, xmlRoot.namespace(), version));
        violations.addAll(AasCoreCheck.checkXml(withNamespace(text, FormatCheck.NS_30), tree));
        violations.addAll(ReferenceCheck.check(tree));
        return ValidationReport.of(sourceName, version, violations);
    }

    private static List<Violation> schema(
            XmlSchemaCheck.Result parsed, TreeNode tree, String namespace, String version) {
        List<Violation> violations = new ArrayList<>();
        XmlSchemaCheck.XsdError previous = null;
        for (XmlSchemaCheck.XsdError error : parsed.errors()) {
            boolean repeats = previous != null && previous.element() == error.element()
                    && previous.line() == error.line() && previous.column() == error.column();
            if (!(repeats && error.message().startsWith(REDUNDANT)) && !isFalsePositive(error, version)) {
                String message = error.message().replace(FormatCheck.NS_31, namespace);
                violations.add(
                        Violation.schema(
                                path(error, tree, parsed),
                                "line " + error.line() + ", column " + error.column() + ": "
                                        + SchemaWorkarounds.abbreviate(message)));
            }
            previous = error;
        }
        return violations;
    }

    private static boolean isFalsePositive(XmlSchemaCheck.XsdError error, String version) {
        Element element = error.element();
        if (element == null) {
            return false;
        }
        boolean leaf = element.getElementsByTagNameNS("*", "*").getLength() == 0;
        String value = leaf ? element.getTextContent() : null;
        return SchemaWorkarounds.isAas31IdShortRejection(error.message(), element.getLocalName(), value, version);
    }

    /** The idShort path of the element the error was reported in, or {@code line N} at the root. */
    private static String path(XmlSchemaCheck.XsdError error, TreeNode tree, XmlSchemaCheck.Result parsed) {
        Element element = error.element();
        if (element == null || element == parsed.document().getDocumentElement()) {
            return "line " + error.line();
        }
        return IdShortPaths.format(tree, XmlTreeNode.segmentsOf(element));
    }

    /** Rewrites the AAS 3.0/3.1 namespace declarations to {@code namespace}, keeping all offsets. */
    static String withNamespace(String text, String namespace) {
        return AAS_XMLNS.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(namespace));
    }

    private static ValidationReport unread(String sourceName, Violation violation) {
        return ValidationReport.of(sourceName, ValidationReport.UNKNOWN_VERSION, List.of(violation));
    }
}
