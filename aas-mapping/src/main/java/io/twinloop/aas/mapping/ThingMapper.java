package io.twinloop.aas.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSerializer;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.things.model.ThingId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.ditto.DittoKeys;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.SupplementaryFile;

/**
 * AAS environments to Ditto things, following the layout in {@link ThingLayout}: one thing per shell, its
 * submodels as features. A submodel referenced by several shells becomes a feature of each of them (Ditto has no
 * sharing between things; the export checks the copies agree). Submodels no shell references and the concept
 * descriptions go into one environment thing per file, named {@code <file>-environment}.
 *
 * <p>All input is mapped and checked before anything is returned, so a caller never writes half an import. The
 * things keep Ditto's rules without Ditto's model being built, which would cost more than the mapping itself: the
 * thing id is made by Ditto's {@code ThingId}; member names from the file were checked while it was read, and keys
 * made from AAS content (idShorts, language tags, feature ids) are checked as they are made ({@link DittoKeys}).
 * {@link MappedThing#thing()} builds Ditto's model when a caller needs it.
 */
public final class ThingMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MappingOptions options;
    /** Thread-safe (a configured Jackson mapper) and costly to build, so shared. */
    private static final JsonSerializer SERIALIZER = new JsonSerializer();

    private ThingMapper(final MappingOptions options) {
        this.options = options;
    }

    public static ThingMapper of(final MappingOptions options) {
        return new ThingMapper(options);
    }

    public ImportResult map(final List<AasPackage> packages) {
        final List<PackageContent> contents = new ArrayList<>();
        for (final AasPackage aasPackage : packages) {
            final ObjectNode environment = aasPackage.environmentJson()
                    .orElseGet(() -> (ObjectNode) SERIALIZER.toNode(aasPackage.environment()));
            contents.add(PackageContent.of(aasPackage, environment, options.allowExternalSubmodels()));
        }
        final Map<Object, String> names = ThingNames.of(contents);
        final List<MappedThing> things = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        for (final PackageContent content : contents) {
            warnings.addAll(content.source().warnings());
            warnings.addAll(content.repeatedConceptDescriptions());
            for (final ObjectNode shell : content.shells()) {
                things.add(shellThing(content, shell, names.get(shell)));
            }
            if (!content.orphanSubmodels().isEmpty() || !content.conceptDescriptions().isEmpty()) {
                things.add(environmentThing(content, names.get(content)));
            }
        }
        return new ImportResult(things, warnings);
    }

    private MappedThing shellThing(final PackageContent content, final ObjectNode shell, final String name) {
        final String shellId = shell.path("id").asText();
        final ObjectNode aas = NODES.objectNode().setAll(shell); // shallow: the shell's subtrees are not changed
        final List<ObjectNode> submodels = new ArrayList<>();
        for (final String submodelId : content.submodelIdsOf(shell)) {
            submodels.add(content.submodelsById().get(submodelId));
        }
        final Set<String> owners = new LinkedHashSet<>(List.of(shellId));
        submodels.forEach(submodel -> owners.add(submodel.path("id").asText()));
        return thing(content, name, aas, submodels, owners, "shell " + shellId);
    }

    private MappedThing environmentThing(final PackageContent content, final String name) {
        final ObjectNode aas = NODES.objectNode().put(ThingLayout.MODEL_TYPE, ThingLayout.ENVIRONMENT_MODEL_TYPE);
        if (!content.conceptDescriptions().isEmpty()) {
            aas.set(ThingLayout.CONCEPT_DESCRIPTIONS, content.conceptDescriptions()); // shared, read-only
        }
        final List<ObjectNode> orphans = content.orphanSubmodels();
        final Set<String> owners = new LinkedHashSet<>();
        orphans.forEach(submodel -> owners.add(submodel.path("id").asText()));
        return thing(content, name, aas, orphans, owners, "environment content of " + content.source().source());
    }

    private MappedThing thing(final PackageContent content, final String name, final ObjectNode aas,
            final List<ObjectNode> submodels, final Set<String> fileOwners, final String what) {
        final String source = content.source().source();
        final ObjectNode metadata = aas.putObject(ThingLayout.SUBMODEL_METADATA);
        final ObjectNode features = NODES.objectNode();
        final Map<ObjectNode, String> featureIds = featureIds(submodels);
        for (final ObjectNode submodel : submodels) {
            final String featureId = featureIds.get(submodel);
            final ValueOnlyProjection.Split split = ValueOnlyProjection.split(submodel, source,
                    "submodels[" + submodel.path("id").asText() + "]");
            metadata.set(featureId, split.skeleton());
            features.putObject(featureId).set("properties", split.values());
        }
        final List<SupplementaryFile> files = content.filesOwnedBy(fileOwners);
        if (!files.isEmpty()) {
            final ArrayNode described = aas.putArray(ThingLayout.SUPPLEMENTARY_FILES);
            files.forEach(file -> described.addObject().put("path", file.path()).put("size", file.size())
                    .put("sha256", Names.sha256(file.content())));
        }
        final ObjectNode json = NODES.objectNode();
        json.put("thingId", thingId(name, source, what));
        json.putObject("attributes").set("aas", aas);
        json.set("features", features);
        final MappedThing mapped = MappedThing.ofCheckedJson(json, source, files);
        checkSize(mapped, what);
        return mapped;
    }

    private String thingId(final String name, final String source, final String what) {
        try {
            return ThingId.of(options.namespace(), name).toString();
        } catch (DittoRuntimeException e) {
            throw AasInputException.of(source, what, "'" + name + "' cannot be a Ditto thing name: " + e.getMessage(), e);
        }
    }

    private void checkSize(final MappedThing mapped, final String what) {
        if (options.maxThingBytes() == 0) {
            return;
        }
        final int bytes = mapped.jsonBytes();
        if (bytes > options.maxThingBytes()) {
            final StringBuilder largest = new StringBuilder();
            submodelSizes(mapped.jsonTree()).entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                    .forEach(e -> largest.append(largest.length() == 0 ? "" : ", ")
                            .append(e.getKey()).append(" (").append(kilobytes(e.getValue())).append(')'));
            throw AasInputException.of(mapped.source(), what, "thing " + mapped.thingId()
                    + " would be " + kilobytes(bytes) + ", over the thing size limit of "
                    + kilobytes(options.maxThingBytes()) + "; largest submodels: "
                    + (largest.length() == 0 ? "none" : largest)
                    + ". Raise the limit (Ditto: things.max-size) or split the shell.");
        }
    }

    /** Bytes of JSON per feature, counting its values and its skeleton in the attributes (approximately). */
    private static Map<String, Integer> submodelSizes(final ObjectNode thing) {
        final Map<String, Integer> sizes = new LinkedHashMap<>();
        final JsonNode metadata = thing.path("attributes").path("aas").path(ThingLayout.SUBMODEL_METADATA);
        thing.path("features").fields().forEachRemaining(feature -> sizes.put(feature.getKey(),
                feature.getValue().toString().length() + metadata.path(feature.getKey()).toString().length()));
        return sizes;
    }

    private static String kilobytes(final long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }

    private static Map<ObjectNode, String> featureIds(final List<ObjectNode> submodels) {
        final Map<ObjectNode, String> readable = new IdentityHashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        for (final ObjectNode submodel : submodels) {
            final String name = Names.readable(submodel.path("idShort").textValue(), submodel.path("id").asText(),
                    "submodel");
            readable.put(submodel, name);
            counts.merge(name, 1, Integer::sum);
        }
        readable.replaceAll((submodel, name) -> counts.get(name) > 1
                ? Names.disambiguated(name, submodel.path("id").asText()) : name);
        return readable;
    }

}
