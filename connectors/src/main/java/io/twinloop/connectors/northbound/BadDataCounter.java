package io.twinloop.connectors.northbound;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts values that were not written into the twin, by kind, and logs each kind once per device and data point
 * (a sensor sending NaN every 100 ms must not flood the log; the count keeps the rate visible).
 */
public final class BadDataCounter {

    private static final Logger LOG = LoggerFactory.getLogger(BadDataCounter.class);

    private final Map<BadDataKind, AtomicLong> counts = new EnumMap<>(BadDataKind.class);
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public BadDataCounter() {
        for (final BadDataKind kind : BadDataKind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    /**
     * @param device the twin (thing id) the value was for
     * @param dataPoint the AID property and its node
     */
    public void count(final BadDataKind kind, final String device, final String dataPoint, final String detail) {
        counts.get(kind).incrementAndGet();
        if (logged.add(kind + "|" + device + "|" + dataPoint)) {
            LOG.warn("bad data not written to the twin (logged once per kind, device and data point; counted after): "
                    + "kind={} device={} dataPoint={} detail=\"{}\"", kind, device, dataPoint, detail);
        }
    }

    public long count(final BadDataKind kind) {
        return counts.get(kind).get();
    }

    public Map<BadDataKind, Long> counts() {
        final Map<BadDataKind, Long> copy = new EnumMap<>(BadDataKind.class);
        counts.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }
}
