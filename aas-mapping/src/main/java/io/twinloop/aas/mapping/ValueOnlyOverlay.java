package io.twinloop.aas.mapping;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;

/**
 * Puts feature property values (AAS ValueOnly shape) back onto a submodel skeleton, the inverse of
 * {@link ValueOnlyProjection}. Values an integrator changed through Ditto arrive with the valueType the skeleton
 * declares; a value that cannot be of that type is refused with its place. A missing value means "not set".
 * Keys that the skeleton does not know become new elements ({@link ElementInference}) and are reported.
 */
final class ValueOnlyOverlay {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final List<String> warnings;

    private ValueOnlyOverlay(final String source, final List<String> warnings) {
        this.source = source;
        this.warnings = warnings;
    }

    /**
     * @param skeleton the submodel skeleton; left unchanged
     * @param values the feature's properties, or null when the feature has none
     * @param source the thing the values come from, for messages
     * @param place where the values are, e.g. {@code features/Nameplate/properties}
     * @param warnings collects what an operator should know (new elements)
     * @return the complete submodel as AAS v3 JSON
     */
    static ObjectNode apply(final ObjectNode skeleton, final JsonNode values, final String source,
            final String place, final List<String> warnings) {
        final ObjectNode submodel = skeleton.deepCopy();
        new ValueOnlyOverlay(source, warnings).children(submodel, "submodelElements", values, ElementPath.root(place));
        return submodel;
    }

    private void children(final ObjectNode parent, final String member, final JsonNode values, final ElementPath path) {
        final JsonNode objectValues = expect(values, JsonNode::isObject, "an object", path);
        final Set<String> known = new HashSet<>();
        for (final JsonNode element : parent.path(member)) {
            final String idShort = element.path("idShort").asText();
            known.add(idShort);
            element((ObjectNode) element, objectValues == null ? null : objectValues.get(idShort), path.child(idShort));
        }
        if (objectValues == null) {
            return;
        }
        for (final Iterator<Map.Entry<String, JsonNode>> fields = objectValues.fields(); fields.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (!known.contains(field.getKey())) {
                final ElementPath at = path.child(field.getKey());
                final ObjectNode created = ElementInference.elementFor(field.getKey(), field.getValue(), at);
                withArray(parent, member).add(created);
                warnings.add(source + ": " + at + ": not in the AAS structure; exported as a new "
                        + created.path("modelType").asText() + describeType(created));
                element(created, field.getValue(), at);
            }
        }
    }

    private void element(final ObjectNode element, final JsonNode value, final ElementPath path) {
        switch (element.path("modelType").asText()) {
            case ModelTypes.PROPERTY -> scalar(element, "value", element.path("valueType").asText(null), value, path);
            case ModelTypes.MULTI_LANGUAGE_PROPERTY -> languageStrings(element, value, path);
            case ModelTypes.RANGE -> {
                final JsonNode range = expect(value, JsonNode::isObject, "an object with min and max", path);
                final String valueType = element.path("valueType").asText(null);
                scalar(element, "min", valueType, range == null ? null : range.get("min"), path.member("min"));
                scalar(element, "max", valueType, range == null ? null : range.get("max"), path.member("max"));
            }
            case ModelTypes.BLOB, ModelTypes.FILE -> copied(element, value, path, "contentType", "value");
            case ModelTypes.REFERENCE_ELEMENT -> {
                final JsonNode reference = expect(value, JsonNode::isObject, "a reference object", path);
                element.remove("value");
                if (reference != null) {
                    element.set("value", reference);
                }
            }
            case ModelTypes.RELATIONSHIP_ELEMENT -> copied(element, value, path, "first", "second");
            case ModelTypes.ANNOTATED_RELATIONSHIP_ELEMENT -> {
                copied(element, value, path, "first", "second");
                children(element, "annotations", value == null ? null : value.get("annotations"), path);
            }
            case ModelTypes.ENTITY -> {
                copied(element, value, path, "entityType", "globalAssetId");
                children(element, "statements", value == null ? null : value.get("statements"), path);
            }
            case ModelTypes.COLLECTION -> children(element, "value", value, path);
            case ModelTypes.LIST -> list(element, value, path);
            case ModelTypes.BASIC_EVENT_ELEMENT -> copied(element, value, path, "observed");
            default -> {
                // Operation, Capability: nothing in the value-only shape
            }
        }
    }

    private void scalar(final ObjectNode element, final String member, final String valueType, final JsonNode value,
            final ElementPath path) {
        final JsonNode hint = element.remove(member);
        if (value == null || value.isNull()) {
            return;
        }
        if (hint != null && hint.isTextual() && XsdValues.sameValue(XsdValues.toJson(hint.textValue(), valueType), value)) {
            element.set(member, hint);
            return;
        }
        try {
            element.put(member, XsdValues.toLexical(value, valueType));
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private void languageStrings(final ObjectNode element, final JsonNode value, final ElementPath path) {
        element.remove("value");
        final JsonNode strings = expect(value, JsonNode::isArray, "an array of {\"language\": \"text\"} objects", path);
        if (strings == null || strings.isEmpty()) {
            return;
        }
        final ArrayNode out = element.putArray("value");
        int index = 0;
        for (final JsonNode string : strings) {
            if (!string.isObject() || string.size() != 1 || !string.elements().next().isTextual()) {
                throw error(path.index(index), "expected one {\"language\": \"text\"} object, found " + string);
            }
            final Map.Entry<String, JsonNode> entry = string.fields().next();
            out.addObject().put("language", entry.getKey()).put("text", entry.getValue().textValue());
            index++;
        }
    }

    private void list(final ObjectNode element, final JsonNode value, final ElementPath path) {
        final JsonNode items = expect(value, JsonNode::isArray, "an array", path);
        final ArrayNode existing = element.path("value").isArray() ? (ArrayNode) element.get("value") : null;
        final int known = existing == null ? 0 : existing.size();
        if (items == null) {
            for (int i = 0; i < known; i++) {
                element((ObjectNode) existing.get(i), null, path.index(i));
            }
            return;
        }
        final ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            final ObjectNode item = i < known ? (ObjectNode) existing.get(i).deepCopy()
                    : ElementInference.listItemFor(element, existing, items.get(i), path.index(i));
            element(item, items.get(i), path.index(i));
            out.add(item);
        }
        element.remove("value");
        if (!out.isEmpty()) {
            element.set("value", out);
        }
    }

    private void copied(final ObjectNode element, final JsonNode value, final ElementPath path, final String... names) {
        final JsonNode object = expect(value, JsonNode::isObject, "an object", path);
        for (final String name : names) {
            element.remove(name);
            if (object != null && object.hasNonNull(name)) {
                element.set(name, object.get(name).deepCopy());
            }
        }
    }

    private JsonNode expect(final JsonNode value, final java.util.function.Predicate<JsonNode> shape,
            final String expected, final ElementPath path) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!shape.test(value)) {
            throw error(path, "expected " + expected + ", found " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " " + abbreviate(value.toString()));
        }
        return value;
    }

    private static ArrayNode withArray(final ObjectNode parent, final String member) {
        return parent.path(member).isArray() ? (ArrayNode) parent.get(member) : parent.putArray(member);
    }

    private static String describeType(final ObjectNode created) {
        return created.has("valueType") ? " of " + created.get("valueType").asText() : "";
    }

    private static String abbreviate(final String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private AasInputException error(final ElementPath path, final String problem) {
        return AasInputException.of(source, path.toString(), problem);
    }
}
