package io.twinloop.connectors;

import java.util.Map;

import io.twinloop.connectors.northbound.BadDataKind;

/**
 * Counters since start.
 *
 * @param monitoredItems nodes being monitored
 * @param subscriptionsRecreated OPC UA subscriptions created again after a server lost them (e.g. it restarted)
 * @param valuesReceived value changes the servers reported
 * @param valuesOutOfOrder values left out because a newer value of the same data point had arrived first (the OPC UA
 *        client delivered notifications out of order; see {@code SampleOrder})
 * @param valuesWritten values merged into twins (accepted by the twin)
 * @param merges merge requests that succeeded
 * @param mergesFailed merge requests the twin refused for good (4xx other than 408/429; their values are dropped)
 * @param mergesRetried merge requests that failed transiently (twin unreachable, 408, 429, 5xx), values queued again
 * @param valuesBuffered values held now that the twin has not accepted yet
 * @param valuesDropped values never written: in refused merges, or dropped at the buffer's hard bound
 * @param badData values not written, by kind
 * @param desiredApplied desired values a machine accepted
 * @param desiredRejected desired values refused (by the AAS's declarations or by the machine)
 * @param twinEvents twin events the connector received to find desired values in (its subscription asks the twin
 *        server for desired-value changes only, see {@code DesiredValueSubscription}; its own merges are not among them)
 */
public record ConnectorStatistics(int monitoredItems, long subscriptionsRecreated, long valuesReceived,
        long valuesOutOfOrder, long valuesWritten, long merges, long mergesFailed, long mergesRetried, int valuesBuffered, long valuesDropped,
        Map<BadDataKind, Long> badData, long desiredApplied, long desiredRejected, long twinEvents) {

    public ConnectorStatistics {
        badData = Map.copyOf(badData);
    }

    /** Nothing counted yet. */
    public static ConnectorStatistics none() {
        return new ConnectorStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0);
    }

    /** The counts of two connectors together (the service runs one per set of twins it found). */
    public ConnectorStatistics plus(final ConnectorStatistics other) {
        final Map<BadDataKind, Long> bad = new java.util.EnumMap<>(BadDataKind.class);
        bad.putAll(badData);
        other.badData.forEach((kind, count) -> bad.merge(kind, count, Long::sum));
        return new ConnectorStatistics(monitoredItems + other.monitoredItems,
                subscriptionsRecreated + other.subscriptionsRecreated, valuesReceived + other.valuesReceived,
                valuesOutOfOrder + other.valuesOutOfOrder,
                valuesWritten + other.valuesWritten, merges + other.merges, mergesFailed + other.mergesFailed,
                mergesRetried + other.mergesRetried, valuesBuffered + other.valuesBuffered,
                valuesDropped + other.valuesDropped, bad, desiredApplied + other.desiredApplied,
                desiredRejected + other.desiredRejected, twinEvents + other.twinEvents);
    }

    public long badData(final BadDataKind kind) {
        return badData.getOrDefault(kind, 0L);
    }
}
