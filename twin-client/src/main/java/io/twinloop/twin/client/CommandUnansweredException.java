package io.twinloop.twin.client;

import java.net.URI;

/**
 * A command sent over the WebSocket got no response: the connection dropped, its heartbeat found it dead, the
 * client's wait for the response ran out, or {@link TwinCommands} was closed. Whether the command was applied is
 * unknown (it may have been, with its response lost); read the twin before repeating a non-idempotent command. The
 * message names the command and its correlation id, which Ditto logs too.
 */
public class CommandUnansweredException extends DittoConnectionException {

    private static final long serialVersionUID = 1L;

    private final String correlationId;

    public CommandUnansweredException(final String command, final String correlationId, final URI endpoint,
            final Throwable cause) {
        super(endpoint, "No response to " + command + " (correlation-id " + correlationId + ") over " + endpoint
                + ": " + describe(cause) + "; it may or may not have been applied", cause);
        this.correlationId = correlationId;
    }

    public String correlationId() {
        return correlationId;
    }
}
