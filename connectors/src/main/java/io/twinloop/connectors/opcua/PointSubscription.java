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
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
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
 * One OPC UA subscription per session (server endpoint and security), with one monitored item per mapped node of
 * every twin interface on that session: the server reports changes, nothing is polled. Nodes that do not resolve or
 * that the server refuses to monitor are reported as unknown and left out; the others run.
 *
 * <p>Why one subscription for many twins: each subscription is published on its own (a Publish response per
 * publishing interval, each encoded, signed, encrypted and sent alone, and a Publish request in flight for each).
 * With one per twin, 24 twins at a 10 ms publishing interval meant 2,400 responses a second, most carrying a few
 * values; one subscription carries the same values in 100. Each item still says which twin its values are for.
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
    /** The twin interfaces on this session (one endpoint and security). */
    private final List<OpcUaInterface> interfaces;
    private final Settings settings;
    private final DeviceValues values;
    /** The points the server accepted at start; a re-created subscription monitors these again. */
    private final List<Point> monitoredPoints;
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

    /** One mapped data point of one twin interface: a monitored item. */
    private record Point(OpcUaInterface iface, Mapping mapping) {
    }

    /** A subscription on the server, and the points it monitors. */
    private record Created(OpcUaSubscription subscription, List<Point> monitored) {
    }

    private PointSubscription(final OpcUaClient client, final List<OpcUaInterface> interfaces,
            final Settings settings, final DeviceValues values, final Created created) {
        this.client = client;
        this.interfaces = List.copyOf(interfaces);
        this.settings = settings;
        this.values = values;
        this.monitoredPoints = created.monitored();
        this.subscription = created.subscription();
        this.monitored = created.monitored().size();
    }

    /**
     * One subscription on {@code client}'s session for the mapped points of all {@code interfaces}, which must be on
     * that session.
     */
    public static PointSubscription start(final OpcUaClient client, final List<OpcUaInterface> interfaces,
            final Settings settings, final DeviceValues values) throws UaException {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one twin interface");
        }
        final List<Point> points = interfaces.stream()
                .flatMap(iface -> iface.mappings().stream().map(mapping -> new Point(iface, mapping))).toList();
        final PointSubscription[] self = new PointSubscription[1];
        final Created created = create(client, interfaces, points, settings, values, true,
                () -> self[0].recreateLater(1));
        self[0] = new PointSubscription(client, interfaces, settings, values, created);
        LOG.info("OPC UA subscription: endpoint={} things={} interfaces={} monitoredItems={} of {} mapped, "
                + "publishingInterval={} samplingInterval={} ownSamplingIntervals={}", endpoint(interfaces),
                things(interfaces), interfaces.stream().map(OpcUaInterface::name).distinct().toList(),
                created.monitored().size(), points.size(), settings.publishingInterval(),
                settings.samplingInterval(), ownSamplingIntervals(created.monitored()));
        return self[0];
    }

    private static String endpoint(final List<OpcUaInterface> interfaces) {
        return interfaces.get(0).endpoint();
    }

    /** The twins, for logs: all of them when few, else how many and the first. */
    private static String things(final List<OpcUaInterface> interfaces) {
        final List<String> things = interfaces.stream().map(i -> i.thingId().toString()).distinct().toList();
        return things.size() <= 5 ? things.toString() : things.size() + " (" + things.get(0) + ", ...)";
    }

    /**
     * Creates a subscription with one monitored item per mapping. Refused nodes are counted as unknown only when
     * {@code reportRefusals} (at start; a re-creation would count the same nodes again).
     */
    private static Created create(final OpcUaClient client, final List<OpcUaInterface> interfaces,
            final List<Point> points, final Settings settings, final DeviceValues values,
            final boolean reportRefusals, final Runnable onLost) throws UaException {
        final OpcUaSubscription subscription = new OpcUaSubscription(client,
                (double) settings.publishingInterval().toMillis());
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            /**
             * One publish response's changes, together: they go to the twins as soon as they are all taken (a
             * merge per twin), so the publishing interval is the one wait a value has, not that plus a window.
             */
            @Override
            public void onDataReceived(final OpcUaSubscription notified, final List<OpcUaMonitoredItem> items,
                    final List<DataValue> dataValues) {
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).getUserObject().orElse(null) instanceof Point point) {
                        values.accept(point.iface().thingId(), point.mapping(), dataValues.get(i));
                    }
                }
                values.batchEnded();
            }

            @Override
            public void onTransferFailed(final OpcUaSubscription lost, final StatusCode status) {
                LOG.warn("OPC UA subscription lost by the server (transfer to the new session failed), re-creating: "
                        + "endpoint={} things={} status={}", endpoint(interfaces), things(interfaces),
                        StatusNames.name(status));
                onLost.run();
            }
        });
        subscription.create();
        final List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (final Point point : points) {
            final OpcUaInterface iface = point.iface();
            final Mapping mapping = point.mapping();
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
            item.setUserObject(point); // its values are taken by the subscription's listener, a publish at a time
            items.add(item);
        }
        subscription.addMonitoredItems(items);
        final List<Point> good = new ArrayList<>();
        for (final MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
            final Point point = (Point) result.monitoredItem().getUserObject().orElseThrow();
            final OpcUaInterface iface = point.iface();
            final Mapping mapping = point.mapping();
            if (result.serviceResult().isBad()) {
                // the request failed as a whole (e.g. the session went again), not this node: try again later
                forget(subscription);
                throw new UaException(result.serviceResult(), "creating the monitored items failed: "
                        + StatusNames.name(result.serviceResult()));
            }
            if (result.isGood()) {
                good.add(point);
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
    private static List<String> ownSamplingIntervals(final List<Point> points) {
        return points.stream().map(Point::mapping).filter(m -> m.source().samplingInterval().isPresent())
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
            LOG.debug("connector stopping, subscription not re-created: endpoint={}", endpoint(interfaces));
        }
    }

    private void recreate(final int attempt) {
        if (closed) {
            return;
        }
        final OpcUaSubscription lost = subscription;
        try {
            final Created created = create(client, interfaces, monitoredPoints, settings, values, false,
                    () -> recreateLater(1));
            subscription = created.subscription();
            monitored = created.monitored().size();
            recreated.incrementAndGet();
            LOG.info("OPC UA subscription re-created: endpoint={} things={} monitoredItems={} of {} attempt={}",
                    endpoint(interfaces), things(interfaces), created.monitored().size(), monitoredPoints.size(),
                    attempt);
        } catch (final UaException | RuntimeException e) {
            final Duration delay = settings.recreateBackoff().after(attempt);
            LOG.warn("OPC UA subscription could not be re-created, trying again: endpoint={} things={} attempt={} "
                    + "retryIn={} error=\"{}\"", endpoint(interfaces), things(interfaces), attempt, delay,
                    e.getMessage());
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
