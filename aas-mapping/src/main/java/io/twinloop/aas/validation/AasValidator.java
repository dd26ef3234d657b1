package io.twinloop.aas.validation;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates AAS v3 environments serialized as JSON or XML: the engine of {@code twinloop aas
 * validate FILE...}.
 *
 * <p>Three independent checks run on every readable environment, because each catches what the
 * others miss: aas4j's JSON schema or XSD (structure and value formats; note that aas4j 2.0.1
 * bundles the AAS 3.1 schemas), aas-core's AAS 3.0 metamodel verification (AASd constraints such
 * as unique idShorts or values matching their valueType), and a reference check (duplicate ids,
 * shell references to submodels missing from the file). Text that cannot be parsed, or is not an AAS v3 environment, gets a single violation that
 * says so. Problems are always reported, never thrown, so one bad file cannot stop the validation
 * of the next.
 *
 * <p>An instance holds no per-document state and may be reused and shared between threads.
 */
public final class AasValidator {

    private static final Pattern XML_ENCODING =
            Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final JsonValidation json = new JsonValidation();
    private final XmlValidation xml = new XmlValidation();

    /** Creates a validator; the schemas are loaded once per JVM on first use. */
    public AasValidator() {}

    /**
     * Validates an AAS JSON environment.
     *
     * @param jsonText the document text
     * @param sourceName the name printed in front of every violation, usually the file name
     */
    public ValidationReport validateJson(String jsonText, String sourceName) {
        try {
            return json.validate(withoutBom(jsonText), sourceName);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(sourceName, e);
        }
    }

    /**
     * Validates an AAS XML environment (namespace {@code https://admin-shell.io/aas/3/0} or {@code
     * .../3/1}).
     *
     * @param xmlText the document text
     * @param sourceName the name printed in front of every violation, usually the file name
     */
    public ValidationReport validateXml(String xmlText, String sourceName) {
        try {
            return xml.validate(withoutBom(xmlText), sourceName);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(sourceName, e);
        }
    }

    /**
     * Reads and validates a file, choosing JSON or XML by its first character ({@code <} means XML)
     * and falling back to the extension; a ZIP file (AASX package) gets one format violation. XML is decoded with the encoding its declaration names,
     * everything else as UTF-8. The report's source name is the file name.
     */
    public ValidationReport validateFile(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return ValidationReport.of(
                    name,
                    ValidationReport.UNKNOWN_VERSION,
                    List.of(new Violation(Violation.ROOT, Violation.ERROR, "cannot read file: " + e)));
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return ValidationReport.of(
                    name,
                    ValidationReport.UNKNOWN_VERSION,
                    List.of(Violation.format("this is a ZIP file (an AASX package?); validate the JSON or XML"
                            + " environment inside it, AASX packages are not read by this validator")));
        }
        String head = withoutBom(new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1)).stripLeading();
        boolean isXml = head.startsWith("<")
                || (!head.startsWith("{") && !head.startsWith("[") && name.toLowerCase(Locale.ROOT).endsWith(".xml"));
        if (isXml) {
            return validateXml(new String(bytes, xmlCharset(head)), name);
        }
        return validateJson(new String(bytes, StandardCharsets.UTF_8), name);
    }

    private static Charset xmlCharset(String head) {
        Matcher declared = XML_ENCODING.matcher(head);
        try {
            return declared.find() ? Charset.forName(declared.group(1)) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String withoutBom(String text) {
        if (text == null) {
            return "";
        }
        if (text.startsWith("\uFEFF")) {
            return text.substring(1);
        }
        return text.startsWith("\u00EF\u00BB\u00BF") ? text.substring(3) : text;
    }

    private static ValidationReport failed(String sourceName, Throwable e) {
        Violation violation =
                new Violation(Violation.ROOT, Violation.ERROR, "the validator failed on this document: " + e);
        return ValidationReport.of(sourceName, ValidationReport.UNKNOWN_VERSION, List.of(violation));
    }
}
