package io.twinloop.plant.opcua;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeObserver;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the monitored items of the plant's variables when their value changes, instead of Milo's
 * {@code SubscriptionModel}, which reads every item of every session through the address space at its sampling
 * interval whether its node changed or not (with a 10 ms interval and hundreds of items, most of the OPC UA
 * server's work; with interval 0 it would read without pause).
 *
 * <p>The plant knows when its values change (each snapshot sets its variables), so the variables tell this class
 * ({@link AttributeObserver} on each variable node, Milo's hook for attribute changes) and each item of the node is
 * sampled right away, with the OPC UA semantics kept:
 * <ul>
 *   <li>an item is never sampled more often than its (revised) sampling interval: a change that comes sooner is
 *       sampled when the interval has passed, with the latest value by then (nothing newer is skipped, values in
 *       between are, as sampling does);</li>
 *   <li>sampling interval 0 reports every change as it happens (OPC UA's exception-based monitoring; the variables'
 *       MinimumSamplingInterval is 0);</li>
 *   <li>the data change filter (trigger, deadband), the queue size and discard policy stay Milo's
 *       ({@code MonitoredDataItem.setValue}), as do the timestamps to return;</li>
 *   <li>a new item, and an item whose monitoring mode is switched back on, reports the current value at once.</li>
 * </ul>
 *
 * <p>Items this class does not sample (another attribute than Value, an index range or a data encoding) are left to
 * Milo's polling, which handles every case.
 *
 * <p>Threads: {@link #changed} runs on the thread that sets the value (the plant's), inside the node's lock; a
 * delayed sample runs on the server's scheduler. Locks are taken node → item state → Milo item only.
 */
final class ChangeDrivenSampling {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeDrivenSampling.class);

    private final ScheduledExecutorService scheduler;
    /** The sampled items per node. */
    private final Map<NodeId, List<Sampled>> byNode = new ConcurrentHashMap<>();
    /** The sampled items by Milo's item, to find them on modification and deletion. */
    private final Map<DataItem, Sampled> byItem = new ConcurrentHashMap<>();
    private final AttributeObserver observer = this::changed;
    private volatile boolean running = true;

    ChangeDrivenSampling(final OpcUaServer server) {
        this.scheduler = server.getScheduledExecutorService();
    }

    /** Whether this class samples {@code item}: the Value attribute, whole, in its own encoding. */
    static boolean handles(final DataItem item) {
        final ReadValueId read = item.getReadValueId();
        return AttributeId.Value.isEqual(read.getAttributeId())
                && (read.getIndexRange() == null || read.getIndexRange().isEmpty())
                && (read.getDataEncoding() == null || read.getDataEncoding().isNull());
    }

    /** Makes {@code node}'s value changes reach the items monitoring it. */
    void observe(final UaVariableNode node) {
        node.addAttributeObserver(observer);
    }

    /** New items: each reports the node's current value first. */
    void created(final List<DataItem> items, final Map<NodeId, UaVariableNode> nodes) {
        for (final DataItem item : items) {
            final NodeId nodeId = item.getReadValueId().getNodeId();
            final UaVariableNode node = nodes.get(nodeId);
            if (node == null) {
                continue; // not a variable of this namespace: Milo refused the item already
            }
            final Sampled sampled = new Sampled(item);
            byItem.put(item, sampled);
            byNode.computeIfAbsent(nodeId, id -> new CopyOnWriteArrayList<>()).add(sampled);
            // registered before reading, so a change in between is not missed (the later value wins)
            sampled.first(node.getValue());
        }
    }

    /** A changed sampling interval applies from the next change on; nothing else is kept per item. */
    void modified(final List<DataItem> items) {
        LOG.debug("monitored items modified: {}", items.size());
    }

    void deleted(final List<DataItem> items) {
        for (final DataItem item : items) {
            final Sampled sampled = byItem.remove(item);
            if (sampled != null) {
                sampled.cancel();
                final List<Sampled> ofNode = byNode.get(item.getReadValueId().getNodeId());
                if (ofNode != null) {
                    ofNode.remove(sampled);
                }
            }
        }
    }

    /** An item switched (back) to sampling reports the current value, as a new one would. */
    void monitoringModeChanged(final List<MonitoredItem> items) {
        for (final MonitoredItem item : items) {
            final Sampled sampled = item instanceof DataItem dataItem ? byItem.get(dataItem) : null;
            if (sampled != null) {
                sampled.resample();
            }
        }
    }

    void shutdown() {
        running = false;
        byItem.values().forEach(Sampled::cancel);
        byItem.clear();
        byNode.clear();
    }

    private void changed(final UaNode node, final AttributeId attribute, final Object value) {
        if (attribute != AttributeId.Value || !(value instanceof DataValue dataValue)) {
            return;
        }
        final List<Sampled> items = byNode.get(node.getNodeId());
        if (items != null) {
            for (final Sampled sampled : items) {
                sampled.changed(dataValue);
            }
        }
    }

    /** One monitored item: its latest value and when it was last sampled. */
    private final class Sampled {

        private final DataItem item;
        private DataValue latest;
        private long lastSampleNanos;
        private boolean sampledOnce;
        private boolean pending;
        private boolean cancelled;

        Sampled(final DataItem item) {
            this.item = item;
        }

        synchronized void first(final DataValue current) {
            if (latest == null) {
                latest = current;
            }
            deliver(System.nanoTime());
        }

        synchronized void changed(final DataValue value) {
            latest = value;
            if (pending || cancelled) {
                return; // the sample already scheduled takes the latest value
            }
            final long now = System.nanoTime();
            final long interval = intervalNanos();
            final long due = lastSampleNanos + interval;
            if (!sampledOnce || interval <= 0 || now - due >= 0) {
                deliver(now);
                return;
            }
            pending = true;
            try {
                scheduler.schedule(this::sampleDue, due - now, TimeUnit.NANOSECONDS);
            } catch (final RejectedExecutionException e) {
                pending = false; // the server is stopping
            }
        }

        synchronized void resample() {
            deliver(System.nanoTime());
        }

        private synchronized void sampleDue() {
            pending = false;
            deliver(System.nanoTime());
        }

        synchronized void cancel() {
            cancelled = true;
        }

        private long intervalNanos() {
            return (long) (item.getSamplingInterval() * 1_000_000.0);
        }

        /** Milo's item applies its filter and queue; the timestamps are those the client asked for. */
        private void deliver(final long now) {
            if (cancelled || !running || latest == null || !item.isSamplingEnabled()) {
                return;
            }
            lastSampleNanos = now;
            sampledOnce = true;
            item.setValue(item.getTimestampsToReturn() == null ? latest
                    : DataValue.derivedValue(latest, item.getTimestampsToReturn()));
        }
    }
}
