package io.twinloop.connectors.northbound;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.Mapping;

/**
 * Keeps a data point's values in the order the server sampled them. Milo's client (1.1.2) hands publish responses
 * that complete on different threads to its processing queue in the order they completed, not by sequence number:
 * under load a notification can arrive after a newer one of the same subscription (Milo then logs
 * {@code Republish service failure ... Bad_MessageNotAvailable} for the "gap" and still delivers the older
 * notification). Taken as it comes, the older value would overwrite the newer one in the twin, and stay there until
 * the point changes again. So a value whose timestamps are both older than those of the last value taken for its
 * data point is left out and counted: the twin already has something newer.
 *
 * <p>Both timestamps must be older, so that one clock set back (a device's source clock, or the server's) does not
 * hold a point's values back; values without timestamps are always taken.
 */
final class SampleOrder {

    private static final Logger LOG = LoggerFactory.getLogger(SampleOrder.class);

    /** The timestamps of the last value taken per twin and data point: {source, server} in 100 ns ticks, 0 = none. */
    private final Map<ThingId, Map<Mapping, long[]>> last = new ConcurrentHashMap<>();
    // by identity: a twin's mappings are read once, and a record's hash would walk its whole description per value
    private final AtomicLong outOfOrder = new AtomicLong();

    /** Whether {@code value} is not older than the last one taken for this data point; if so it becomes the last. */
    boolean take(final ThingId thingId, final Mapping mapping, final DataValue value) {
        final long source = ticks(value.getSourceTime());
        final long server = ticks(value.getServerTime());
        if (source == 0 && server == 0) {
            return true;
        }
        final Map<Mapping, long[]> points = last.computeIfAbsent(thingId,
                id -> Collections.synchronizedMap(new IdentityHashMap<>()));
        // a data point's values come from one subscription, one after the other: no race on its entry
        final long[] previous = points.get(mapping);
        if (previous != null && olderOrAbsent(source, previous[0]) && olderOrAbsent(server, previous[1])
                && (source != 0 && previous[0] != 0 || server != 0 && previous[1] != 0)) {
            if (outOfOrder.getAndIncrement() == 0) {
                LOG.info("OPC UA value older than one already taken, left out (the client delivered notifications "
                        + "out of order; counted in valuesOutOfOrder, this is logged once): thing={} dataPoint={}",
                        thingId, DeviceValues.dataPoint(mapping));
            }
            return false;
        }
        points.put(mapping, new long[] {source, server});
        return true;
    }

    private static boolean olderOrAbsent(final long ticks, final long previous) {
        return ticks == 0 || previous == 0 || ticks < previous;
    }

    private static long ticks(final DateTime time) {
        return time == null || time.isNull() ? 0 : time.getUtcTime();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }
}
