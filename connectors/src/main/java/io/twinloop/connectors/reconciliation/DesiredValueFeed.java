package io.twinloop.connectors.reconciliation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.retry.Backoff;
import io.twinloop.twin.client.TwinEventListener;

/**
 * Feeds a connector's {@link Reconciler} from the twins' events: the desired values each event carries for the
 * connected twins' device targets, and after events were lost (a revision gap, a re-established subscription) the
 * twin read again and whatever changed meanwhile. A failed re-read is tried again with the backoff: giving up would
 * leave desired values set meanwhile unreconciled until the next gap. Shared by the OPC UA and Hono connectors.
 *
 * @param <T> the connector's device target
 */
public final class DesiredValueFeed<T extends DeviceTarget> implements TwinEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredValueFeed.class);

    private final Reconciler reconciler;
    private final Function<ThingId, JsonObject> read;
    private final ScheduledExecutorService executor;
    private final Backoff retry;
    private final Map<ThingId, List<T>> connected = new ConcurrentHashMap<>();
    private final LongAdder eventsReceived = new LongAdder();

    /** @param read reads a twin (with its revision), blocking; throws when the twin does not answer */
    public DesiredValueFeed(final Reconciler reconciler, final Function<ThingId, JsonObject> read,
            final ScheduledExecutorService executor, final Backoff retry) {
        this.reconciler = reconciler;
        this.read = read;
        this.executor = executor;
        this.retry = retry;
    }

    /** From now on the twin's desired values go to these targets; reconciles what the twin (as read) asks now. */
    public void connect(final ThingId thingId, final JsonObject thing, final List<T> targets) {
        connected.put(thingId, List.copyOf(targets));
        reconciler.catchUp(thing, revision(thing), targets);
    }

    public Map<ThingId, List<T>> connected() {
        return Map.copyOf(connected);
    }

    public static long revision(final JsonObject thing) {
        return thing.getValue(Thing.JsonFields.REVISION).orElse(0L);
    }

    /** Twin events received since start (all of the subscription's, before looking for desired values). */
    public long eventsReceived() {
        return eventsReceived.sum();
    }

    /**
     * The listener to subscribe with: this feed, or for a filtered subscription a view that takes revision jumps
     * for what they are there (left-out events, not lost ones); a re-subscription still makes it read the twins.
     */
    public TwinEventListener listenerFor(final DesiredValueSubscription subscription) {
        if (!subscription.filtered()) {
            return this;
        }
        final DesiredValueFeed<T> feed = this;
        return new TwinEventListener() {
            @Override
            public void onEvent(final ThingEvent<?> event) {
                feed.onEvent(event);
            }

            @Override
            public void onResubscribed() {
                feed.onResubscribed();
            }
        };
    }

    @Override
    public void onEvent(final ThingEvent<?> event) {
        eventsReceived.increment();
        final List<T> targets = connected.get(event.getEntityId());
        if (targets != null) {
            DesiredValues.in(event, targets).forEach(reconciler::offer);
        }
    }

    @Override
    public void onRevisionGap(final ThingId thingId, final long lastSeenRevision, final long receivedRevision) {
        catchUp(thingId, 0);
    }

    @Override
    public void onResubscribed() {
        connected.keySet().forEach(thingId -> catchUp(thingId, 0));
    }

    private void catchUp(final ThingId thingId, final int failedAttempts) {
        final List<T> targets = connected.get(thingId);
        if (targets == null || executor.isShutdown()) {
            return;
        }
        final Runnable reread = () -> {
            try {
                final JsonObject thing = read.apply(thingId);
                reconciler.catchUp(thing, revision(thing), targets);
            } catch (final RuntimeException e) {
                LOG.warn("re-reading the twin after an event gap failed, trying again: thing={} failedAttempts={} "
                        + "retryIn={} error=\"{}\"", thingId, failedAttempts + 1, retry.after(failedAttempts + 1),
                        e.toString());
                catchUp(thingId, failedAttempts + 1);
            }
        };
        try {
            executor.schedule(reread, failedAttempts == 0 ? 0 : retry.after(failedAttempts).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException e) {
            LOG.debug("connector stopping, twin not re-read: thing={}", thingId);
        }
    }
}
