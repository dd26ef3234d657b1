package io.twinloop.aas.thingmodel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;

/**
 * WoT data schemas (TD 1.1 §5.3.2, the JSON Schema subset Ditto validates with) for AAS submodel elements, in the
 * shape their values have in a feature (the ValueOnly mapping, see the module README): Property values by their
 * XSD type (number, integer with the type's range, boolean, string) with bounds, unit and allowed values; Range as
 * {@code {min, max}}; MultiLanguageProperty as a list of {@code {language: text}}; collections as objects of their
 * children; lists as arrays of their first item's schema; File and Blob as {@code {contentType, value}}. Elements
 * whose value is a reference or a structure the model does not constrain get a schema without {@code type}.
 *
 * <p>Bounds come from the element's qualifiers ({@code Min}/{@code Max}, also {@code Minimum}/{@code Maximum}),
 * from the {@code min_max} of the asset interface property the mapping (AIMC) links to the element, and from the
 * XSD type's own range; the tightest apply. Bounds that contradict each other (minimum above maximum), a Range whose
 * min is above its max and a value outside its own bounds are refused with the element named: a model that refuses
 * the AAS's own values would make every import of that AAS fail in Ditto.
 */
final class DataSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, long[]> INTEGER_RANGES = Map.ofEntries(
            Map.entry("xs:byte", new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE}),
            Map.entry("xs:short", new long[] {Short.MIN_VALUE, Short.MAX_VALUE}),
            Map.entry("xs:int", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}),
            Map.entry("xs:unsignedByte", new long[] {0, 255}),
            Map.entry("xs:unsignedShort", new long[] {0, 65_535}),
            Map.entry("xs:unsignedInt", new long[] {0, 4_294_967_295L}));
    private static final List<String> INTEGER_TYPES = List.of("xs:integer", "xs:long", "xs:byte", "xs:short",
            "xs:int", "xs:unsignedByte", "xs:unsignedShort", "xs:unsignedInt", "xs:unsignedLong",
            "xs:nonNegativeInteger", "xs:positiveInteger", "xs:nonPositiveInteger", "xs:negativeInteger");
    private static final List<String> NUMBER_TYPES = List.of("xs:decimal", "xs:double", "xs:float");

    /** Where the element is, for messages: the file and the submodel element's idShort path. */
    record Place(String source, String submodelId) {
        String of(final List<String> path) {
            return "submodels[" + submodelId + "]/" + String.join("/", path);
        }
    }

    private final Place place;
    private final InterfaceHints hints;
    private final Map<String, ObjectNode> conceptDescriptions;

    DataSchemas(final Place place, final InterfaceHints hints, final Map<String, ObjectNode> conceptDescriptions) {
        this.place = place;
        this.hints = hints;
        this.conceptDescriptions = conceptDescriptions;
    }

    /**
     * @param value the element's value in the feature (ValueOnly), or null/missing
     * @param path idShort path below the submodel
     */
    ObjectNode schema(final ObjectNode element, final JsonNode value, final List<String> path) {
        final Optional<InterfaceHint> hint = hints.of(place.submodelId(), path);
        final ObjectNode schema = NODES.objectNode();
        schema.put("title", element.path("idShort").asText(path.isEmpty() ? "" : path.get(path.size() - 1)));
        AasElements.description(element).ifPresent(d -> schema.put("description", d));
        switch (element.path("modelType").asText()) {
            case "Property" -> property(schema, element, value, path, hint);
            case "Range" -> range(schema, element, value, path);
            case "MultiLanguageProperty" -> {
                schema.put("type", "array");
                schema.putObject("items").put("type", "object").putObject("additionalProperties")
                        .put("type", "string");
            }
            case "SubmodelElementCollection", "Entity" -> collection(schema, element, value, path);
            case "SubmodelElementList" -> list(schema, element, value, path);
            case "File", "Blob" -> {
                schema.put("type", "object");
                final ObjectNode members = schema.putObject("properties");
                members.putObject("contentType").put("type", "string");
                members.putObject("value").put("type", "string");
            }
            default -> {
                // references, relationships, events: structures Ditto should keep as they are, not constrain here
            }
        }
        if (!"SubmodelElementCollection".equals(element.path("modelType").asText())) {
            schema.put("readOnly", hint.map(h -> !h.writable()).orElse(true));
        }
        return schema;
    }

    private void property(final ObjectNode schema, final ObjectNode element, final JsonNode value,
            final List<String> path, final Optional<InterfaceHint> hint) {
        final String valueType = element.path("valueType").asText("xs:string");
        final boolean integer = INTEGER_TYPES.contains(valueType);
        final boolean numeric = integer || NUMBER_TYPES.contains(valueType);
        final boolean present = value != null && !value.isMissingNode() && !value.isNull();
        // a placeholder ("", NaN, an integer beyond 64 bits) is a string in the feature: keep the bounds for
        // numbers but do not refuse the AAS's own value by its type
        if (numeric) {
            if (!present || value.isNumber()) {
                schema.put("type", integer ? "integer" : "number");
            }
        } else if ("xs:boolean".equals(valueType)) {
            if (!present || value.isBoolean()) {
                schema.put("type", "boolean");
            }
        } else {
            schema.put("type", "string");
        }
        unit(element, hint).ifPresent(u -> schema.put("unit", u));
        if (numeric) {
            bounds(schema, element, value, path, valueType, hint);
        }
        final List<String> allowed = hint.map(InterfaceHint::allowed).orElse(List.of());
        if (!allowed.isEmpty() && !numeric && !"xs:boolean".equals(valueType)) {
            if (present && value.isTextual() && !allowed.contains(value.asText())) {
                throw AasInputException.of(place.source(), place.of(path), "value \"" + value.asText()
                        + "\" is not one of the values its asset interface allows, " + allowed);
            }
            allowed.forEach(schema.putArray("enum")::add);
        }
    }

    private void bounds(final ObjectNode schema, final ObjectNode element, final JsonNode value,
            final List<String> path, final String valueType, final Optional<InterfaceHint> hint) {
        Bound minimum = AasElements.qualifier(element, "Min", "Minimum").flatMap(AasElements::decimal)
                .map(v -> new Bound(v, "qualifier Min")).orElse(null);
        Bound maximum = AasElements.qualifier(element, "Max", "Maximum").flatMap(AasElements::decimal)
                .map(v -> new Bound(v, "qualifier Max")).orElse(null);
        minimum = Bound.tighterMinimum(minimum, hint.flatMap(InterfaceHint::minimum).orElse(null));
        maximum = Bound.tighterMaximum(maximum, hint.flatMap(InterfaceHint::maximum).orElse(null));
        final long[] range = INTEGER_RANGES.get(valueType);
        if (range != null) {
            minimum = Bound.tighterMinimum(minimum, new Bound(BigDecimal.valueOf(range[0]), valueType));
            maximum = Bound.tighterMaximum(maximum, new Bound(BigDecimal.valueOf(range[1]), valueType));
        }
        switch (valueType) {
            case "xs:unsignedLong", "xs:nonNegativeInteger" ->
                    minimum = Bound.tighterMinimum(minimum, new Bound(BigDecimal.ZERO, valueType));
            case "xs:positiveInteger" -> minimum = Bound.tighterMinimum(minimum, new Bound(BigDecimal.ONE, valueType));
            case "xs:nonPositiveInteger" ->
                    maximum = Bound.tighterMaximum(maximum, new Bound(BigDecimal.ZERO, valueType));
            case "xs:negativeInteger" ->
                    maximum = Bound.tighterMaximum(maximum, new Bound(BigDecimal.ONE.negate(), valueType));
            default -> {
            }
        }
        if (minimum != null && maximum != null && minimum.value().compareTo(maximum.value()) > 0) {
            throw AasInputException.of(place.source(), place.of(path), "minimum " + minimum
                    + " is above maximum " + maximum + ": no value could satisfy both");
        }
        if (value != null && value.isNumber()) {
            final BigDecimal current = value.decimalValue();
            if (minimum != null && current.compareTo(minimum.value()) < 0
                    || maximum != null && current.compareTo(maximum.value()) > 0) {
                throw AasInputException.of(place.source(), place.of(path), "value " + value.asText()
                        + " is outside its own bounds: minimum " + (minimum == null ? "none" : minimum)
                        + ", maximum " + (maximum == null ? "none" : maximum));
            }
        }
        if (minimum != null) {
            schema.put("minimum", minimum.value());
        }
        if (maximum != null) {
            schema.put("maximum", maximum.value());
        }
    }

    private void range(final ObjectNode schema, final ObjectNode element, final JsonNode value,
            final List<String> path) {
        final String valueType = element.path("valueType").asText("xs:string");
        final String memberType = INTEGER_TYPES.contains(valueType) ? "integer"
                : NUMBER_TYPES.contains(valueType) ? "number" : "string";
        final JsonNode min = value == null ? null : value.get("min");
        final JsonNode max = value == null ? null : value.get("max");
        if (min != null && max != null && min.isNumber() && max.isNumber()
                && min.decimalValue().compareTo(max.decimalValue()) > 0) {
            throw AasInputException.of(place.source(), place.of(path), "Range min " + min.asText()
                    + " is above its max " + max.asText());
        }
        schema.put("type", "object");
        final ObjectNode members = schema.putObject("properties");
        for (final String member : List.of("min", "max")) {
            final JsonNode current = value == null ? null : value.get(member);
            final ObjectNode memberSchema = members.putObject(member);
            // as for a Property: a placeholder that is no number keeps its type off, so the AAS's value passes
            final boolean fits = current == null || current.isNull()
                    || ("string".equals(memberType) ? !current.isNumber() : current.isNumber());
            if (fits) {
                memberSchema.put("type", memberType);
            }
        }
        // min <= max of a new value cannot be expressed in a WoT data schema (no comparison of two members)
        unit(element, Optional.empty()).ifPresent(u -> schema.put("unit", u));
    }

    private void collection(final ObjectNode schema, final ObjectNode element, final JsonNode value,
            final List<String> path) {
        schema.put("type", "object");
        final JsonNode members = "Entity".equals(element.path("modelType").asText())
                ? value == null ? null : value.get("statements") : value;
        final ObjectNode properties = NODES.objectNode();
        for (final ObjectNode child : AasElements.children(element)) {
            final String idShort = child.path("idShort").asText(null);
            if (idShort == null || isOperation(child)) {
                continue;
            }
            final List<String> childPath = new ArrayList<>(path);
            childPath.add(idShort);
            properties.set(idShort, schema(child, members == null ? null : members.get(idShort), childPath));
        }
        if ("Entity".equals(element.path("modelType").asText())) {
            schema.putObject("properties").putObject("statements").put("type", "object").set("properties",
                    properties);
        } else if (!properties.isEmpty()) {
            schema.set("properties", properties);
        }
    }

    private void list(final ObjectNode schema, final ObjectNode element, final JsonNode value,
            final List<String> path) {
        schema.put("type", "array");
        final List<ObjectNode> items = AasElements.children(element);
        for (int i = 0; i < items.size(); i++) {
            final List<String> itemPath = new ArrayList<>(path);
            itemPath.add(Integer.toString(i));
            final ObjectNode itemSchema = schema(items.get(i), value == null ? null : value.get(i), itemPath);
            if (i == 0) {
                itemSchema.remove("title");
                itemSchema.remove("readOnly");
                schema.set("items", itemSchema);
            }
        }
        if (items.isEmpty() && "Property".equals(element.path("typeValueListElement").asText())) {
            final String valueType = element.path("valueTypeListElement").asText("xs:string");
            schema.putObject("items").put("type", INTEGER_TYPES.contains(valueType) ? "integer"
                    : NUMBER_TYPES.contains(valueType) ? "number"
                    : "xs:boolean".equals(valueType) ? "boolean" : "string");
        }
    }

    /** The asset interface's unit, else the IEC 61360 unit of the concept description the semanticId names. */
    private Optional<String> unit(final ObjectNode element, final Optional<InterfaceHint> hint) {
        return hint.flatMap(InterfaceHint::unit).or(() -> AasElements.semanticId(element)
                .map(conceptDescriptions::get)
                .flatMap(cd -> {
                    for (final JsonNode spec : cd.path("embeddedDataSpecifications")) {
                        final String unit = spec.path("dataSpecificationContent").path("unit").asText("");
                        if (!unit.isBlank()) {
                            return Optional.of(unit);
                        }
                    }
                    return Optional.empty();
                }));
    }

    static boolean isOperation(final JsonNode element) {
        final String type = element.path("modelType").asText();
        return "Operation".equals(type) || "Capability".equals(type);
    }
}
