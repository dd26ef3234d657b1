package io.twinloop.connectors.opcua;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;

import io.twinloop.connectors.interfaces.OpcUaInterface;

/** A twin's interface together with the session that reaches it. */
public record ConnectedInterface(OpcUaInterface description, OpcUaClient client) {
}
