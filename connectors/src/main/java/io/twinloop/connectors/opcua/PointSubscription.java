package io.twinloop.connectors.opcua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.OpcUaInterface;
import io.twinloop.connectors.northbound.DeviceValues;

/**
 * One OPC UA subscription per twin interface, one monitored item per mapped node: the server reports changes,
 * nothing is polled. Nodes that do not resolve or that the server refuses to monitor are reported as unknown and
 * left out; the others run.
 */
public final class PointSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PointSubscription.class);

    private final OpcUaSubscription subscription;
    private final int monitored;

    private PointSubscription(final OpcUaSubscription subscription, final int monitored) {
        this.subscription = subscription;
        this.monitored = monitored;
    }

    public static PointSubscription start(final OpcUaClient client, final OpcUaInterface iface,
            final Duration publishingInterval, final Duration samplingInterval, final DeviceValues values)
            throws UaException {
        final OpcUaSubscription subscription = new OpcUaSubscription(client, (double) publishingInterval.toMillis());
        subscription.create();
        final List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (final Mapping mapping : iface.mappings()) {
            final Optional<NodeId> node = NodeAddresses.resolve(mapping.source().href(), client.getNamespaceTable());
            if (node.isEmpty()) {
                values.unknownNode(iface.thingId(), mapping, "href is no node id of this server: "
                        + mapping.source().href());
                continue;
            }
            final OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node.get());
            item.setSamplingInterval(samplingInterval.toMillis());
            item.setUserObject(mapping);
            item.setDataValueListener((monitoredItem, value) -> values.accept(iface.thingId(), mapping, value));
            items.add(item);
        }
        subscription.addMonitoredItems(items);
        int good = 0;
        for (final MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
            final Mapping mapping = (Mapping) result.monitoredItem().getUserObject().orElseThrow();
            if (result.isGood()) {
                good++;
            } else {
                subscription.removeMonitoredItem(result.monitoredItem());
                values.unknownNode(iface.thingId(), mapping, "the server refused to monitor the node: "
                        + result.operationResult().map(StatusNames::name).orElse(StatusNames.name(
                                result.serviceResult())));
            }
        }
        LOG.info("OPC UA subscription: thing={} interface={} endpoint={} monitoredItems={} of {} mapped, "
                + "publishingInterval={} samplingInterval={}", iface.thingId(), iface.name(), iface.endpoint(), good,
                iface.mappings().size(), publishingInterval, samplingInterval);
        return new PointSubscription(subscription, good);
    }

    public int monitoredItems() {
        return monitored;
    }

    @Override
    public void close() {
        try {
            subscription.delete();
        } catch (final UaException e) {
            LOG.debug("deleting the subscription failed: {}", e.toString());
        }
    }
}
