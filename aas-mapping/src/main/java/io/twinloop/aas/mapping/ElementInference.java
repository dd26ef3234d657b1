package io.twinloop.aas.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * New submodel elements for values that an integrator added through Ditto where the AAS had no element:
 * a JSON string, number or boolean becomes a Property (xs:string, xs:long or xs:double, xs:boolean), an object
 * a SubmodelElementCollection, an array a SubmodelElementList. New list items copy their list's last item or
 * follow the list's declared item type. Only the structure is created here; values are set by the overlay.
 */
final class ElementInference {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ElementInference() {
    }

    static ObjectNode elementFor(final String idShort, final JsonNode value, final ElementPath path) {
        final ObjectNode element = structureFor(value, path);
        final ObjectNode named = NODES.objectNode().put("idShort", idShort);
        named.setAll(element);
        return named;
    }

    static ObjectNode listItemFor(final ObjectNode list, final ArrayNode existing, final JsonNode value,
            final ElementPath path) {
        if (existing != null && !existing.isEmpty()) {
            return existing.get(existing.size() - 1).deepCopy();
        }
        final String type = list.path("typeValueListElement").asText("");
        final ObjectNode item;
        switch (type) {
            case ModelTypes.PROPERTY, ModelTypes.RANGE -> {
                item = NODES.objectNode().put("modelType", type);
                item.put("valueType", list.path("valueTypeListElement").asText(inferredValueType(value)));
            }
            case ModelTypes.COLLECTION, ModelTypes.MULTI_LANGUAGE_PROPERTY, ModelTypes.LIST ->
                    item = NODES.objectNode().put("modelType", type);
            default -> item = structureFor(value, path);
        }
        if (list.has("semanticIdListElement")) {
            item.set("semanticId", list.get("semanticIdListElement").deepCopy());
        }
        return item;
    }

    private static ObjectNode structureFor(final JsonNode value, final ElementPath path) {
        if (value != null && value.isObject()) {
            return NODES.objectNode().put("modelType", ModelTypes.COLLECTION);
        }
        if (value != null && value.isArray()) {
            final ObjectNode list = NODES.objectNode().put("modelType", ModelTypes.LIST);
            JsonNode first = null;
            for (final JsonNode item : value) {
                if (!item.isNull()) {
                    first = item;
                    break;
                }
            }
            final ObjectNode itemShape = structureFor(first, path.index(0));
            list.put("typeValueListElement", itemShape.path("modelType").asText());
            if (itemShape.has("valueType")) {
                list.put("valueTypeListElement", itemShape.get("valueType").asText());
            }
            return list;
        }
        return NODES.objectNode().put("modelType", ModelTypes.PROPERTY).put("valueType", inferredValueType(value));
    }

    private static String inferredValueType(final JsonNode value) {
        if (value == null || value.isTextual() || value.isNull()) {
            return "xs:string";
        }
        if (value.isBoolean()) {
            return "xs:boolean";
        }
        if (value.isIntegralNumber() || value.isNumber() && value.canConvertToExactIntegral()) {
            return "xs:long";
        }
        return value.isNumber() ? "xs:double" : "xs:string";
    }
}
