package io.twinloop.connectors.opcua;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * No OPC UA session could be opened (endpoint unreachable, security not offered, login refused), and whether trying
 * again later can help: a server that is not up yet, busy or unreachable may be there next time; a security policy it
 * does not offer, a certificate it distrusts or a refused login will be the same until an operator acts.
 */
public final class OpcUaSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status codes that say the server or the network is away or busy, not that the request is wrong. */
    private static final Set<Long> TRANSIENT_STATUS = Set.of(StatusCodes.Bad_Timeout,
            StatusCodes.Bad_ConnectionRejected, StatusCodes.Bad_ConnectionClosed, StatusCodes.Bad_CommunicationError,
            StatusCodes.Bad_NotConnected, StatusCodes.Bad_ServerNotConnected, StatusCodes.Bad_ServerHalted,
            StatusCodes.Bad_TcpInternalError, StatusCodes.Bad_ResourceUnavailable, StatusCodes.Bad_TooManySessions,
            StatusCodes.Bad_SecureChannelClosed, StatusCodes.Bad_Shutdown, StatusCodes.Bad_RequestTimeout,
            // a server still starting answers this until its endpoints are registered (seen under load); a path
            // that is really wrong keeps being retried with a WARN naming the status, every tenth attempt
            StatusCodes.Bad_TcpEndpointUrlInvalid);

    private final boolean transientFailure;

    public OpcUaSessionException(final String message, final Throwable cause) {
        super(message, cause);
        this.transientFailure = cause != null && isTransient(cause);
    }

    /** Whether the same attempt may succeed later without anyone changing anything. */
    public boolean transientFailure() {
        return transientFailure;
    }

    private static boolean isTransient(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UaException ua && TRANSIENT_STATUS.contains(ua.getStatusCode().getValue())) {
                return true;
            }
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
