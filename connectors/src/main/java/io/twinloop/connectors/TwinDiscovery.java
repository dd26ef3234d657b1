package io.twinloop.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.AssetInterfacesReader;
import io.twinloop.connectors.interfaces.InterfaceDescriptionException;
import io.twinloop.connectors.interfaces.InterfaceDescriptions;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.SearchQuery;
import io.twinloop.twin.client.SearchResult;
import io.twinloop.twin.client.TwinPath;

/**
 * Finds the twins a connector is to connect, in Ditto: named twins read one by one, namespaces through Ditto's
 * search; a twin counts when its AAS interface description (AID + AIMC) has what the connector needs (an OPC UA
 * interface, a Hono device). Reads only.
 */
public final class TwinDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(TwinDiscovery.class);
    /** What a twin's interface description is read from (its AAS shell metadata and submodel features). */
    private static final String THING_FIELDS = "thingId,attributes,features";
    private static final int SEARCH_PAGE = 50;

    /** How each read or search is made: at once, or repeated while the twin server is away. */
    public interface Calls {

        /** Each request once: a twin server that is away fails the discovery. */
        Calls ONCE = new Calls() {
            @Override
            public <T> CompletableFuture<T> call(final String what, final Supplier<CompletableFuture<T>> request) {
                return request.get();
            }
        };

        <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> request);
    }

    /**
     * @param accepted the named twins that exist and have what is needed, then the namespaces' (each once)
     * @param missing the named twins Ditto does not have (404, or not readable by the connector's user)
     */
    public record Found(List<ThingId> accepted, List<ThingId> missing) {

        public Found {
            accepted = List.copyOf(accepted);
            missing = List.copyOf(missing);
        }
    }

    private final DittoClient ditto;
    private final Predicate<InterfaceDescriptions> needed;
    private final String neededText;

    /**
     * @param needed what a twin's interface description must have
     * @param neededText the same in words, for the log ({@code "an OPC UA interface"})
     */
    public TwinDiscovery(final DittoClient ditto, final Predicate<InterfaceDescriptions> needed,
            final String neededText) {
        this.ditto = ditto;
        this.needed = needed;
        this.neededText = neededText;
    }

    /** The named twins, then the namespaces' twins, that have what is needed; others are logged at WARN. */
    public Found find(final List<ThingId> things, final List<String> namespaces, final Calls calls) {
        final List<ThingId> accepted = new ArrayList<>();
        final List<ThingId> missing = new ArrayList<>();
        for (final ThingId thingId : things) {
            final Optional<JsonObject> thing = calls.call("reading the twin " + thingId, () -> read(thingId)).join();
            if (thing.isEmpty()) {
                missing.add(thingId);
            } else if (describes(thing.get())) {
                accepted.add(thingId);
            } else {
                LOG.warn("the twin's AAS describes no {} (AID + AIMC), not connected: thing={}", neededText, thingId);
            }
        }
        for (final String namespace : namespaces) {
            SearchQuery query = SearchQuery.all().namespaces(namespace).fields(THING_FIELDS).size(SEARCH_PAGE)
                    .sort("+thingId");
            while (true) {
                final SearchQuery page = query;
                final SearchResult result = calls.call("searching namespace " + namespace, () -> ditto.search(page))
                        .join();
                for (final JsonObject item : result.items()) {
                    final ThingId thingId = ThingId.of(item.getValue("thingId").filter(JsonValue::isString)
                            .map(JsonValue::asString).orElseThrow(() -> new IllegalStateException(
                                    "Ditto's search answered an item without thingId in namespace " + namespace)));
                    if (!accepted.contains(thingId) && describes(item)) {
                        accepted.add(thingId);
                    }
                }
                if (result.cursor().isEmpty()) {
                    break;
                }
                query = query.cursor(result.cursor().get());
            }
        }
        return new Found(accepted, missing);
    }

    /** Whether the twin (as read with its attributes and features) has what is needed; unreadable ones are logged. */
    public boolean describes(final JsonObject thing) {
        final Thing parsed = ThingsModelFactory.newThing(thing);
        try {
            return needed.test(AssetInterfacesReader.read(parsed));
        } catch (final InterfaceDescriptionException e) {
            LOG.warn("the twin's AAS interface description cannot be read, not connected: thing={} error=\"{}\"",
                    parsed.getEntityId().map(Object::toString).orElse("?"), e.getMessage());
            return false;
        }
    }

    /** The twin with its attributes and features; empty when Ditto answers 404. */
    public CompletableFuture<Optional<JsonObject>> read(final ThingId thingId) {
        return ditto.retrieve(TwinPath.thing(thingId), RequestOptions.none().fields(THING_FIELDS))
                .thenApply(response -> response.body().filter(JsonValue::isObject).map(JsonValue::asObject))
                .exceptionallyCompose(failure -> notFound(failure)
                        ? CompletableFuture.completedFuture(Optional.empty())
                        : CompletableFuture.failedFuture(failure));
    }

    private static boolean notFound(final Throwable failure) {
        return failure instanceof NotFoundException
                || failure instanceof CompletionException && failure.getCause() instanceof NotFoundException;
    }
}
