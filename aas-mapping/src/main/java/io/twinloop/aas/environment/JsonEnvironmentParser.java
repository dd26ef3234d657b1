package io.twinloop.aas.environment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.DeserializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.ditto.DittoKeys;

/**
 * Reads an AAS v3 JSON environment with aas4j, after checking on the raw JSON what aas4j would report
 * badly or not at all: syntax errors (with line and column), AAS v2 content, and JSON that is no AAS
 * environment.
 */
final class JsonEnvironmentParser {

    private static final Set<String> ENVIRONMENT_KEYS =
            Set.of("assetAdministrationShells", "submodels", "conceptDescriptions");

    /** Both thread-safe once configured, and costly to build: shared. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonDeserializer DESERIALIZER = new JsonDeserializer();

    /** An environment and the JSON tree it was read from. */
    record Parsed(Environment environment, ObjectNode json) {
    }

    Parsed parse(final byte[] content, final String source) {
        final JsonNode root = readTree(content, source);
        checkIsV3Environment(root, source);
        try {
            return new Parsed(DESERIALIZER.read(MetamodelDefaults.fill(root), Environment.class), (ObjectNode) root);
        } catch (DeserializationException e) {
            throw AasInputException.of(source, JsonPaths.placeOf(e), "not a valid AAS v3 environment: "
                    + Causes.rootMessage(e), e);
        } catch (RuntimeException e) {
            throw AasInputException.of(source, "", "not a valid AAS v3 environment: " + e.getMessage(), e);
        }
    }

    private JsonNode readTree(final byte[] content, final String source) {
        try (JsonParser parser = new DittoKeyCheckingParser(MAPPER.getFactory().createParser(content))) {
            final JsonNode root = MAPPER.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw AasInputException.of(source, "", "empty file: expected an AAS v3 JSON environment");
            }
            return root;
        } catch (DittoKeyCheckingParser.KeyRefused e) {
            throw AasInputException.of(source, at(e.location()), "member name '" + e.key() + "' cannot be a Ditto "
                    + "JSON key: " + DittoKeys.problemWith(e.key()).orElse(""));
        } catch (JsonProcessingException e) {
            throw AasInputException.of(source, at(e.getLocation()), "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw AasInputException.of(source, "", "cannot read JSON: " + e.getMessage(), e);
        }
    }

    private static String at(final JsonLocation location) {
        return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static void checkIsV3Environment(final JsonNode root, final String source) {
        if (!root.isObject()) {
            throw AasInputException.of(source, "$", "not an AAS v3 environment: expected a JSON object with "
                    + "assetAdministrationShells, submodels or conceptDescriptions, found " + root.getNodeType());
        }
        if (root.has("assets") || looksLikeV2(root)) {
            throw AasInputException.of(source, "$", "AAS v2 content is not supported (found v2 structures such "
                    + "as 'assets', 'identification' or modelType objects); convert it to AAS v3 first");
        }
        final List<String> unknown = new ArrayList<>();
        boolean known = false;
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (ENVIRONMENT_KEYS.contains(name)) {
                known = true;
            } else {
                unknown.add(name);
            }
        }
        if (!known && !unknown.isEmpty()) {
            throw AasInputException.of(source, "$", "not an AAS v3 environment: expected top-level "
                    + "assetAdministrationShells, submodels or conceptDescriptions, found " + unknown);
        }
        if (!unknown.isEmpty()) {
            throw AasInputException.of(source, "$." + unknown.get(0),
                    "unknown top-level member in an AAS v3 environment");
        }
    }

    private static boolean looksLikeV2(final JsonNode root) {
        for (final String key : ENVIRONMENT_KEYS) {
            final JsonNode first = root.path(key).path(0);
            if (first.has("identification") || first.path("modelType").isObject()) {
                return true;
            }
        }
        return false;
    }

}
