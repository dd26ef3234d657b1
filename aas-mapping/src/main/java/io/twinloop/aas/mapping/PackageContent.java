package io.twinloop.aas.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.FileReferences;
import io.twinloop.aas.environment.SupplementaryFile;

    /** One package's environment as JSON, indexed the way the mapping needs it. */
record PackageContent(AasPackage source, List<ObjectNode> shells, Map<String, ObjectNode> submodelsById,
        ArrayNode conceptDescriptions, Set<String> referenced, boolean allowExternal) {

    static PackageContent of(final AasPackage source, final ObjectNode environment, final boolean allowExternal) {
        final Map<String, ObjectNode> submodels = new LinkedHashMap<>();
        for (final JsonNode submodel : environment.path("submodels")) {
            final String id = submodel.path("id").asText();
            if (submodels.put(id, (ObjectNode) submodel) != null) {
                throw AasInputException.of(source.source(), "submodels[" + id + "]", "duplicate submodel id");
            }
        }
        final List<ObjectNode> shells = new ArrayList<>();
        environment.path("assetAdministrationShells").forEach(shell -> shells.add((ObjectNode) shell));
        final ArrayNode conceptDescriptions = environment.path("conceptDescriptions").isArray()
                ? (ArrayNode) environment.get("conceptDescriptions") : JsonNodeFactory.instance.arrayNode();
        final PackageContent content = new PackageContent(source, shells, submodels, conceptDescriptions,
                new LinkedHashSet<>(), allowExternal);
        shells.forEach(shell -> content.referenced.addAll(content.submodelIdsOf(shell)));
        return content;
    }

    List<String> submodelIdsOf(final ObjectNode shell) {
        final List<String> ids = new ArrayList<>();
        final String shellId = shell.path("id").asText();
        int index = 0;
        for (final JsonNode reference : shell.path("submodels")) {
            final String place = "assetAdministrationShells[" + shellId + "].submodels[" + index++ + "]";
            final JsonNode keys = reference.path("keys");
            final JsonNode last = keys.path(keys.size() - 1);
            if (!"Submodel".equals(last.path("type").asText())) {
                throw AasInputException.of(source.source(), place, "a shell's submodel reference must end in a "
                        + "Submodel key, found " + reference);
            }
            final String id = last.path("value").asText();
            if (!submodelsById.containsKey(id)) {
                if (allowExternal) {
                    continue; // kept as a reference in the shell's attributes, no feature
                }
                throw AasInputException.of(source.source(), place, "dangling reference: submodel '" + id
                        + "' is not in this file (use --allow-external-submodels if it lives elsewhere)");
            }
            if (ids.contains(id)) {
                throw AasInputException.of(source.source(), place, "submodel '" + id + "' is referenced twice");
            }
            ids.add(id);
        }
        return ids;
    }

    List<String> repeatedConceptDescriptions() {
        final Set<String> seen = new java.util.HashSet<>();
        final List<String> repeated = new ArrayList<>();
        for (final JsonNode concept : conceptDescriptions) {
            final String id = concept.path("id").asText();
            if (!seen.add(id)) {
                repeated.add(source.source() + ": conceptDescriptions[" + id + "]: the id appears more than once "
                        + "(ids must be unique); every copy is kept as in the file");
            }
        }
        return repeated;
    }

    List<ObjectNode> orphanSubmodels() {
        return submodelsById.entrySet().stream().filter(e -> !referenced.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    List<SupplementaryFile> filesOwnedBy(final Set<String> ownerIds) {
        if (source.files().isEmpty()) {
            return List.of();
        }
        final Set<String> paths = new LinkedHashSet<>();
        for (final FileReferences.Reference reference : FileReferences.of(source.environment())) {
            if (ownerIds.contains(reference.ownerId())) {
                paths.add(reference.path());
            }
        }
        return source.files().stream().filter(file -> paths.contains(file.path())).toList();
    }
}
