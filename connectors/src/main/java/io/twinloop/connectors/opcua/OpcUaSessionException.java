package io.twinloop.connectors.opcua;

/** No OPC UA session could be opened (endpoint unreachable, security not offered, login refused). */
public final class OpcUaSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OpcUaSessionException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
