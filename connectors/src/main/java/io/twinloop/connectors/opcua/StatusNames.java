package io.twinloop.connectors.opcua;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/** OPC UA status codes by their symbolic names ({@code Bad_OutOfRange}), as operators and the spec know them. */
public final class StatusNames {

    private StatusNames() {
    }

    public static String name(final StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(n -> n[0])
                .orElse(String.format("0x%08X", status.getValue()));
    }

    /** The spec's one-line description, e.g. "The value was out of range.". */
    public static String description(final StatusCode status) {
        return StatusCodes.lookup(status.getValue()).filter(n -> n.length > 1).map(n -> n[1]).orElse("");
    }
}
