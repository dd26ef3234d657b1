package io.twinloop.aas.validation;

import aas_core.aas3_0.verification.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works around two known false positives of aas4j's schemas, and keeps long messages readable.
 *
 * <ul>
 *   <li>aas4j's JSON schema restricts strings to XML-serializable characters with a pattern written
 *       for UTF-16 regex engines (surrogate pair by surrogate pair). Java's regex engine matches
 *       code points, so every character outside the Basic Multilingual Plane (emoji, CJK extension
 *       B, ...) fails it although the AAS allows it.
 *   <li>aas4j 2.0.1 bundles the AAS 3.1 schemas, whose idShort pattern demands at least two
 *       characters; AAS 3.0 allows one ({@code [a-zA-Z][a-zA-Z0-9_]*}).
 * </ul>
 *
 * <p>For JSON, the schema validator is given a copy of the document in which such values are
 * neutralized, instead of filtering messages afterwards: the copy keeps the document's structure,
 * so every other message and its location stay exactly as they would be. A value is only touched
 * after aas-core has accepted it, and aas-core's own verification still checks the original values.
 * For XML the XSD regex engine handles code points; only the 3.1 idShort message is dropped there.
 */
final class SchemaWorkarounds {

    private static final int LONG_TOKEN = 120;
    private static final String OUTSIDE_BMP_STAND_IN = "\uFFFD";

    private SchemaWorkarounds() {}

    /**
     * A copy of {@code root} for the JSON schema validator: characters outside the Basic Multilingual
     * Plane in XML-serializable strings become U+FFFD (one code point for one, still non-ASCII, so
     * lengths and ASCII-only patterns judge it alike), and single-letter idShorts, valid in AAS 3.0,
     * get a trailing underscore.
     */
    static JsonNode forJsonSchema(JsonNode root) {
        JsonNode copy = root.deepCopy();
        neutralize(copy);
        return copy;
    }

    private static void neutralize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            for (Map.Entry<String, JsonNode> field : fields) {
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    object.set(field.getKey(), TextNode.valueOf(neutralize(field.getKey(), value.asText())));
                } else {
                    neutralize(value);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, TextNode.valueOf(neutralize(null, item.asText())));
                } else {
                    neutralize(item);
                }
            }
        }
    }

    private static String neutralize(String property, String value) {
        String result = value;
        if (value.codePoints().anyMatch(Character::isSupplementaryCodePoint)
                && Boolean.TRUE.equals(Verification.matchesXmlSerializableString(value))) {
            StringBuilder replaced = new StringBuilder();
            value.codePoints().forEach(c -> {
                if (Character.isSupplementaryCodePoint(c)) {
                    replaced.append(OUTSIDE_BMP_STAND_IN);
                } else {
                    replaced.appendCodePoint(c);
                }
            });
            result = replaced.toString();
        }
        if ("idShort".equals(property) && result.length() == 1 && Boolean.TRUE.equals(Verification.matchesIdShort(result))) {
            result = result + "_";
        }
        return result;
    }

    /**
     * True when an XSD message about element {@code property} with text {@code value} is the 3.1
     * idShort pattern rejecting an idShort that AAS {@code version} 3.0 allows (aas-core itself
     * still reports 3.0 idShort violations, as AASd-002).
     */
    static boolean isAas31IdShortRejection(String message, String property, String value, String version) {
        boolean patternMessage = message.startsWith("cvc-pattern-valid") || message.startsWith("cvc-type.3.1.3");
        return "3.0".equals(version)
                && "idShort".equals(property)
                && value != null
                && patternMessage
                && Boolean.TRUE.equals(Verification.matchesIdShort(value));
    }

    /**
     * Replaces space-free tokens longer than 120 characters (the RFC 2396 URI pattern alone has about
     * 5000) by their start and length, so a violation stays readable on one terminal line.
     */
    static String abbreviate(String message) {
        StringBuilder result = new StringBuilder();
        for (String token : message.split(" ", -1)) {
            if (result.length() > 0) {
                result.append(' ');
            }
            if (token.length() > LONG_TOKEN) {
                result.append(token, 0, 60).append("...(").append(token.length()).append(" characters)");
            } else {
                result.append(token);
            }
        }
        return result.toString();
    }
}
