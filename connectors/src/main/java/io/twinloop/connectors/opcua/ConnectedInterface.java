package io.twinloop.connectors.opcua;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.OpcUaInterface;
import io.twinloop.connectors.reconciliation.DeviceTarget;
import io.twinloop.connectors.reconciliation.WriteOutcome;

/** A twin's OPC UA interface together with the session that reaches it; desired values are written to its nodes. */
public record ConnectedInterface(OpcUaInterface description, OpcUaClient client) implements DeviceTarget {

    @Override
    public ThingId thingId() {
        return description.thingId();
    }

    @Override
    public List<Mapping> mappings() {
        return description.mappings();
    }

    @Override
    public JsonObject destination(final Mapping mapping) {
        return JsonObject.newBuilder().set("node", mapping.source().href()).build();
    }

    /** Writes the value as the AID's WoT type to the node; the server's Bad status is the device's refusal. */
    @Override
    public CompletableFuture<WriteOutcome> write(final Mapping mapping, final JsonValue value) {
        final DataPoint point = mapping.source();
        final Optional<Variant> variant = ValueConversion.forDevice(value, point).variant();
        if (variant.isEmpty()) {
            return CompletableFuture.completedFuture(WriteOutcome.refusedByConnector("the value " + value
                    + " cannot be written as " + point.typeDescription()));
        }
        final Optional<NodeId> node = NodeAddresses.resolve(point.href(), client.getNamespaceTable());
        if (node.isEmpty()) {
            return CompletableFuture.completedFuture(WriteOutcome.refusedByConnector(
                    "the node " + point.href() + " is not known to the server"));
        }
        return client.writeValuesAsync(List.of(node.get()), List.of(DataValue.valueOnly(variant.get())))
                .handle((statuses, failure) -> {
                    if (failure != null) {
                        return WriteOutcome.notCompleted("the write did not complete, the machine may or may not "
                                + "have applied it: " + failure.getMessage());
                    }
                    final StatusCode status = statuses.get(0);
                    return status.isGood() ? WriteOutcome.applied()
                            : WriteOutcome.refusedByDevice(JsonObject.newBuilder()
                                    .set("opcUaStatus", StatusNames.name(status)).build(),
                                    StatusNames.description(status));
                });
    }
}
