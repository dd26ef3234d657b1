package io.twinloop.aas.thingmodel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading AAS v3 JSON elements: children, references, qualifiers, descriptions. */
final class AasElements {

    private AasElements() {
    }

    /** The child elements of a submodel, collection, list, entity or annotated relationship. */
    static List<ObjectNode> children(final JsonNode element) {
        final JsonNode members = switch (element.path("modelType").asText()) {
            case "Submodel" -> element.path("submodelElements");
            case "Entity" -> element.path("statements");
            case "AnnotatedRelationshipElement" -> element.path("annotations");
            case "SubmodelElementCollection", "SubmodelElementList" -> element.path("value");
            default -> null;
        };
        final List<ObjectNode> result = new ArrayList<>();
        if (members != null && members.isArray()) {
            members.forEach(m -> {
                if (m instanceof ObjectNode o) {
                    result.add(o);
                }
            });
        }
        return result;
    }

    static Optional<ObjectNode> child(final JsonNode element, final String idShort) {
        return children(element).stream().filter(c -> idShort.equals(c.path("idShort").asText(null))).findFirst();
    }

    /** The first key's value of a reference (a semanticId's IRI, a submodel's id). */
    static Optional<String> firstKey(final JsonNode reference) {
        final JsonNode keys = reference.path("keys");
        return keys.isArray() && !keys.isEmpty() ? Optional.ofNullable(keys.get(0).path("value").asText(null))
                : Optional.empty();
    }

    static Optional<String> semanticId(final JsonNode element) {
        return firstKey(element.path("semanticId"));
    }

    /** The value of the element's first qualifier of this type (case-insensitive), if any. */
    static Optional<String> qualifier(final JsonNode element, final String... types) {
        for (final JsonNode q : element.path("qualifiers")) {
            final String type = q.path("type").asText("");
            for (final String wanted : types) {
                if (wanted.equalsIgnoreCase(type)) {
                    return Optional.of(q.path("value").asText(""));
                }
            }
        }
        return Optional.empty();
    }

    /** The English description (or the first one), for a model's {@code description}. */
    static Optional<String> description(final JsonNode element) {
        String first = null;
        for (final JsonNode text : element.path("description")) {
            final String language = text.path("language").asText("").toLowerCase(Locale.ROOT);
            if (language.equals("en") || language.startsWith("en-")) {
                return Optional.of(text.path("text").asText());
            }
            if (first == null) {
                first = text.path("text").asText(null);
            }
        }
        return Optional.ofNullable(first);
    }

    /** A decimal limit, or empty when the text is no plain number (an operator reads {@code where} then). */
    static Optional<BigDecimal> decimal(final String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The element a model reference's keys lead to from the submodel (idShorts, list items by index), with its
     * path as idShorts; empty when a key does not resolve.
     */
    static Optional<Located> resolve(final ObjectNode submodel, final JsonNode keys) {
        JsonNode at = submodel;
        final List<String> path = new ArrayList<>();
        for (int i = 1; i < keys.size(); i++) {
            final String key = keys.get(i).path("value").asText("");
            final List<ObjectNode> children = children(at);
            ObjectNode next = null;
            if ("SubmodelElementList".equals(at.path("modelType").asText())) {
                try {
                    final int index = Integer.parseInt(key);
                    next = index >= 0 && index < children.size() ? children.get(index) : null;
                } catch (NumberFormatException e) {
                    next = null;
                }
            } else {
                next = children.stream().filter(c -> key.equals(c.path("idShort").asText(null))).findFirst()
                        .orElse(null);
            }
            if (next == null) {
                return Optional.empty();
            }
            path.add(key);
            at = next;
        }
        return Optional.of(new Located((ObjectNode) at, List.copyOf(path)));
    }

    /** An element and its idShort path below its submodel. */
    record Located(ObjectNode element, List<String> path) {
    }
}
