package io.twinloop.connectors.opcua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.OpcUaInterface;
import io.twinloop.connectors.northbound.DeviceValues;
import io.twinloop.connectors.retry.Backoff;

/**
 * One OPC UA subscription per twin interface, one monitored item per mapped node: the server reports changes,
 * nothing is polled. Nodes that do not resolve or that the server refuses to monitor are reported as unknown and
 * left out; the others run.
 *
 * <p>Milo reconnects a lost session by itself and tries to transfer the subscription into the new session. A
 * server that was restarted has forgotten the subscription, so the transfer fails: the subscription is then created
 * again with the same monitored items, retried with backoff while the server refuses. Each new monitored item
 * reports its current value first, so the twin catches up with whatever changed while the server was away.
 */
public final class PointSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PointSubscription.class);

    /** Reports a new source timestamp as a change, also when the value is unchanged. */
    private static final DataChangeFilter SAME_VALUE_NEW_SAMPLE = new DataChangeFilter(
            DataChangeTrigger.StatusValueTimestamp, Unsigned.uint(DeadbandType.None.getValue()), 0.0);

    private final OpcUaClient client;
    private final OpcUaInterface iface;
    private final Settings settings;
    private final DeviceValues values;
    /** The mappings the server accepted at start; a re-created subscription monitors these again. */
    private final List<Mapping> monitoredMappings;
    private final AtomicLong recreated = new AtomicLong();
    private volatile OpcUaSubscription subscription;
    private volatile int monitored;
    private volatile boolean closed;

    /**
     * How subscriptions are made and re-made.
     *
     * @param publishingInterval the subscription's requested publishing interval
     * @param samplingInterval the monitored items' requested sampling interval, unless the AID gives a data point
     *         its own ({@link io.twinloop.connectors.interfaces.DataPoint#samplingInterval()})
     * @param scheduler where re-creation runs (never on Milo's threads, which it would wait for)
     * @param recreateBackoff the wait between attempts to re-create a subscription the server lost
     */
    public record Settings(Duration publishingInterval, Duration samplingInterval, ScheduledExecutorService scheduler,
            Backoff recreateBackoff) {
    }

    /** A subscription on the server, and the mappings it monitors. */
    private record Created(OpcUaSubscription subscription, List<Mapping> monitored) {
    }

    private PointSubscription(final OpcUaClient client, final OpcUaInterface iface, final Settings settings,
            final DeviceValues values, final Created created) {
        this.client = client;
        this.iface = iface;
        this.settings = settings;
        this.values = values;
        this.monitoredMappings = created.monitored();
        this.subscription = created.subscription();
        this.monitored = created.monitored().size();
    }

    public static PointSubscription start(final OpcUaClient client, final OpcUaInterface iface,
            final Settings settings, final DeviceValues values) throws UaException {
        final PointSubscription[] self = new PointSubscription[1];
        final Created created = create(client, iface, iface.mappings(), settings, values, true,
                () -> self[0].recreateLater(1));
        self[0] = new PointSubscription(client, iface, settings, values, created);
        LOG.info("OPC UA subscription: thing={} interface={} endpoint={} monitoredItems={} of {} mapped, "
                + "publishingInterval={} samplingInterval={} ownSamplingIntervals={}", iface.thingId(), iface.name(),
                iface.endpoint(), created.monitored().size(), iface.mappings().size(), settings.publishingInterval(),
                settings.samplingInterval(), ownSamplingIntervals(created.monitored()));
        return self[0];
    }

    /**
     * Creates a subscription with one monitored item per mapping. Refused nodes are counted as unknown only when
     * {@code reportRefusals} (at start; a re-creation would count the same nodes again).
     */
    private static Created create(final OpcUaClient client, final OpcUaInterface iface,
            final List<Mapping> mappings, final Settings settings, final DeviceValues values,
            final boolean reportRefusals, final Runnable onLost) throws UaException {
        final OpcUaSubscription subscription = new OpcUaSubscription(client,
                (double) settings.publishingInterval().toMillis());
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onTransferFailed(final OpcUaSubscription lost, final StatusCode status) {
                LOG.warn("OPC UA subscription lost by the server (transfer to the new session failed), re-creating: "
                        + "thing={} interface={} endpoint={} status={}", iface.thingId(), iface.name(),
                        iface.endpoint(), StatusNames.name(status));
                onLost.run();
            }
        });
        subscription.create();
        final List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (final Mapping mapping : mappings) {
            final Optional<NodeId> node = NodeAddresses.resolve(mapping.source().href(), client.getNamespaceTable());
            if (node.isEmpty()) {
                if (reportRefusals) {
                    values.unknownNode(iface.thingId(), mapping, "href is no node id of this server: "
                            + mapping.source().href());
                }
                continue;
            }
            final OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node.get());
            // Items of one subscription may sample at different rates; the publishing interval is the subscription's.
            item.setSamplingInterval(samplingMillis(mapping.source().samplingInterval()
                    .orElse(settings.samplingInterval())));
            if (mapping.sink().field().isPresent()) {
                // A list is assembled from the arrays of one sample, told by their source timestamp: hear about a
                // new sample of each array even when its value stayed the same.
                item.setFilter(SAME_VALUE_NEW_SAMPLE);
            }
            item.setUserObject(mapping);
            item.setDataValueListener((monitoredItem, value) -> values.accept(iface.thingId(), mapping, value));
            items.add(item);
        }
        subscription.addMonitoredItems(items);
        final List<Mapping> good = new ArrayList<>();
        for (final MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
            final Mapping mapping = (Mapping) result.monitoredItem().getUserObject().orElseThrow();
            if (result.serviceResult().isBad()) {
                // the request failed as a whole (e.g. the session went again), not this node: try again later
                forget(subscription);
                throw new UaException(result.serviceResult(), "creating the monitored items failed: "
                        + StatusNames.name(result.serviceResult()));
            }
            if (result.isGood()) {
                good.add(mapping);
                continue;
            }
            subscription.removeMonitoredItem(result.monitoredItem());
            final String refusal = "the server refused to monitor the node: " + result.operationResult()
                    .map(StatusNames::name).orElse(StatusNames.name(result.serviceResult()));
            if (reportRefusals) {
                values.unknownNode(iface.thingId(), mapping, refusal);
            } else {
                LOG.warn("OPC UA monitored item not re-created: thing={} interface={} node={} reason=\"{}\"",
                        iface.thingId(), iface.name(), mapping.source().href(), refusal);
            }
        }
        return new Created(subscription, List.copyOf(good));
    }

    /** The data points the AID gives a sampling interval of their own, for the log: {@code [SimulationTime=PT1S]}. */
    private static List<String> ownSamplingIntervals(final List<Mapping> mappings) {
        return mappings.stream().filter(m -> m.source().samplingInterval().isPresent())
                .map(m -> m.source().name() + "=" + m.source().samplingInterval().get()).distinct().toList();
    }

    /** OPC UA's sampling interval is a Double of milliseconds: keep fractions rather than round 0.5 ms to 0. */
    private static double samplingMillis(final Duration interval) {
        return interval.toNanos() / 1_000_000.0;
    }

    private void recreateLater(final int attempt) {
        if (closed) {
            return;
        }
        final Duration delay = attempt == 1 ? Duration.ZERO : settings.recreateBackoff().after(attempt - 1);
        try {
            settings.scheduler().schedule(() -> recreate(attempt), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (final RejectedExecutionException e) {
            LOG.debug("connector stopping, subscription not re-created: thing={}", iface.thingId());
        }
    }

    private void recreate(final int attempt) {
        if (closed) {
            return;
        }
        final OpcUaSubscription lost = subscription;
        try {
            final Created created = create(client, iface, monitoredMappings, settings, values, false,
                    () -> recreateLater(1));
            subscription = created.subscription();
            monitored = created.monitored().size();
            recreated.incrementAndGet();
            LOG.info("OPC UA subscription re-created: thing={} interface={} endpoint={} monitoredItems={} of {} "
                    + "attempt={}", iface.thingId(), iface.name(), iface.endpoint(), created.monitored().size(),
                    monitoredMappings.size(), attempt);
        } catch (final UaException | RuntimeException e) {
            final Duration delay = settings.recreateBackoff().after(attempt);
            LOG.warn("OPC UA subscription could not be re-created, trying again: thing={} interface={} endpoint={} "
                    + "attempt={} retryIn={} error=\"{}\"", iface.thingId(), iface.name(), iface.endpoint(), attempt,
                    delay, e.getMessage());
            recreateLater(attempt + 1);
            return;
        }
        forget(lost);
    }

    /** The server no longer has a lost subscription; Milo's client still lists it until it is deleted. */
    private static void forget(final OpcUaSubscription lost) {
        try {
            lost.delete();
        } catch (final UaException | RuntimeException e) {
            LOG.debug("deleting the lost subscription failed (the server has forgotten it): {}", e.toString());
        }
    }

    public int monitoredItems() {
        return monitored;
    }

    /** How often the subscription was created again after the server lost it. */
    public long recreated() {
        return recreated.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscription.delete();
        } catch (final UaException e) {
            LOG.debug("deleting the subscription failed: {}", e.toString());
        }
    }
}
