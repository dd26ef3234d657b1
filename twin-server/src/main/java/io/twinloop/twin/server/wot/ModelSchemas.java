package io.twinloop.twin.server.wot;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.wot.model.Property;
import org.eclipse.ditto.wot.model.ThingModel;
import org.eclipse.ditto.wot.model.TmOptionalElement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.output.OutputUnit;

/**
 * One fetched Thing Model and the JSON Schemas of its properties, compiled once, as Ditto's {@code JsonSchemaTools}
 * makes them: the property's data schema read as JSON Schema draft 7, with the WoT terms that are not validation
 * keywords ({@code @type}, {@code unit}, {@code ditto:category}) ignored; and a second one without {@code required}
 * (recursively) for values that are only part of an object (merges, desired values).
 */
final class ModelSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROPERTIES_PREFIX = "/properties/";
    private static final JsonSchemaFactory FACTORY = factory();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).build();

    private final String url;
    private final ThingModel model;
    private final Set<String> required;
    private final ConcurrentHashMap<String, JsonSchema> complete = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, JsonSchema> partial = new ConcurrentHashMap<>();

    ModelSchemas(final String url, final ThingModel model) {
        this.url = url;
        this.model = model;
        final Set<String> names = new LinkedHashSet<>(propertyNames());
        model.getTmOptional().ifPresent(optional -> optional.stream().map(TmOptionalElement::toString)
                .filter(p -> p.startsWith(PROPERTIES_PREFIX))
                .forEach(p -> names.remove(p.substring(PROPERTIES_PREFIX.length()))));
        this.required = Set.copyOf(names);
    }

    String url() {
        return url;
    }

    Set<String> propertyNames() {
        return model.getProperties().map(p -> (Set<String>) new LinkedHashSet<>(p.keySet())).orElseGet(Set::of);
    }

    /** Properties not listed in {@code tm:optional}: a whole properties object must have them (not desired ones). */
    Set<String> requiredNames() {
        return required;
    }

    /**
     * The model's {@code tm:submodel} links: feature id ({@code instanceName}) to the absolute URL of the feature's
     * model (a relative {@code href} is resolved against this model's URL, as Ditto's resolver does).
     */
    Map<String, String> submodels() {
        final Map<String, String> result = new LinkedHashMap<>();
        model.getLinks().ifPresent(links -> links.forEach(link -> {
            final JsonObject json = link.toJson();
            if (json.getValue("rel").filter(JsonValue::isString).map(r -> "tm:submodel".equals(r.asString()))
                    .orElse(false)) {
                final String href = json.getValue("href").filter(JsonValue::isString).map(JsonValue::asString)
                        .orElse("");
                final String name = json.getValue("instanceName").filter(JsonValue::isString)
                        .map(JsonValue::asString).orElse(null);
                if (name != null && !href.isEmpty()) {
                    result.put(name, URI.create(url).resolve(href).toString());
                }
            }
        }));
        return result;
    }

    /** Whether the model describes properties at all (Ditto skips a model without). */
    boolean hasProperties() {
        return model.getProperties().isPresent();
    }

    /**
     * The validation errors of {@code value} for property {@code name} (Ditto's detail strings,
     * {@code "<instance location>: {keyword=message}"}); empty if it is valid or the model has no such property.
     *
     * @param whole whether {@code value} is the property's whole value (object members it requires must be there)
     */
    List<String> errors(final String name, final JsonValue value, final boolean whole) {
        final Optional<Property> property = model.getProperties().flatMap(p -> p.getProperty(name));
        if (property.isEmpty()) {
            return List.of();
        }
        final JsonSchema schema = (whole ? complete : partial).computeIfAbsent(name, n -> compile(property.get(), whole));
        final OutputUnit output = schema.validate(toJackson(value), OutputFormat.LIST);
        if (output.isValid()) {
            return List.of();
        }
        final List<String> errors = new ArrayList<>();
        if (output.getDetails() != null) {
            output.getDetails().forEach(detail -> errors.add(detail.getInstanceLocation() + ": " + detail.getErrors()));
        }
        if (errors.isEmpty()) {
            errors.add(": invalid");
        }
        return errors;
    }

    private static JsonSchema compile(final Property property, final boolean whole) {
        JsonNode schema = toJackson(property.toJson());
        if (!whole) {
            schema = withoutRequired(schema.deepCopy());
        }
        return FACTORY.getSchema(schema, CONFIG);
    }

    private static JsonNode withoutRequired(final JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            object.remove("required");
            object.elements().forEachRemaining(ModelSchemas::withoutRequired);
        } else if (schema instanceof ArrayNode array) {
            array.forEach(ModelSchemas::withoutRequired);
        }
        return schema;
    }

    private static JsonNode toJackson(final JsonValue value) {
        try {
            return JSON.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ditto JSON that Jackson cannot read: " + e.getMessage(), e);
        }
    }


    private static JsonSchemaFactory factory() {
        final JsonMetaSchema.Builder meta = JsonMetaSchema.builder(SchemaId.V7, JsonMetaSchema.getV7());
        for (final String term : List.of("@type", "unit", "ditto:category", "observable", "tm:ref")) {
            meta.keyword(new NonValidationKeyword(term));
        }
        final JsonMetaSchema metaSchema = meta.build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder.metaSchema(metaSchema));
    }
}
