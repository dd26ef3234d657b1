package io.twinloop.twin.server.ws;

/**
 * Where a {@code /ws/2} session's messages to its client go: bounded and never waiting, callable from any thread.
 */
interface Outbound {

    /**
     * @return false if the client already has the connection's capacity of messages waiting: the message is not
     * queued. A connection that is going away takes and drops messages.
     */
    boolean offer(String text);

    /** Sends what is queued, then closes the WebSocket normally. */
    void complete();

    /** Closes the WebSocket with an error (1011), dropping what is queued. */
    void fail(Throwable cause);
}
