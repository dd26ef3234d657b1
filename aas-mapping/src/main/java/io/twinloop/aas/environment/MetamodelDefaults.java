package io.twinloop.aas.environment;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the metamodel's default into AAS JSON where aas4j would otherwise put a different one. aas4j 2.0.1 reads
 * a SubmodelElementList without {@code orderRelevant} as {@code false}, while the metamodel's default is
 * {@code true}; left alone, an export would silently declare an ordered list unordered.
 */
final class MetamodelDefaults {

    private MetamodelDefaults() {
    }

    static JsonNode fill(final JsonNode node) {
        if (node.isObject()) {
            if ("SubmodelElementList".equals(node.path("modelType").asText()) && !node.has("orderRelevant")) {
                ((ObjectNode) node).put("orderRelevant", true);
            }
            for (final Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                fill(children.next());
            }
        } else if (node.isArray()) {
            node.forEach(MetamodelDefaults::fill);
        }
        return node;
    }
}
