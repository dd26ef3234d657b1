package io.twinloop.aas.mapping;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts between Jackson trees (aas4j's side) and Ditto's immutable JSON (the thing's side) node by node,
 * without printing and re-parsing text. Field order is kept on both sides.
 */
final class JsonBridge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonBridge() {
    }

    static JsonValue toDitto(final JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return toDittoObject(node);
            case ARRAY:
                final JsonArrayBuilder array = JsonFactory.newArrayBuilder();
                for (final JsonNode item : node) {
                    array.add(toDitto(item));
                }
                return array.build();
            case STRING:
                return JsonValue.of(node.textValue());
            case BINARY:
                return JsonValue.of(node.asText()); // base64, as AAS JSON writes a Blob's value
            case BOOLEAN:
                return JsonValue.of(node.booleanValue());
            case NUMBER:
                if (node.canConvertToLong() && node.isIntegralNumber()) {
                    return node.canConvertToInt() ? JsonValue.of(node.intValue()) : JsonValue.of(node.longValue());
                }
                return JsonValue.of(node.doubleValue());
            case NULL:
                return JsonValue.nullLiteral();
            default:
                throw new IllegalArgumentException("cannot convert JSON node of type " + node.getNodeType());
        }
    }

    static JsonObject toDittoObject(final JsonNode node) {
        final Map<JsonKey, JsonValue> fields = new LinkedHashMap<>(Math.max(4, node.size() * 2));
        for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = it.next();
            fields.put(JsonKey.of(field.getKey()), toDitto(field.getValue()));
        }
        return JsonFactory.newObject(fields);
    }

    static JsonNode toJackson(final JsonValue value) {
        if (value.isNull()) {
            return NODES.nullNode(); // first: Ditto's null literal also answers isObject() with true
        }
        if (value.isObject()) {
            return toJacksonObject(value.asObject());
        }
        if (value.isArray()) {
            final JsonArray source = value.asArray();
            final ArrayNode array = NODES.arrayNode(source.getSize());
            for (final JsonValue item : source) {
                array.add(toJackson(item));
            }
            return array;
        }
        if (value.isString()) {
            return NODES.textNode(value.asString());
        }
        if (value.isBoolean()) {
            return NODES.booleanNode(value.asBoolean());
        }
        if (value.isInt()) {
            return NODES.numberNode(value.asInt());
        }
        if (value.isLong()) {
            return NODES.numberNode(value.asLong());
        }
        if (value.isNumber()) {
            return NODES.numberNode(value.asDouble());
        }
        return NODES.nullNode();
    }

    static ObjectNode toJacksonObject(final JsonObject object) {
        final ObjectNode node = NODES.objectNode();
        for (final JsonField field : object) {
            node.set(field.getKeyName(), toJackson(field.getValue()));
        }
        return node;
    }
}
