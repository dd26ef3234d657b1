package io.twinloop.aas.thingmodel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.digitaltwin.aas4j.v3.dataformat.json.JsonSerializer;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.FeatureDefinition;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.wot.model.ThingModel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.ThingLayout;

/**
 * W3C WoT Thing Models (TD 1.1, JSON-LD) for the things an import made, and the things linked to them the way
 * Ditto's WoT integration reads it: every submodel feature's {@code definition} is the URL of its submodel's model,
 * and the thing's {@code definition} the URL of a thing model that names those feature models as
 * {@code tm:submodel}s (Ditto validates merges and whole-thing writes only against a thing's definition, see the
 * module README) and models the {@code aas} attribute.
 *
 * <p>A model's file name ends in the first 8 hex digits of the SHA-256 of its content: a changed AAS gives a new
 * URL (Ditto caches a fetched model for days), an unchanged one the same; machines with identical submodel
 * structure share one model. Generation is pure: nothing is written or fetched; the caller publishes {@link #files()}
 * under the base URL (a folder for a web server, or the embedded twin server) before it writes the things.
 */
public final class ThingModels {

    /** The media type of a Thing Model document (TD 1.1 §10). */
    public static final String MEDIA_TYPE = "application/tm+json";
    /** File names end so; Ditto's documentation and examples use it too. */
    public static final String FILE_SUFFIX = ".tm.jsonld";
    static final String TD_CONTEXT = "https://www.w3.org/2022/wot/td/v1.1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSerializer SERIALIZER = new JsonSerializer();

    private final Map<String, String> files;
    private final List<MappedThing> things;

    private ThingModels(final Map<String, String> files, final List<MappedThing> things) {
        this.files = files;
        this.things = things;
    }

    /**
     * @param packages the AAS files the import read (the submodels with their qualifiers, the concept descriptions)
     * @param result what {@link io.twinloop.aas.mapping.ThingMapper} made of them
     * @param baseUrl where the models will be served; each model's URL is this plus its file name
     * @throws AasInputException an element whose bounds contradict each other or its own value, named
     */
    public static ThingModels generate(final List<AasPackage> packages, final ImportResult result,
            final URI baseUrl) {
        final String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        final Map<String, ObjectNode> submodels = new HashMap<>();
        final Map<String, String> sources = new HashMap<>();
        final Map<String, ObjectNode> conceptDescriptions = new HashMap<>();
        for (final AasPackage aasPackage : packages) {
            final ObjectNode environment = aasPackage.environmentJson()
                    .orElseGet(() -> (ObjectNode) SERIALIZER.toNode(aasPackage.environment()));
            environment.path("submodels").forEach(s -> {
                submodels.putIfAbsent(s.path("id").asText(), (ObjectNode) s);
                sources.putIfAbsent(s.path("id").asText(), aasPackage.source());
            });
            environment.path("conceptDescriptions").forEach(cd ->
                    conceptDescriptions.putIfAbsent(cd.path("id").asText(), (ObjectNode) cd));
        }
        final Map<String, String> files = new TreeMap<>();
        final List<MappedThing> linked = new ArrayList<>();
        for (final MappedThing mapped : result.things()) {
            final Thing thing = mapped.thing();
            final JsonObject aas = thing.getAttributes().flatMap(a -> a.getValue(ThingLayout.AAS))
                    .filter(JsonValue::isObject).map(JsonValue::asObject).orElse(JsonObject.empty());
            if (!aas.getValue("modelType").map(v -> v.isString() && ThingLayout.SHELL_MODEL_TYPE.equals(v.asString()))
                    .orElse(false)) {
                linked.add(mapped); // environment things hold no asset: no model
                continue;
            }
            linked.add(link(mapped, thing, aas, submodels, sources, conceptDescriptions, base, files));
        }
        return new ThingModels(java.util.Collections.unmodifiableMap(files), List.copyOf(linked));
    }

    private static MappedThing link(final MappedThing mapped, final Thing thing, final JsonObject aas,
            final Map<String, ObjectNode> submodels, final Map<String, String> sources,
            final Map<String, ObjectNode> conceptDescriptions, final String base, final Map<String, String> files) {
        final JsonObject metadata = aas.getValue(ThingLayout.SUBMODEL_METADATA).filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElse(JsonObject.empty());
        final Map<String, String> featureToSubmodel = new LinkedHashMap<>();
        metadata.forEach(f -> f.getValue().asObject().getValue("id").filter(JsonValue::isString)
                .ifPresent(id -> featureToSubmodel.put(f.getKeyName(), id.asString())));
        final Map<String, ObjectNode> own = new HashMap<>();
        featureToSubmodel.values().forEach(id -> Optional.ofNullable(submodels.get(id)).ifPresent(s -> own.put(id, s)));
        final InterfaceHints hints = InterfaceHints.of(own);
        Thing result = thing;
        final ObjectNode thingModel = skeleton(aas.getValue("idShort").filter(JsonValue::isString)
                .map(JsonValue::asString).orElse(mapped.name()));
        final ArrayNode links = thingModel.putArray("links");
        for (final Map.Entry<String, String> entry : featureToSubmodel.entrySet()) {
            final String featureId = entry.getKey();
            final ObjectNode submodel = own.get(entry.getValue());
            if (submodel == null) {
                continue;
            }
            final JsonNode values = thing.getFeatures().flatMap(fs -> fs.getFeature(featureId))
                    .flatMap(Feature::getProperties).map(p -> parse(p.toString())).orElse(null);
            final ObjectNode model = submodelModel(submodel, values, new DataSchemas(
                    new DataSchemas.Place(sources.getOrDefault(entry.getValue(), mapped.source()), entry.getValue()),
                    hints, conceptDescriptions));
            final String url = publish(featureId, model, base, files);
            result = result.setFeatureDefinition(featureId, FeatureDefinition.fromIdentifier(url));
            links.addObject().put("rel", "tm:submodel").put("href", url).put("type", MEDIA_TYPE)
                    .put("instanceName", featureId);
        }
        final ObjectNode aasProperty = thingModel.putObject("properties").putObject("aas");
        aasProperty.put("title", "aas");
        aasProperty.put("description", "The Asset Administration Shell and its submodels' metadata "
                + "(TwinLoop's thing layout); written by the AAS import only.");
        aasProperty.put("type", "object");
        aasProperty.put("readOnly", true);
        final String thingUrl = publish(mapped.name(), thingModel, base, files);
        result = result.setDefinition(ThingsModelFactory.newDefinition(thingUrl));
        return MappedThing.of(result, mapped.source(), mapped.files());
    }

    private static ObjectNode submodelModel(final ObjectNode submodel, final JsonNode values,
            final DataSchemas schemas) {
        final ObjectNode model = skeleton(submodel.path("idShort").asText("submodel"));
        AasElements.description(submodel).ifPresent(d -> model.put("description", d));
        AasElements.semanticId(submodel).ifPresent(id -> model.putArray("links").addObject()
                .put("rel", "type").put("href", id));
        final ObjectNode properties = model.putObject("properties");
        for (final ObjectNode element : AasElements.children(submodel)) {
            final String idShort = element.path("idShort").asText(null);
            if (idShort == null || DataSchemas.isOperation(element)) {
                continue; // Operations and Capabilities have no value in the feature
            }
            properties.set(idShort, schemas.schema(element, values == null ? null : values.get(idShort),
                    List.of(idShort)));
        }
        return model;
    }

    private static ObjectNode skeleton(final String title) {
        final ObjectNode model = NODES.objectNode();
        model.put("@context", TD_CONTEXT);
        model.put("@type", "tm:ThingModel");
        model.put("title", title);
        return model;
    }

    /** Names the model by its content, checks it with Ditto's WoT model, adds it to the files, returns its URL. */
    private static String publish(final String name, final ObjectNode model, final String base,
            final Map<String, String> files) {
        final String json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model JSON cannot be written: " + e.getMessage(), e);
        }
        ThingModel.fromJson(JsonFactory.readFrom(json).asObject()); // Ditto's own reading must accept it
        final String fileName = safe(name) + "-" + sha256(json).substring(0, 8) + FILE_SUFFIX;
        files.put(fileName, json);
        return base + fileName;
    }

    /** File names from feature ids and thing names, kept to characters every web server serves as they are. */
    private static String safe(final String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model documents by file name (sorted), to be served under the base URL. */
    public Map<String, String> files() {
        return files;
    }

    /** The things of the import with their definitions set, in the import's order. */
    public List<MappedThing> things() {
        return things;
    }

    /** The URL a thing's feature is linked to, if the generation linked it. */
    public static Optional<String> definitionOf(final Thing thing, final String featureId) {
        return thing.getFeatures().flatMap(fs -> fs.getFeature(featureId)).flatMap(Feature::getDefinition)
                .map(d -> d.getFirstIdentifier().toString());
    }

}
