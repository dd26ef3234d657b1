package io.twinloop.connectors.northbound;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * Collects property values per twin for a short window and sends them as one merge patch on the twin's
 * {@code features} (one write, one event, one revision for many values). Merging below the thing root means a
 * deleted thing is not silently re-created by the connector (Ditto answers 404 instead). A value that changes
 * twice within the window is sent once, with its latest value.
 */
public final class TwinUpdateBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(TwinUpdateBatcher.class);

    private final DittoClient ditto;
    private final ScheduledExecutorService scheduler;
    private final Duration window;
    private final Map<ThingId, JsonObject> pending = new ConcurrentHashMap<>();
    private final AtomicLong valuesSent = new AtomicLong();
    private final AtomicLong mergesSent = new AtomicLong();
    private final AtomicLong mergesFailed = new AtomicLong();

    public TwinUpdateBatcher(final DittoClient ditto, final ScheduledExecutorService scheduler,
            final Duration window) {
        this.ditto = ditto;
        this.scheduler = scheduler;
        this.window = window;
    }

    /** Queues {@code value} for {@code features/<featureId>/properties/<property>}. */
    public void add(final ThingId thingId, final String featureId, final JsonPointer property, final JsonValue value) {
        final JsonPointer place = JsonPointer.of(featureId).append(JsonPointer.of("properties")).append(property);
        final boolean[] first = {false};
        pending.compute(thingId, (id, patch) -> {
            first[0] = patch == null;
            return (patch == null ? JsonFactory.newObject() : patch).setValue(place, value);
        });
        if (first[0]) {
            scheduler.schedule(() -> flush(thingId), window.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void flush(final ThingId thingId) {
        final JsonObject patch = pending.remove(thingId);
        if (patch == null) {
            return;
        }
        final int values = countLeaves(patch);
        ditto.merge(TwinPath.thing(thingId).features(), patch, RequestOptions.none())
                .whenComplete((response, failure) -> {
                    if (failure == null) {
                        mergesSent.incrementAndGet();
                        valuesSent.addAndGet(values);
                        LOG.debug("merged into twin: thing={} values={}", thingId, values);
                    } else {
                        mergesFailed.incrementAndGet();
                        LOG.warn("merge into twin failed, values dropped: thing={} values={} error=\"{}\"", thingId,
                                values, failure.getCause() == null ? failure : failure.getCause());
                    }
                });
    }

    private static int countLeaves(final JsonValue value) {
        if (!value.isObject()) {
            return 1;
        }
        int count = 0;
        for (final var field : value.asObject()) {
            count += countLeaves(field.getValue());
        }
        return count;
    }

    public long valuesSent() {
        return valuesSent.get();
    }

    public long mergesSent() {
        return mergesSent.get();
    }

    public long mergesFailed() {
        return mergesFailed.get();
    }
}
