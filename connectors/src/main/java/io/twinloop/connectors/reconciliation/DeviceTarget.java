package io.twinloop.connectors.reconciliation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.connectors.interfaces.Mapping;

/**
 * Where a twin's desired values go: one interface of one asset, reached over some protocol (an OPC UA session, a
 * device behind Hono). The {@link Reconciler} checks each value against the AAS, then hands it to {@link #write}; the
 * protocol decides how it is written and what the device's answer means.
 */
public interface DeviceTarget {

    ThingId thingId();

    /** The interface's mapped data points (those with {@link Mapping#writesToDevice()} are reconciled). */
    List<Mapping> mappings();

    /**
     * How a report names where the value went, merged into it: {@code {"node": "nsu=...;s=cnc-1/Speed"}} for OPC UA,
     * {@code {"device": "<tenant>/<device id>", "command": "<name>"}} for Hono.
     */
    JsonObject destination(Mapping mapping);

    /**
     * Writes a value the AAS allows. Completes with the outcome, never exceptionally: a value the protocol cannot
     * express, a device refusing it and an answer that never came are outcomes too.
     */
    CompletableFuture<WriteOutcome> write(Mapping mapping, JsonValue value);
}
