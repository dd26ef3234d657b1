package io.twinloop.optimizer.projection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;

/**
 * Keeps a {@link TwinProjection} in step with the twin server over its WebSocket: subscribes to the scope's events
 * first, then reads every twin in scope (search, page by page), so nothing changed in between is missed; re-reads a
 * twin after a gap in its revisions, and all of them after the subscription was re-established. Tells
 * {@code changed} after each change; it must not block (the service conflates these signals).
 */
public final class ProjectionSync implements TwinFeed.Running {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionSync.class);

    private final TwinReads reads;
    private final TwinScope scope;
    private final TwinProjection projection;
    private final Runnable changed;
    private final AtomicLong rereads = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile TwinEvents events;

    private ProjectionSync(final DittoClient ditto, final TwinScope scope, final TwinProjection projection,
            final Runnable changed, final ScheduledExecutorService scheduler) {
        this.reads = new TwinReads(ditto, scope, scheduler);
        this.scope = scope;
        this.projection = projection;
        this.changed = changed;
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
        return reads.readScope(projection::replace).thenApply(read -> {
            changed.run();
            return read;
        });
    }

    private void reread(final ThingId thingId) {
        rereads.incrementAndGet();
        reads.reread(thingId, this::held, this::gone, id -> true);
    }

    private void held(final ThingId thingId, final JsonObject thing) {
        projection.replace(thingId, thing);
        changed.run();
    }

    private void gone(final ThingId thingId) {
        projection.remove(thingId);
        changed.run();
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
                    reads.later(this::onResubscribed);
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
    public String describe() {
        return "websocket scope=" + scope + " twins=" + projection.size() + " rereads=" + rereads.get()
                + " rebuilds=" + rebuilds.get();
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
    }
}
