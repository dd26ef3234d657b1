package io.twinloop.connectors;

import java.util.Map;

import io.twinloop.connectors.northbound.BadDataKind;

/**
 * Counters since start.
 *
 * @param monitoredItems nodes being monitored
 * @param valuesReceived value changes the servers reported
 * @param valuesWritten values merged into twins
 * @param merges merge requests that succeeded
 * @param mergesFailed merge requests that failed (their values are lost)
 * @param badData values not written, by kind
 * @param desiredApplied desired values a machine accepted
 * @param desiredRejected desired values refused (by the AAS's declarations or by the machine)
 */
public record ConnectorStatistics(int monitoredItems, long valuesReceived, long valuesWritten, long merges,
        long mergesFailed, Map<BadDataKind, Long> badData, long desiredApplied, long desiredRejected) {

    public ConnectorStatistics {
        badData = Map.copyOf(badData);
    }

    public long badData(final BadDataKind kind) {
        return badData.getOrDefault(kind, 0L);
    }
}
