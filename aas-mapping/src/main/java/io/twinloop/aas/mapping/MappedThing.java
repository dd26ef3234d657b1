package io.twinloop.aas.mapping;

import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.environment.SupplementaryFile;

/**
 * A Ditto thing that holds AAS content, with the supplementary files stored beside it. The mapping produces the
 * thing as JSON in Ditto's shape, already checked against Ditto's rules; Ditto's {@link Thing} model is built from
 * it only when asked for, since an import that writes files or sends JSON to Ditto never needs it.
 */
public final class MappedThing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode json;
    private final String source;
    private final List<SupplementaryFile> files;
    private Thing thing;

    private MappedThing(final ObjectNode json, final Thing thing, final String source,
            final List<SupplementaryFile> files) {
        this.json = Objects.requireNonNull(json, "json");
        this.thing = thing;
        this.source = Objects.requireNonNull(source, "source");
        this.files = List.copyOf(files);
    }

    /**
     * @param thing the thing as Ditto holds it (read from a file, or retrieved from Ditto)
     * @param source where it came from, for messages
     * @param files the package files its File elements and thumbnail reference
     */
    public static MappedThing of(final Thing thing, final String source, final List<SupplementaryFile> files) {
        return new MappedThing(JsonBridge.toJacksonObject(thing.toJson()), thing, source, files);
    }

    /** From thing JSON the mapping built and checked; the tree is owned by the new object from here on. */
    static MappedThing ofCheckedJson(final ObjectNode json, final String source, final List<SupplementaryFile> files) {
        return new MappedThing(json, null, source, files);
    }

    /** Ditto's model of the thing (built on first use; Ditto validates it again then). */
    public synchronized Thing thing() {
        if (thing == null) {
            thing = ThingsModelFactory.newThing(JsonBridge.toDittoObject(json));
        }
        return thing;
    }

    public String thingId() {
        return json.path("thingId").asText();
    }

    /** The thing's name, the part of its id after the namespace. */
    public String name() {
        final String id = thingId();
        return id.substring(id.indexOf(':') + 1);
    }

    public String source() {
        return source;
    }

    public List<SupplementaryFile> files() {
        return files;
    }

    public int featureCount() {
        return json.path("features").size();
    }

    /** The thing's JSON, as sent to Ditto and written to files. */
    public String toJsonString() {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("thing JSON cannot be written: " + e.getMessage(), e);
        }
    }

    /** The size Ditto's thing size limit applies to: the thing's JSON in UTF-8. */
    public int jsonBytes() {
        try {
            return JSON.writeValueAsBytes(json).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("thing JSON cannot be written: " + e.getMessage(), e);
        }
    }

    /** The JSON tree itself, for this package's readers; not to be changed. */
    ObjectNode jsonTree() {
        return json;
    }

    @Override
    public String toString() {
        return thingId() + " from " + source;
    }
}
