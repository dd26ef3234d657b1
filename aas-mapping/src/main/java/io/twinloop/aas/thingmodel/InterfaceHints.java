package io.twinloop.aas.thingmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hints a shell's AssetInterfacesMappingConfiguration (IDTA 02027, "AIMC") gives about the elements of its
 * other submodels: every relation whose {@code second} names an element links it to an AssetInterfacesDescription
 * property ({@code first}), whose {@code unit}, {@code min_max}, {@code enum} and {@code readOnly} then describe
 * the element; {@code TwinLoopDirection = bidirectional} on the relation makes the element a setpoint, as for the
 * connectors (see the connectors README).
 */
final class InterfaceHints {

    static final String AIMC_SEMANTIC_ID =
            "https://admin-shell.io/idta/AssetInterfacesMappingConfiguration/1/0/Submodel";
    private static final String DIRECTION = "TwinLoopDirection";

    private final Map<String, InterfaceHint> bySubmodelAndPath;

    private InterfaceHints(final Map<String, InterfaceHint> bySubmodelAndPath) {
        this.bySubmodelAndPath = bySubmodelAndPath;
    }

    static InterfaceHints none() {
        return new InterfaceHints(Map.of());
    }

    /**
     * @param submodels the shell's submodels by id (the AIMC among them, and the AIDs and targets it refers to)
     */
    static InterfaceHints of(final Map<String, ObjectNode> submodels) {
        final Map<String, InterfaceHint> hints = new HashMap<>();
        for (final ObjectNode submodel : submodels.values()) {
            if (!AasElements.semanticId(submodel).map(AIMC_SEMANTIC_ID::equals).orElse(false)) {
                continue;
            }
            for (final ObjectNode relation : relations(submodel)) {
                hint(relation, submodels).ifPresent(h -> hints.merge(h.key(), h.hint(), InterfaceHint::and));
            }
        }
        return new InterfaceHints(hints);
    }

    Optional<InterfaceHint> of(final String submodelId, final List<String> path) {
        return Optional.ofNullable(bySubmodelAndPath.get(key(submodelId, path)));
    }

    private record Keyed(String key, InterfaceHint hint) {
    }

    private static Optional<Keyed> hint(final ObjectNode relation, final Map<String, ObjectNode> submodels) {
        final Optional<AasElements.Located> source = locate(relation.path("first"), submodels);
        final JsonNode secondKeys = relation.path("second").path("keys");
        final Optional<AasElements.Located> sink = locate(relation.path("second"), submodels);
        if (source.isEmpty() || sink.isEmpty()) {
            return Optional.empty();
        }
        final ObjectNode definition = source.get().element();
        final boolean readOnly = AasElements.child(definition, "readOnly")
                .map(p -> "true".equalsIgnoreCase(p.path("value").asText()))
                .orElse(false);
        final boolean bidirectional = AasElements.qualifier(relation, DIRECTION)
                .map(v -> "bidirectional".equals(v.trim())).orElse(false);
        final String place = "AID " + String.join("/", source.get().path());
        final Optional<ObjectNode> range = AasElements.child(definition, "min_max");
        final Optional<Bound> minimum = range.flatMap(r -> AasElements.decimal(r.path("min").asText(null)))
                .map(v -> new Bound(v, place + "/min_max"));
        final Optional<Bound> maximum = range.flatMap(r -> AasElements.decimal(r.path("max").asText(null)))
                .map(v -> new Bound(v, place + "/min_max"));
        final List<String> allowed = new ArrayList<>();
        AasElements.child(definition, "enum").ifPresent(e -> AasElements.children(e)
                .forEach(item -> allowed.add(item.path("value").asText())));
        final Optional<String> unit = AasElements.child(definition, "unit")
                .map(u -> u.path("value").asText("")).filter(u -> !u.isBlank());
        final String submodelId = AasElements.firstKey(relation.path("second")).orElseThrow();
        return Optional.of(new Keyed(key(submodelId, sink.get().path()),
                new InterfaceHint(bidirectional && !readOnly, unit, minimum, maximum, allowed)));
    }

    private static Optional<AasElements.Located> locate(final JsonNode reference,
            final Map<String, ObjectNode> submodels) {
        final Optional<String> submodelId = AasElements.firstKey(reference);
        final ObjectNode submodel = submodelId.map(submodels::get).orElse(null);
        return submodel == null ? Optional.empty() : AasElements.resolve(submodel, reference.path("keys"));
    }

    private static List<ObjectNode> relations(final JsonNode element) {
        final List<ObjectNode> found = new ArrayList<>();
        for (final ObjectNode child : AasElements.children(element)) {
            if ("RelationshipElement".equals(child.path("modelType").asText())) {
                found.add(child);
            } else {
                found.addAll(relations(child));
            }
        }
        return found;
    }

    private static String key(final String submodelId, final List<String> path) {
        return submodelId + '\u0000' + String.join("\u0000", path);
    }
}
