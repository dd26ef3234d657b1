package io.twinloop.aas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSchemaValidator;

/**
 * Runs aas4j's JSON schema validation with the {@code oneOf} choices of its schema turned into
 * choices by {@code modelType}.
 *
 * <p>aas4j's schema describes "any submodel element" as a {@code oneOf} over fourteen element
 * types, each of which pins {@code modelType} to its own name. A {@code oneOf} must evaluate every
 * branch, so an invalid element is reported fourteen times over ("must be the constant value
 * 'Blob'", "required property 'observed' not found", ...), burying the one real problem; and since
 * collections, lists and entities nest elements, the evaluation cost doubles with every level of
 * nesting (a valid 250 KB IDTA template took 5 to 8 seconds). Because {@code modelType} already
 * decides the branch, each such choice is rewritten, in memory, to {@code if modelType is T then T}
 * for each of its types plus {@code modelType} required and in the set of the types. This accepts
 * exactly the same documents, reports only the errors of the element's own type, and costs one
 * branch per element. The rewritten schema is still run by aas4j's {@link JsonSchemaValidator}.
 */
final class JsonSchemaCheck {

    /** A schema message with its location parsed into segments. */
    record Finding(List<Object> segments, String message) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonSchemaValidator validator = new JsonSchemaValidator();

    /** Validates the environment {@code root}. */
    List<Finding> check(JsonNode root) {
        return parse(validator.validateSchema(root.toString(), Schema.DISCRIMINATED));
    }

    /** Parses validator messages of the form {@code $.a[0].b: text}. */
    private static List<Finding> parse(Collection<String> messages) {
        List<Finding> findings = new ArrayList<>();
        for (String message : messages) {
            ModelPaths.Parsed parsed = ModelPaths.parseJsonPath(message);
            boolean located = parsed.rest().startsWith(": ");
            findings.add(
                    new Finding(
                            located ? List.copyOf(parsed.segments()) : List.of(),
                            located ? parsed.rest().substring(2) : message));
        }
        return findings;
    }

    /** The rewritten schema, built once: aas4j re-reads its own on every call anyway. */
    static final class Schema {
        static final String DISCRIMINATED = discriminated(bundled()).toString();

        private Schema() {}

        /**
         * A copy of {@code schema} where every {@code *_choice} definition whose branches each pin
         * {@code modelType} to their definition name is rewritten from {@code oneOf} to if/then.
         */
        static ObjectNode discriminated(ObjectNode schema) {
            ObjectNode copy = schema.deepCopy();
            ObjectNode definitions = (ObjectNode) copy.get("definitions");
            List<String> choices = new ArrayList<>();
            definitions.fieldNames().forEachRemaining(name -> {
                if (name.endsWith("_choice")) {
                    choices.add(name);
                }
            });
            for (String choice : choices) {
                List<String> types = new ArrayList<>();
                definitions.get(choice).path("oneOf").forEach(branch -> types.add(refName(branch)));
                if (!types.isEmpty() && types.stream().allMatch(t -> pinsModelType(definitions.path(t), t))) {
                    definitions.set(choice, byModelType(types));
                }
            }
            return copy;
        }

        private static ObjectNode byModelType(List<String> types) {
            ObjectNode choice = MAPPER.createObjectNode();
            choice.putArray("required").add("modelType");
            ArrayNode allowed = choice.putObject("properties").putObject("modelType").putArray("enum");
            ArrayNode branches = choice.putArray("allOf");
            for (String type : types) {
                allowed.add(type);
                ObjectNode branch = branches.addObject();
                ObjectNode condition = branch.putObject("if");
                condition.putArray("required").add("modelType");
                condition.putObject("properties").putObject("modelType").put("const", type);
                branch.putObject("then").put("$ref", "#/definitions/" + type);
            }
            return choice;
        }

        /** True when {@code definition} (directly or in its allOf) requires modelType == name. */
        private static boolean pinsModelType(JsonNode definition, String name) {
            if (name.equals(definition.path("properties").path("modelType").path("const").asText(null))) {
                return true;
            }
            for (JsonNode part : definition.path("allOf")) {
                if (name.equals(part.path("properties").path("modelType").path("const").asText(null))) {
                    return true;
                }
            }
            return false;
        }

        private static String refName(JsonNode branch) {
            String ref = branch.path("$ref").asText("");
            return ref.substring(ref.lastIndexOf('/') + 1);
        }

        /** The schema aas4j bundles (and validates with by default), read from its jar. */
        static ObjectNode bundled() {
            try (InputStream in = JsonSchemaValidator.class.getResourceAsStream("/aas.json")) {
                if (in == null) {
                    throw new IllegalStateException("aas4j's /aas.json schema is not on the classpath");
                }
                return (ObjectNode) MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read aas4j's JSON schema", e);
            }
        }

        /** The choice definitions that were left as oneOf (expected: none), for tests. */
        static List<String> remainingOneOfs() {
            List<String> remaining = new ArrayList<>();
            for (Map.Entry<String, JsonNode> def : discriminated(bundled()).path("definitions").properties()) {
                if (def.getValue().has("oneOf")) {
                    remaining.add(def.getKey());
                }
            }
            return remaining;
        }
    }
}
