package io.twinloop.aas.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.ditto.DittoKeys;

/**
 * Splits a submodel (AAS v3 JSON) into its values in the AAS Part 2 ValueOnly shape, which become the feature's
 * properties, and the structure without those values (the skeleton), which is kept in the thing's attributes.
 * Overlaying the values on the skeleton ({@link ValueOnlyOverlay}) gives the submodel back exactly: where a
 * lexical form would not survive the trip through a JSON number or boolean, the skeleton keeps it as a hint.
 *
 * <p>Not part of the value-only shape, and therefore kept whole in the skeleton: Operations, Capabilities,
 * an Entity's specificAssetIds (their name/value projection would lose semanticIds and subject ids), and all
 * metadata (semanticIds, qualifiers, descriptions, ...).
 */
final class ValueOnlyProjection {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;

    private ValueOnlyProjection(final String source) {
        this.source = source;
    }

    /** The skeleton and the values of one submodel. */
    record Split(ObjectNode skeleton, ObjectNode values) {
    }

    /**
     * @param submodel the submodel as aas4j serializes it; left unchanged
     * @param source the file the submodel came from, for messages
     * @param place where the submodel is, e.g. {@code submodels[urn:x]}
     */
    static Split split(final ObjectNode submodel, final String source, final String place) {
        final ObjectNode skeleton = shallowCopy(submodel);
        final ObjectNode values = new ValueOnlyProjection(source)
                .children(skeleton, "submodelElements", ElementPath.root(place));
        return new Split(skeleton, values);
    }

    /**
     * The skeleton shares every subtree of the submodel that it does not change (semanticIds, descriptions,
     * qualifiers, ...): only the elements on the way to a value are copied, one level each. Much cheaper than a deep
     * copy; both trees are read-only from here on.
     */
    private static ObjectNode shallowCopy(final JsonNode element) {
        return NODES.objectNode().setAll((ObjectNode) element);
    }

    /** Values of the elements in {@code parent.member}; the parent gets its own array of element skeletons. */
    private ObjectNode children(final ObjectNode parent, final String member, final ElementPath parentPath) {
        final JsonNode elements = parent.get(member);
        final ObjectNode values = NODES.objectNode();
        if (elements == null || !elements.isArray()) {
            return values;
        }
        final ArrayNode skeletons = parent.putArray(member);
        int index = 0;
        for (final JsonNode original : elements) {
            final ObjectNode element = shallowCopy(original);
            skeletons.add(element);
            final String idShort = element.path("idShort").textValue();
            if (idShort == null) {
                throw error(parentPath.index(index), "element has no idShort (required outside SubmodelElementLists)");
            }
            final ElementPath path = parentPath.child(idShort);
            checkKey(idShort, path);
            if (values.has(idShort)) {
                throw error(path, "duplicate idShort '" + idShort + "' among siblings (AASd-022)");
            }
            final JsonNode value = element(element, path);
            if (value != null) {
                values.set(idShort, value);
            }
            index++;
        }
        return values;
    }

    private JsonNode element(final ObjectNode element, final ElementPath path) {
        switch (element.path("modelType").asText()) {
            case ModelTypes.PROPERTY:
                return scalar(element, "value", element.path("valueType").asText(null));
            case ModelTypes.MULTI_LANGUAGE_PROPERTY:
                return languageStrings(element.remove("value"), path);
            case ModelTypes.RANGE:
                return members(element, element.path("valueType").asText(null), "min", "max");
            case ModelTypes.BLOB:
            case ModelTypes.FILE:
                return moved(element, "contentType", "value");
            case ModelTypes.REFERENCE_ELEMENT:
                return element.remove("value");
            case ModelTypes.RELATIONSHIP_ELEMENT:
                return moved(element, "first", "second");
            case ModelTypes.ANNOTATED_RELATIONSHIP_ELEMENT:
                final ObjectNode relationship = moved(element, "first", "second");
                relationship.set("annotations", children(element, "annotations", path));
                return relationship;
            case ModelTypes.ENTITY:
                final ObjectNode entity = NODES.objectNode();
                entity.set("statements", children(element, "statements", path));
                entity.setAll(moved(element, "entityType", "globalAssetId"));
                return entity;
            case ModelTypes.COLLECTION:
                return children(element, "value", path);
            case ModelTypes.LIST:
                return listItems(element, path);
            case ModelTypes.BASIC_EVENT_ELEMENT:
                return moved(element, "observed");
            default:
                return null; // Operation, Capability: no value of their own
        }
    }

    private ArrayNode listItems(final ObjectNode list, final ElementPath path) {
        final ArrayNode values = NODES.arrayNode();
        final JsonNode items = list.get("value");
        if (items == null || !items.isArray()) {
            return values;
        }
        final ArrayNode skeletons = list.putArray("value");
        int index = 0;
        for (final JsonNode original : items) {
            final ObjectNode item = shallowCopy(original);
            skeletons.add(item);
            final JsonNode value = element(item, path.index(index++));
            values.add(value == null ? NullNode.getInstance() : value);
        }
        return values;
    }

    /** Moves one lexical value out of the element, leaving its original form behind only where needed. */
    private static JsonNode scalar(final ObjectNode element, final String member, final String valueType) {
        final JsonNode lexical = element.remove(member);
        if (lexical == null || lexical.isNull()) {
            return null;
        }
        final String text = lexical.asText();
        if (XsdValues.needsLexicalHint(text, valueType)) {
            element.put(member, text);
        }
        return XsdValues.toJson(text, valueType);
    }

    private static ObjectNode members(final ObjectNode element, final String valueType, final String... names) {
        final ObjectNode values = NODES.objectNode();
        for (final String name : names) {
            final JsonNode value = scalar(element, name, valueType);
            if (value != null) {
                values.set(name, value);
            }
        }
        return values;
    }

    private static ObjectNode moved(final ObjectNode element, final String... names) {
        final ObjectNode values = NODES.objectNode();
        for (final String name : names) {
            final JsonNode value = element.remove(name);
            if (value != null) {
                values.set(name, value);
            }
        }
        return values;
    }

    private JsonNode languageStrings(final JsonNode strings, final ElementPath path) {
        if (strings == null || strings.isEmpty()) {
            return null;
        }
        final ArrayNode values = NODES.arrayNode();
        for (final JsonNode string : strings) {
            final String language = string.path("language").asText();
            checkKey(language, path.member("language '" + language + "'"));
            values.addObject().put(language, string.path("text").asText());
        }
        return values;
    }

    private void checkKey(final String key, final ElementPath path) {
        DittoKeys.problemWith(key).ifPresent(problem -> {
            throw error(path, "'" + key + "' cannot be a Ditto property key: " + problem);
        });
    }

    private AasInputException error(final ElementPath path, final String problem) {
        return AasInputException.of(source, path.toString(), problem);
    }
}
