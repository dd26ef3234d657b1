package io.twinloop.aas.validation;

import java.util.Objects;

/**
 * One problem found in an AAS document, located by the idShort path of the element it concerns.
 *
 * <p>The path is what a modeller recognises in an AAS editor, not a JSON pointer or an XPath:
 * identifiables appear by their {@code id} in brackets ({@code submodels[urn:x:sm:1]}), referables
 * below them by their idShorts joined with {@code /}, children of a SubmodelElementList by their
 * index ({@code Values[2]}) and non-referable parts by their property names and indices ({@code
 * MaxSpeed/qualifiers[0]/valueType}). Problems that have no element (unparseable text) carry a
 * position such as {@code line 3, column 7} instead.
 *
 * <p>{@code kind} tells which check found the problem, so that a user knows whether the file is
 * broken as text ({@link #SYNTAX}), not an AAS v3 environment at all ({@link #FORMAT}), invalid
 * against the schema ({@link #SCHEMA}), violating a metamodel constraint ({@link #CONSTRAINT}) or
 * inconsistent in its references ({@link #REFERENCE}).
 *
 * @param path idShort path of the element, {@link #ROOT} for the whole document, or a text position
 * @param kind one of the kind constants of this class
 * @param message single-line human-readable description, including the AASd constraint id where the
 *     checking library gives one
 */
public record Violation(String path, String kind, String message) {

    /** The document is not well-formed JSON or XML. */
    public static final String SYNTAX = "syntax";

    /** The document is well-formed but not an AAS v3 environment (other content, AAS v2, ...). */
    public static final String FORMAT = "format";

    /** The document does not conform to the AAS JSON schema or XSD, or could not be deserialized. */
    public static final String SCHEMA = "schema";

    /** A metamodel constraint (AASd-...) or invariant checked by aas-core is violated. */
    public static final String CONSTRAINT = "constraint";

    /** A reference or identifier inside the environment is inconsistent (dangling, duplicate). */
    public static final String REFERENCE = "reference";

    /** The validator itself failed on this document; it is reported rather than thrown. */
    public static final String ERROR = "error";

    /** Path used for problems that concern the document as a whole. */
    public static final String ROOT = "(environment)";

    /** Normalizes the message to one line so that every violation prints as exactly one line. */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        message = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        if (path.isEmpty()) {
            path = ROOT;
        }
    }

    /** A text that could not be parsed, located by its 1-based line and column. */
    public static Violation syntax(int line, int column, String message) {
        return new Violation("line " + line + ", column " + column, SYNTAX, message);
    }

    /** A document that is not an AAS v3 environment, so no further check was run. */
    public static Violation format(String message) {
        return new Violation(ROOT, FORMAT, message);
    }

    /** A schema (JSON schema, XSD) or deserialization violation at {@code path}. */
    public static Violation schema(String path, String message) {
        return new Violation(path, SCHEMA, message);
    }

    /** A metamodel constraint violation at {@code path}. */
    public static Violation constraint(String path, String message) {
        return new Violation(path, CONSTRAINT, message);
    }

    /** A dangling reference or a duplicate identifier at {@code path}. */
    public static Violation reference(String path, String message) {
        return new Violation(path, REFERENCE, message);
    }

    /** Renders the violation as {@code SOURCE: PATH: MESSAGE}, the line format of the CLI. */
    public String toLine(String sourceName) {
        return sourceName + ": " + path + ": " + message;
    }
}
