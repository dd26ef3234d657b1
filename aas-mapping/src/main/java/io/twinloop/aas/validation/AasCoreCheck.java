package io.twinloop.aas.validation;

import aas_core.aas3_0.jsonization.Jsonization;
import aas_core.aas3_0.reporting.Reporting;
import aas_core.aas3_0.types.model.IEnvironment;
import aas_core.aas3_0.verification.Verification;
import aas_core.aas3_0.xmlization.Xmlization;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Checks the AAS 3.0 metamodel constraints (AASd-...) and invariants with aas-core3.0-java.
 *
 * <p>aas-core first deserializes the document into its own model, which fails on the first
 * structural problem (unknown property, wrong enum literal, missing required property); that is
 * reported as one schema violation, since no constraint can be checked without a model. Otherwise
 * every error of its verification becomes a constraint violation. aas-core's locations are
 * property names and indices; they are translated to idShort paths against the source document.
 */
final class AasCoreCheck {

    private static final String NOT_CHECKED = " (aas-core 3.0 could not read the environment, so "
            + "its metamodel constraints were not checked)";

    private AasCoreCheck() {}

    /** Deserializes and verifies a JSON environment. */
    static List<Violation> checkJson(JsonNode root, TreeNode tree) {
        IEnvironment environment;
        try {
            environment = Jsonization.Deserialize.deserializeEnvironment(root);
        } catch (Jsonization.DeserializeException e) {
            List<Object> segments = ModelPaths.parseJsonPath(e.getPath().orElse("")).segments();
            return List.of(failure(tree, segments, e.getReason().orElse(String.valueOf(e.getMessage()))));
        } catch (RuntimeException e) {
            return List.of(failure(tree, List.of(), String.valueOf(e)));
        }
        return verify(environment, tree);
    }

    /** Deserializes and verifies an XML environment whose namespace is AAS 3.0. */
    static List<Violation> checkXml(String xml30, TreeNode tree) {
        IEnvironment environment;
        XMLEventReader reader = null;
        try {
            reader = secureFactory().createXMLEventReader(new StringReader(xml30));
            environment = Xmlization.Deserialize.deserializeEnvironment(reader);
        } catch (Xmlization.DeserializeException e) {
            List<Object> segments = ModelPaths.parseXPath(e.getPath().orElse(""));
            return List.of(failure(tree, segments, e.getReason().orElse(String.valueOf(e.getMessage()))));
        } catch (XMLStreamException | RuntimeException e) {
            return List.of(failure(tree, List.of(), String.valueOf(e)));
        } finally {
            close(reader);
        }
        return verify(environment, tree);
    }

    private static List<Violation> verify(IEnvironment environment, TreeNode tree) {
        List<Violation> violations = new ArrayList<>();
        try {
            for (Reporting.Error error : Verification.verify(environment)) {
                String path = IdShortPaths.format(tree, ModelPaths.fromReporting(error.getPathSegments()));
                violations.add(Violation.constraint(path, cause(error.getCause())));
            }
        } catch (RuntimeException e) {
            violations.add(Violation.constraint(Violation.ROOT, "aas-core verification failed: " + e));
        }
        return violations;
    }

    private static Violation failure(TreeNode tree, List<Object> segments, String reason) {
        return Violation.schema(IdShortPaths.format(tree, segments), reason + NOT_CHECKED);
    }

    /** Drops aas-core's "Invariant violated:" preamble; the constraint id, if any, follows it. */
    private static String cause(String cause) {
        String text = cause == null ? "" : cause.strip();
        return text.startsWith("Invariant violated:") ? text.substring(19).strip() : text;
    }

    /** A StAX factory that neither loads DTDs nor resolves external entities. */
    static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    private static void close(XMLEventReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was written; closing a string reader cannot lose data
            }
        }
    }
}
