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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSchemaValidator;

/**
 * Runs aas4j's JSON schema validation and removes the noise of the schema's {@code oneOf} choices.
 *
 * <p>The AAS schema describes "any submodel element" as a {@code oneOf} over all element types,
 * discriminated by {@code modelType}. When an element is invalid, every branch fails and the
 * validator reports the failures of all fourteen branches ("must be the constant value 'Blob'",
 * "required property 'observed' not found", ...), which buries the one real problem. aas4j only
 * returns message strings, so the branch cannot be told from the message; instead every element
 * that failed a {@code oneOf} is validated again, alone, against the schema definition named by its
 * own {@code modelType}, recursively. Elements of the same type are validated in one batch, so the
 * number of extra validator runs grows with nesting depth and the number of element types, not with
 * the number of errors.
 */
final class JsonSchemaCheck {

  /** A schema message with its location parsed into segments. */
  record Finding(List<Object> segments, String message) {}

  private static final String ONE_OF = "must be valid to one and only one schema";
  private static final String CONSTANT = "must be the constant value '";
  private static final int MAX_DEPTH = 64;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> SCHEMA_BY_DEFINITION = new ConcurrentHashMap<>();
  private static volatile ObjectNode bundledSchema;
  private static volatile Set<Set<String>> choiceTypes;

  private final JsonSchemaValidator validator = new JsonSchemaValidator();

  /** Validates the environment {@code root} and returns the findings without oneOf noise. */
  List<Finding> check(JsonNode root) {
    List<Finding> raw = parse(validator.validateSchema(root.toString()), null);
    return denoise(root, raw, 0);
  }

  private List<Finding> denoise(JsonNode root, List<Finding> raw, int depth) {
    List<List<Object>> failedChoices = topmost(raw);
    List<Finding> result = new ArrayList<>();
    for (Finding finding : raw) {
      if (failedChoices.stream().noneMatch(prefix -> startsWith(finding.segments(), prefix))) {
        result.add(finding);
      }
    }
    Map<String, List<List<Object>>> byType = new LinkedHashMap<>();
    for (List<Object> location : failedChoices) {
      JsonNode element = JsonTreeNode.resolve(root, location);
      String type = element == null ? null : element.path("modelType").asText(null);
      TreeSet<String> rejected = rejectedTypes(location, raw);
      if (type != null && isBranch(type, rejected) && depth < MAX_DEPTH) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(location);
      } else {
        List<Object> modelType = new ArrayList<>(location);
        modelType.add("modelType");
        String what = type == null ? "missing modelType" : "modelType '" + type + "' is not allowed here";
        result.add(new Finding(modelType, what + "; expected one of " + rejected));
      }
    }
    for (Map.Entry<String, List<List<Object>>> entry : byType.entrySet()) {
      ArrayNode batch = MAPPER.createArrayNode();
      entry.getValue().forEach(location -> batch.add(JsonTreeNode.resolve(root, location)));
      String schema = SCHEMA_BY_DEFINITION.computeIfAbsent(entry.getKey(), JsonSchemaCheck::arrayOf);
      List<Finding> again = parse(validator.validateSchema(batch.toString(), schema), entry.getValue());
      result.addAll(denoise(root, again, depth + 1));
    }
    return result;
  }

  /** The locations of failed oneOf choices that are not inside another failed choice. */
  private static List<List<Object>> topmost(List<Finding> findings) {
    List<List<Object>> locations = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.message().startsWith(ONE_OF) && !locations.contains(finding.segments())) {
        locations.add(finding.segments());
      }
    }
    locations.removeIf(
        inner -> locations.stream().anyMatch(outer -> outer != inner && startsWith(inner, outer)));
    return locations;
  }

  /** The types named by the "must be the constant value 'T'" messages of a failed choice. */
  private static TreeSet<String> rejectedTypes(List<Object> location, List<Finding> raw) {
    TreeSet<String> rejected = new TreeSet<>();
    List<Object> modelType = new ArrayList<>(location);
    modelType.add("modelType");
    for (Finding finding : raw) {
      if (finding.segments().equals(modelType) && finding.message().startsWith(CONSTANT)) {
        String rest = finding.message().substring(CONSTANT.length());
        rejected.add(rest.substring(0, Math.max(0, rest.indexOf('\''))));
      }
    }
    return rejected;
  }

  /**
   * True when {@code type} is one of the choice's branches: then every other branch, and only those,
   * rejected the element's modelType. (A type the choice does not allow is rejected by all.)
   */
  private static boolean isBranch(String type, Set<String> rejected) {
    if (rejected.contains(type)) {
      return false;
    }
    Set<String> all = new TreeSet<>(rejected);
    all.add(type);
    return choices().contains(all);
  }

  /** The modelTypes of each {@code *_choice} definition of the schema. */
  private static Set<Set<String>> choices() {
    if (choiceTypes != null) {
      return choiceTypes;
    }
    Set<Set<String>> choices = new HashSet<>();
    definitions()
        .fields()
        .forEachRemaining(
            def -> {
              if (def.getKey().endsWith("_choice")) {
                Set<String> types = new TreeSet<>();
                def.getValue().path("oneOf").forEach(branch -> types.add(lastSegment(branch)));
                choices.add(types);
              }
            });
    choiceTypes = choices;
    return choices;
  }

  private static String lastSegment(JsonNode branch) {
    String ref = branch.path("$ref").asText();
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /**
   * Parses validator messages ({@code $.a[0].b: text}). For a batch run, the first index of each
   * location selects the element of {@code batchLocations} that the rest is relative to.
   */
  private static List<Finding> parse(Collection<String> messages, List<List<Object>> batchLocations) {
    List<Finding> findings = new ArrayList<>();
    for (String message : messages) {
      ModelPaths.Parsed parsed = ModelPaths.parseJsonPath(message);
      String text = parsed.rest().startsWith(": ") ? parsed.rest().substring(2) : message;
      List<Object> segments = parsed.rest().startsWith(": ") ? parsed.segments() : List.of();
      if (batchLocations != null) {
        if (segments.isEmpty() || !(segments.get(0) instanceof Integer)) {
          continue; // about the synthetic batch array itself, not about an element
        }
        List<Object> absolute = new ArrayList<>(batchLocations.get((Integer) segments.get(0)));
        absolute.addAll(segments.subList(1, segments.size()));
        segments = absolute;
      }
      findings.add(new Finding(List.copyOf(segments), text));
    }
    return findings;
  }

  private static boolean startsWith(List<Object> path, List<Object> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  /** A schema that validates an array whose items must match definition {@code name}. */
  private static String arrayOf(String name) {
    ObjectNode bundled = bundled();
    ObjectNode schema = MAPPER.createObjectNode();
    schema.set("$schema", bundled.get("$schema"));
    schema.set("$id", bundled.get("$id"));
    schema.put("type", "array");
    schema.putObject("items").put("$ref", "#/definitions/" + name);
    schema.set("definitions", definitions());
    return schema.toString();
  }

  private static JsonNode definitions() {
    return bundled().path("definitions");
  }

  /** The schema aas4j bundles (and validates with by default), read from its jar. */
  private static ObjectNode bundled() {
    ObjectNode schema = bundledSchema;
    if (schema == null) {
      try (InputStream in = JsonSchemaValidator.class.getResourceAsStream("/aas.json")) {
        if (in == null) {
          throw new IllegalStateException("aas4j's /aas.json schema is not on the classpath");
        }
        schema = (ObjectNode) MAPPER.readTree(in);
        bundledSchema = schema;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read aas4j's JSON schema", e);
      }
    }
    return schema;
  }
}
