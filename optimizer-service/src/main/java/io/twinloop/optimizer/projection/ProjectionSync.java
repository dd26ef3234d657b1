package io.twinloop.optimizer.projection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.SearchQuery;
import io.twinloop.twin.client.SearchResult;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;

/**
 * Keeps a {@link TwinProjection} in step with the twin server: subscribes to the scope's events first, then reads
 * every twin in scope (search, page by page), so nothing changed in between is missed; re-reads a twin after a gap
 * in its revisions, and all of them after the subscription was re-established. Tells {@code changed} after each
 * change; it must not block (the service conflates these signals).
 */
public final class ProjectionSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionSync.class);
    private static final int PAGE = 200;
    /** What the projection needs: the AAS metadata in the attributes is large and not used. */
    private static final String FIELDS = "thingId,_revision,features";
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final DittoClient ditto;
    private final TwinScope scope;
    private final TwinProjection projection;
    private final Runnable changed;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong rereads = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile TwinEvents events;

    private ProjectionSync(final DittoClient ditto, final TwinScope scope, final TwinProjection projection,
            final Runnable changed, final ScheduledExecutorService scheduler) {
        this.ditto = ditto;
        this.scope = scope;
        this.projection = projection;
        this.changed = changed;
        this.scheduler = scheduler;
    }

    /** Completes when subscribed and every twin in scope is read once. */
    public static CompletableFuture<ProjectionSync> start(final DittoClient ditto, final TwinScope scope,
            final TwinProjection projection, final Runnable changed, final ScheduledExecutorService scheduler) {
        final ProjectionSync sync = new ProjectionSync(ditto, scope, projection, changed, scheduler);
        EventSubscription subscription = EventSubscription.all().namespaces(scope.namespaces().toArray(String[]::new));
        if (scope.filter().isPresent()) {
            subscription = subscription.filter(scope.filter().get());
        }
        return ditto.subscribe(subscription, sync.new Listener())
                .thenCompose(subscribed -> {
                    sync.events = subscribed;
                    return sync.rebuild();
                })
                .thenApply(read -> {
                    LOG.info("twin projection built: scope={} twins={}", scope, read);
                    return sync;
                });
    }

    /** Reads every twin in scope again; completes with how many. */
    private CompletableFuture<Integer> rebuild() {
        rebuilds.incrementAndGet();
        return readPage(SearchQuery.all().namespaces(scope.namespaces().toArray(String[]::new)), 0);
    }

    private CompletableFuture<Integer> readPage(final SearchQuery base, final int readSoFar) {
        SearchQuery query = base.size(PAGE).fields(FIELDS);
        if (scope.filter().isPresent()) {
            query = query.filter(scope.filter().get());
        }
        return ditto.search(query).thenCompose(page -> {
            hold(page);
            final int read = readSoFar + page.items().size();
            return page.cursor().map(next -> readPage(base.cursor(next), read))
                    .orElse(CompletableFuture.completedFuture(read));
        });
    }

    private void hold(final SearchResult page) {
        for (final JsonObject thing : page.items()) {
            thing.getValue("thingId").filter(JsonValue::isString).map(v -> ThingId.of(v.asString()))
                    .ifPresent(id -> projection.replace(id, thing));
        }
        changed.run();
    }

    private void reread(final ThingId thingId) {
        rereads.incrementAndGet();
        final RequestOptions options = RequestOptions.none().fields(FIELDS);
        ditto.retrieve(TwinPath.thing(thingId), options).whenComplete((response, failure) -> {
            if (failure == null) {
                response.body().filter(JsonValue::isObject)
                        .ifPresent(thing -> projection.replace(thingId, thing.asObject()));
                changed.run();
            } else if (failure.getCause() instanceof NotFoundException) {
                projection.remove(thingId);
                changed.run();
            } else {
                LOG.warn("re-reading a twin after an event gap failed, retrying: thing={} retryIn={} error=\"{}\"",
                        thingId, RETRY, failure.toString());
                later(() -> reread(thingId));
            }
        });
    }

    private void later(final Runnable task) {
        try {
            scheduler.schedule(task, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException e) {
            LOG.debug("optimizer stopping, twin not re-read");
        }
    }

    private final class Listener implements TwinEventListener {

        @Override
        public void onEvent(final ThingEvent<?> event) {
            switch (projection.apply(event)) {
                case APPLIED -> changed.run();
                case GAP -> reread(event.getEntityId());
                case STALE -> {
                    // a replay of what is held
                }
            }
        }

        @Override
        public void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
            reread(thingId);
        }

        @Override
        public void onResubscribed() {
            rebuild().whenComplete((read, failure) -> {
                if (failure != null) {
                    LOG.warn("rebuilding the twin projection after a reconnect failed, retrying: error=\"{}\"",
                            failure.toString());
                    later(this::onResubscribed);
                } else {
                    LOG.info("twin projection rebuilt after a reconnect: twins={}", read);
                }
            });
        }
    }

    /** Twins read again after a gap in their events. */
    public long rereads() {
        return rereads.get();
    }

    /** Full reads of the scope (1 at start, one more per re-established subscription). */
    public long rebuilds() {
        return rebuilds.get();
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
    }
}
