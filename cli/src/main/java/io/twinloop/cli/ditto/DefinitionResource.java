package io.twinloop.cli.ditto;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Feature;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.twin.client.TwinResponse;

/**
 * A thing's links to its WoT Thing Models: the thing's {@code definition} and each submodel feature's
 * {@code definition}, as {@link io.twinloop.aas.thingmodel.ThingModels} generated them. Compared with what Ditto
 * holds; only the definitions that differ are written, in one merge on the revision read ({@code If-Match}), so a
 * concurrent change is refused (412) and nothing is half-linked. Only features Ditto holds are linked (a feature the
 * AAS has and Ditto not yet is the import's to create, linked); a thing Ditto does not hold is skipped
 * ({@code aas import --models-base-url} links it when it creates it).
 */
public final class DefinitionResource implements DittoResource {

    private final DittoClient client;
    private final Thing wanted;
    private final ThingId thingId;

    /** @param wanted the thing as the generation linked it (its definition and its features' definitions) */
    public DefinitionResource(final DittoClient client, final Thing wanted) {
        this.client = client;
        this.wanted = wanted;
        this.thingId = wanted.getEntityId().orElseThrow(() -> new IllegalArgumentException("thing without id"));
    }

    @Override
    public String kind() {
        return "definition";
    }

    @Override
    public String id() {
        return thingId.toString();
    }

    @Override
    public Plan plan() {
        final Optional<TwinResponse> current = read();
        if (current.isEmpty()) {
            return plan(Change.SKIP, JsonObject.empty(), RequestOptions.none());
        }
        final JsonObject held = current.get().body().filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElseThrow(() -> new ProvisionException("reading thing " + thingId + ": Ditto answered no thing "
                        + "JSON"));
        final JsonObject patch = patch(held);
        if (patch.isEmpty()) {
            return plan(Change.NONE, patch, RequestOptions.none());
        }
        final OptionalLong revision = current.get().revision();
        final RequestOptions options = revision.isPresent()
                ? RequestOptions.none().ifMatchRevision(revision.getAsLong()) : RequestOptions.none().ifMatchAny();
        return plan(linkedNothing(held) ? Change.CREATE : Change.UPDATE, patch, options);
    }

    /** The merge patch that makes the held thing's definitions the wanted ones (empty when they are). */
    JsonObject patch(final JsonObject held) {
        final JsonObjectBuilder patch = JsonObject.newBuilder();
        wanted.getDefinition().ifPresent(definition -> {
            final Optional<String> heldDefinition = held.getValue("definition").filter(JsonValue::isString)
                    .map(JsonValue::asString);
            if (!heldDefinition.equals(Optional.of(definition.toString()))) {
                patch.set("definition", definition.toString());
            }
        });
        final JsonObject heldFeatures = held.getValue("features").filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElse(JsonObject.empty());
        wanted.getFeatures().ifPresent(features -> features.forEach(feature -> {
            final Optional<JsonValue> definition = feature.getDefinition().map(d -> (JsonValue) d.toJson());
            final Optional<JsonObject> heldFeature = heldFeatures.getValue(feature.getId())
                    .filter(JsonValue::isObject).map(JsonValue::asObject);
            if (definition.isPresent() && heldFeature.isPresent()
                    && !heldFeature.get().getValue("definition").equals(definition)) {
                patch.set(JsonPointer.of("features/" + feature.getId() + "/definition"), definition.get());
            }
        }));
        return patch.build();
    }

    private boolean linkedNothing(final JsonObject held) {
        final JsonObject heldFeatures = held.getValue("features").filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElse(JsonObject.empty());
        final boolean anyFeature = wanted.getFeatures().stream().flatMap(fs -> fs.stream())
                .map(Feature::getId).anyMatch(id -> heldFeatures.getValue(JsonPointer.of(id + "/definition"))
                        .isPresent());
        return held.getValue("definition").isEmpty() && !anyFeature;
    }

    private Plan plan(final Change change, final JsonObject patch, final RequestOptions options) {
        return new Plan() {
            @Override
            public Change change() {
                return change;
            }

            @Override
            public void apply() {
                if (patch.isEmpty()) {
                    return;
                }
                try {
                    client.merge(TwinPath.thing(thingId), patch, options).join();
                } catch (CompletionException e) {
                    throw ProvisionException.of("linking thing " + thingId + " to its Thing Models", e);
                }
            }
        };
    }

    private Optional<TwinResponse> read() {
        try {
            return Optional.of(client.retrieve(TwinPath.thing(thingId),
                    RequestOptions.none().fields("thingId,definition,features,_revision")).join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw ProvisionException.of("reading thing " + thingId, e);
        }
    }

}
