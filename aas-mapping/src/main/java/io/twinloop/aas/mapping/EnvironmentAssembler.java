package io.twinloop.aas.mapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.DeserializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.Causes;
import io.twinloop.aas.environment.JsonPaths;
import io.twinloop.aas.environment.SupplementaryFile;

/**
 * Things back to one AAS environment, the inverse of {@link ThingMapper}: the shell from {@code attributes/aas},
 * each submodel from its skeleton with the feature's current values on top, so values changed through Ditto are
 * exported with their declared valueType. Copies of a shared submodel in several things must agree, or the export
 * is refused naming both things.
 */
public final class EnvironmentAssembler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Thread-safe (a configured Jackson mapper) and costly to build, so shared. */
    private static final JsonDeserializer DESERIALIZER = new JsonDeserializer();

    private EnvironmentAssembler() {
    }

    public static EnvironmentAssembler newInstance() {
        return new EnvironmentAssembler();
    }

    /** The environment, its supplementary files, and what an operator should know. */
    public record Assembled(Environment environment, List<SupplementaryFile> files, List<String> warnings) {
    }

    public Assembled assemble(final List<MappedThing> things) {
        final Collector collector = new Collector();
        for (final MappedThing thing : things) {
            collector.add(thing);
        }
        final ObjectNode environment = NODES.objectNode();
        putIfNotEmpty(environment, "assetAdministrationShells", collector.shells);
        putIfNotEmpty(environment, "submodels", collector.submodels.values().stream().map(Owned::json).toList());
        putIfNotEmpty(environment, ThingLayout.CONCEPT_DESCRIPTIONS,
                collector.conceptDescriptions.values().stream().map(Owned::json).toList());
        try {
            return new Assembled(DESERIALIZER.read(environment, Environment.class),
                    List.copyOf(collector.files.values()), collector.warnings);
        } catch (DeserializationException e) {
            throw AasInputException.of("things", JsonPaths.placeOf(e), "the things do not form a valid AAS "
                    + "environment: " + Causes.rootMessage(e), e);
        }
    }

    private static void putIfNotEmpty(final ObjectNode environment, final String member, final List<ObjectNode> items) {
        if (!items.isEmpty()) {
            environment.putArray(member).addAll(items);
        }
    }

    /** A JSON object and the thing it came from. */
    private record Owned(ObjectNode json, String source) {
    }

    private static final class Collector {

        final List<ObjectNode> shells = new ArrayList<>();
        final Map<String, Owned> submodels = new LinkedHashMap<>();
        final Map<String, Owned> conceptDescriptions = new LinkedHashMap<>();
        /** Ids already taken from the current thing: a file may repeat an id, and then so does its thing. */
        final java.util.Set<String> identifiablesSeen = new java.util.HashSet<>();
        final Map<String, SupplementaryFile> files = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();

        void add(final MappedThing mapped) {
            identifiablesSeen.clear();
            final ObjectNode thing = mapped.jsonTree();
            final String source = mapped.source();
            final JsonNode aasValue = thing.path("attributes").path("aas");
            if (!aasValue.isObject()) {
                warnings.add(source + ": no attributes/aas object; not an AAS twin, skipped");
                return;
            }
            final JsonNode metadata = aasValue.get(ThingLayout.SUBMODEL_METADATA);
            final JsonNode fileList = aasValue.get(ThingLayout.SUPPLEMENTARY_FILES);
            final JsonNode concepts = aasValue.get(ThingLayout.CONCEPT_DESCRIPTIONS);
            final ObjectNode aas = NODES.objectNode(); // the shell: shares the thing's subtrees, which stay unchanged
            aasValue.fields().forEachRemaining(field -> {
                if (!ThingLayout.isMappingMember(field.getKey())) {
                    aas.set(field.getKey(), field.getValue());
                }
            });
            final String modelType = aas.path(ThingLayout.MODEL_TYPE).asText();
            if (ThingLayout.SHELL_MODEL_TYPE.equals(modelType)) {
                shells.add(aas);
            } else if (!ThingLayout.ENVIRONMENT_MODEL_TYPE.equals(modelType)) {
                throw AasInputException.of(source, "attributes/aas/modelType", "expected '"
                        + ThingLayout.SHELL_MODEL_TYPE + "' or '" + ThingLayout.ENVIRONMENT_MODEL_TYPE
                        + "', found '" + modelType + "'");
            }
            submodels(thing.path("features"), metadata, source);
            if (concepts != null) {
                for (final JsonNode concept : concepts) {
                    addOnce(conceptDescriptions, (ObjectNode) concept, source, "conceptDescriptions");
                }
            }
            supplementaryFiles(mapped, fileList);
        }

        private void submodels(final JsonNode features, final JsonNode metadata, final String source) {
            if (metadata != null) {
                for (final Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
                    final Map.Entry<String, JsonNode> entry = it.next();
                    final String featureId = entry.getKey();
                    final JsonNode feature = features.get(featureId);
                    if (feature == null) {
                        warnings.add(source + ": features/" + featureId + " is missing; its submodel is exported "
                                + "without values");
                    }
                    final JsonNode values = feature == null ? null : feature.get("properties");
                    final ObjectNode submodel = ValueOnlyOverlay.apply((ObjectNode) entry.getValue(), values, source,
                            ThingLayout.propertiesPlace(featureId), warnings);
                    addOnce(submodels, submodel, source, "submodels");
                }
            }
            for (final Iterator<String> featureIds = features.fieldNames(); featureIds.hasNext(); ) {
                final String featureId = featureIds.next();
                if (metadata == null || !metadata.has(featureId)) {
                    warnings.add(source + ": features/" + featureId + " has no AAS submodel metadata; not exported");
                }
            }
        }

        private void addOnce(final Map<String, Owned> byId, final ObjectNode json, final String source,
                final String member) {
            final String id = json.path("id").asText();
            if (!identifiablesSeen.add(member + id)) {
                byId.put(id + "#" + byId.size(), new Owned(json, source));
                return;
            }
            final Owned earlier = byId.putIfAbsent(id, new Owned(json, source));
            if (earlier != null && !earlier.json().equals(json)) {
                throw AasInputException.of(source, member + "[" + id + "]", "differs from the copy in "
                        + earlier.source() + " (the same identifiable is held by both things); make the copies "
                        + "equal before exporting");
            }
        }

        private void supplementaryFiles(final MappedThing mapped, final JsonNode described) {
            if (described == null) {
                return;
            }
            final Map<String, SupplementaryFile> available = new LinkedHashMap<>();
            mapped.files().forEach(file -> available.put(file.path(), file));
            for (final JsonNode entry : described) {
                final String path = entry.path("path").asText();
                final SupplementaryFile file = available.get(path);
                if (file == null) {
                    throw AasInputException.of(mapped.source(), "supplementary file " + path,
                            "is listed in attributes/aas/supplementaryFiles but was not found beside the thing");
                }
                final String expected = entry.path("sha256").asText(null);
                if (expected != null && !expected.equals(Names.sha256(file.content()))) {
                    throw AasInputException.of(mapped.source(), "supplementary file " + path,
                            "content does not match the sha256 recorded in the thing (changed or corrupt)");
                }
                files.putIfAbsent(path, file);
            }
        }
    }
}
