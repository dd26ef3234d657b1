package io.twinloop.aas.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON pipeline: parse, recognise non-AAS content, then schema (aas4j), metamodel constraints
 * (aas-core) and references, each reported with idShort paths.
 *
 * <p>JSON carries no version marker, so JSON content is always read as AAS 3.0 (the version aas-core
 * verifies); 3.1-only content shows up as aas-core findings.
 */
final class JsonValidation {

    /** Duplicate keys and trailing content are syntax errors: the file would be read ambiguously. */
    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    /** Jackson's nested location ("[Source: REDACTED (...); line: 2, column: 3]"), shortened. */
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

    private final JsonSchemaCheck schemaCheck = new JsonSchemaCheck();

    /** Validates {@code text} (without byte order mark) and reports under {@code sourceName}. */
    ValidationReport validate(String text, String sourceName) {
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            String message = SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
            return unread(sourceName, Violation.syntax(line, column, message));
        }
        if (root == null || root.isMissingNode()) {
            return unread(sourceName, Violation.syntax(1, 1, "empty document: no JSON value"));
        }
        Violation notAas = FormatCheck.json(root);
        if (notAas != null) {
            return unread(sourceName, notAas);
        }
        TreeNode tree = JsonTreeNode.of(root);
        List<Violation> violations = new ArrayList<>(schema(root, tree));
        violations.addAll(AasCoreCheck.checkJson(root, tree));
        violations.addAll(ReferenceCheck.check(tree));
        return ValidationReport.of(sourceName, "3.0", violations);
    }

    private List<Violation> schema(JsonNode root, TreeNode tree) {
        List<JsonSchemaCheck.Finding> findings =
                new ArrayList<>(schemaCheck.check(SchemaWorkarounds.forJsonSchema(root)));
        findings.sort(
                (a, b) -> {
                    int byPath = ModelPaths.DOCUMENT_ORDER.compare(a.segments(), b.segments());
                    return byPath != 0 ? byPath : a.message().compareTo(b.message());
                });
        List<Violation> violations = new ArrayList<>();
        for (JsonSchemaCheck.Finding finding : findings) {
            violations.add(
                    Violation.schema(
                            IdShortPaths.format(tree, finding.segments()),
                            SchemaWorkarounds.abbreviate(finding.message())));
        }
        return violations;
    }

    private static ValidationReport unread(String sourceName, Violation violation) {
        return ValidationReport.of(sourceName, ValidationReport.UNKNOWN_VERSION, List.of(violation));
    }
}
