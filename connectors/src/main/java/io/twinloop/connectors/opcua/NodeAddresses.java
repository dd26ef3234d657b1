package io.twinloop.connectors.opcua;

import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.UaRuntimeException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The node an AID {@code forms/href} names. Accepted: the OPC UA text forms {@code nsu=<uri>;s=...} (preferred: a
 * namespace index is only valid on one server) and {@code ns=2;s=...}, optionally after {@code ?id=} as the W3C WoT
 * OPC UA binding writes them ({@code /?id=nsu=...}).
 */
public final class NodeAddresses {

    private NodeAddresses() {
    }

    /** The node id on this server; empty when the text is no node id or the namespace is not on the server. */
    public static Optional<NodeId> resolve(final String href, final NamespaceTable namespaces) {
        final String text = href.contains("?id=") ? href.substring(href.indexOf("?id=") + 4) : href;
        try {
            return ExpandedNodeId.parse(text.trim()).toNodeId(namespaces);
        } catch (final UaRuntimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
