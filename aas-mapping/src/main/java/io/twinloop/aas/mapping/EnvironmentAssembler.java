package io.twinloop.aas.mapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.core.DeserializationException;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonDeserializer;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.Thing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    private final JsonDeserializer deserializer = new JsonDeserializer();

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
            return new Assembled(deserializer.read(environment, Environment.class),
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
            final Thing thing = mapped.thing();
            final String source = mapped.source();
            final Optional<JsonValue> aasValue = thing.getAttributes().flatMap(a -> a.getValue(ThingLayout.AAS));
            if (aasValue.isEmpty() || !aasValue.get().isObject()) {
                warnings.add(source + ": no attributes/aas object; not an AAS twin, skipped");
                return;
            }
            final ObjectNode aas = JsonBridge.toJacksonObject(aasValue.get().asObject());
            final JsonNode metadata = aas.remove(ThingLayout.SUBMODEL_METADATA);
            final JsonNode fileList = aas.remove(ThingLayout.SUPPLEMENTARY_FILES);
            final JsonNode concepts = aas.remove(ThingLayout.CONCEPT_DESCRIPTIONS);
            final String modelType = aas.path(ThingLayout.MODEL_TYPE).asText();
            if (ThingLayout.SHELL_MODEL_TYPE.equals(modelType)) {
                shells.add(aas);
            } else if (!ThingLayout.ENVIRONMENT_MODEL_TYPE.equals(modelType)) {
                throw AasInputException.of(source, "attributes/aas/modelType", "expected '"
                        + ThingLayout.SHELL_MODEL_TYPE + "' or '" + ThingLayout.ENVIRONMENT_MODEL_TYPE
                        + "', found '" + modelType + "'");
            }
            submodels(thing, metadata, source);
            if (concepts != null) {
                for (final JsonNode concept : concepts) {
                    addOnce(conceptDescriptions, (ObjectNode) concept, source, "conceptDescriptions");
                }
            }
            supplementaryFiles(mapped, fileList);
        }

        private void submodels(final Thing thing, final JsonNode metadata, final String source) {
            if (metadata != null) {
                for (final Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
                    final Map.Entry<String, JsonNode> entry = it.next();
                    final String featureId = entry.getKey();
                    final Optional<Feature> feature = thing.getFeatures().flatMap(f -> f.getFeature(featureId));
                    if (feature.isEmpty()) {
                        warnings.add(source + ": features/" + featureId + " is missing; its submodel is exported "
                                + "without values");
                    }
                    final JsonNode values = feature.flatMap(Feature::getProperties)
                            .map(p -> (JsonNode) JsonBridge.toJacksonObject(p)).orElse(null);
                    final ObjectNode submodel = ValueOnlyOverlay.apply((ObjectNode) entry.getValue(), values, source,
                            ThingLayout.propertiesPlace(featureId), warnings);
                    addOnce(submodels, submodel, source, "submodels");
                }
            }
            thing.getFeatures().ifPresent(features -> features.forEach(feature -> {
                if (metadata == null || !metadata.has(feature.getId())) {
                    warnings.add(source + ": features/" + feature.getId() + " has no AAS submodel metadata; "
                            + "not exported");
                }
            }));
        }

        /**
         * Adds an identifiable held by a thing. The same id from another thing is a copy (a shared submodel) and
         * must be equal; the same id twice within one thing came from a file that repeats it and is kept twice.
         */
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
