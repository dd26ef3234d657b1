package io.twinloop.optimizer.projection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.SearchQuery;
import io.twinloop.twin.client.TwinPath;

/**
 * How a feed reads twins from Ditto for the projection: every twin in scope (search, page by page), or one twin
 * again (after a gap in its events), with only the fields the projection needs. Shared by the WebSocket and the
 * consumer-group feeds, so both hold the same picture of a twin.
 */
public final class TwinReads {

    private static final Logger LOG = LoggerFactory.getLogger(TwinReads.class);
    private static final int PAGE = 200;
    /** What the projection needs: the AAS metadata in the attributes is large and not used. */
    public static final String FIELDS = "thingId,_revision,features";
    public static final Duration RETRY = Duration.ofSeconds(1);

    private final DittoClient ditto;
    private final TwinScope scope;
    private final ScheduledExecutorService scheduler;

    public TwinReads(final DittoClient ditto, final TwinScope scope, final ScheduledExecutorService scheduler) {
        this.ditto = ditto;
        this.scope = scope;
        this.scheduler = scheduler;
    }

    /** Reads every twin in scope; {@code each} gets every one; completes with how many were read. */
    public CompletableFuture<Integer> readScope(final BiConsumer<ThingId, JsonObject> each) {
        return readPage(SearchQuery.all().namespaces(scope.namespaces().toArray(String[]::new)), 0, each);
    }

    private CompletableFuture<Integer> readPage(final SearchQuery base, final int readSoFar,
            final BiConsumer<ThingId, JsonObject> each) {
        SearchQuery query = base.size(PAGE).fields(FIELDS);
        if (scope.filter().isPresent()) {
            query = query.filter(scope.filter().get());
        }
        return ditto.search(query).thenCompose(page -> {
            for (final JsonObject thing : page.items()) {
                thing.getValue("thingId").filter(JsonValue::isString).map(v -> ThingId.of(v.asString()))
                        .ifPresent(id -> each.accept(id, thing));
            }
            final int read = readSoFar + page.items().size();
            return page.cursor().map(next -> readPage(base.cursor(next), read, each))
                    .orElse(CompletableFuture.completedFuture(read));
        });
    }

    /**
     * Reads one twin again: {@code found} with it, or {@code gone} when Ditto no longer has it (or this user may not
     * see it); any other failure is retried after {@link #RETRY} until {@code stillWanted} says no.
     */
    public void reread(final ThingId thingId, final BiConsumer<ThingId, JsonObject> found,
            final Consumer<ThingId> gone, final java.util.function.Predicate<ThingId> stillWanted) {
        ditto.retrieve(TwinPath.thing(thingId), RequestOptions.none().fields(FIELDS))
                .whenComplete((response, failure) -> {
                    if (failure == null) {
                        response.body().filter(JsonValue::isObject)
                                .ifPresent(thing -> found.accept(thingId, thing.asObject()));
                    } else if (failure.getCause() instanceof NotFoundException) {
                        gone.accept(thingId);
                    } else if (stillWanted.test(thingId)) {
                        LOG.warn("re-reading a twin after an event gap failed, retrying: thing={} retryIn={} "
                                + "error=\"{}\"", thingId, RETRY, failure.toString());
                        later(() -> reread(thingId, found, gone, stillWanted));
                    }
                });
    }

    /** Runs a task after {@link #RETRY}, unless the service is stopping. */
    public void later(final Runnable task) {
        try {
            scheduler.schedule(task, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException e) {
            LOG.debug("optimizer stopping, retry dropped");
        }
    }
}
