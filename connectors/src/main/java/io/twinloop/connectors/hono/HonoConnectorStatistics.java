package io.twinloop.connectors.hono;

import java.util.Map;

import io.twinloop.connectors.northbound.BadDataKind;

/**
 * Counters since start.
 *
 * @param devices devices behind Hono that the twins name
 * @param messagesReceived telemetry and event messages received
 * @param valuesReceived payload keys received (good and bad)
 * @param valuesWritten values merged into twins (accepted by the twin)
 * @param merges merge requests that succeeded
 * @param mergesFailed merge requests the twin refused for good (their values are dropped)
 * @param mergesRetried merge requests that failed transiently, values queued again
 * @param valuesBuffered values held now that the twin has not accepted yet
 * @param valuesDropped values never written: in refused merges, or dropped at the buffer's hard bound
 * @param badData values (or messages) not written, by kind
 * @param desiredApplied desired values the device accepted (2xx response)
 * @param desiredRejected desired values refused (by the AAS's declarations or by the device)
 * @param desiredNotCompleted commands without a response in time, or not sent
 */
public record HonoConnectorStatistics(int devices, long messagesReceived, long valuesReceived, long valuesWritten,
        long merges, long mergesFailed, long mergesRetried, int valuesBuffered, long valuesDropped,
        Map<BadDataKind, Long> badData, long desiredApplied, long desiredRejected, long desiredNotCompleted) {

    public HonoConnectorStatistics {
        badData = Map.copyOf(badData);
    }

    public long badData(final BadDataKind kind) {
        return badData.getOrDefault(kind, 0L);
    }
}
