package io.twinloop.twin.server.ws;

import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.Materializer;

import io.twinloop.twin.server.http.ThingsApi;

/**
 * Ditto's WebSocket endpoint {@code /ws/2} (authentication is done by the router before): upgrades the request and
 * runs a {@link WebSocketSession} on the connection's frames ({@link SessionFrames}), with a bounded outbound queue.
 */
public final class WebSocketEndpoint {

    public static final String PATH = "/ws/2";

    private final EventPublisher publisher;
    private final Materializer materializer;
    private final int bufferSize;
    private final CommandHandler commands;
    private final FrameUpgrade frames;

    /**
     * @param api executes Ditto Protocol commands (the same code path as the HTTP API)
     * @param bufferSize outbound messages a session may have waiting before it counts as too slow and is closed
     */
    public WebSocketEndpoint(final EventPublisher publisher, final ThingsApi api, final Materializer materializer,
            final int bufferSize) {
        this.publisher = publisher;
        this.commands = new CommandHandler(api);
        this.materializer = materializer;
        this.bufferSize = bufferSize;
        this.frames = new FrameUpgrade(materializer.system());
    }

    /** @return the 101 upgrade response, or 400 if the request is no WebSocket upgrade */
    public HttpResponse upgrade(final HttpRequest request, final String subject) {
        return request.getAttribute(AttributeKeys.webSocketUpgrade)
                .map(upgrade -> frames.accept(upgrade, session(subject)))
                .orElseGet(() -> {
                    request.discardEntityBytes(materializer);
                    return HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)
                            .withEntity("Expected a WebSocket upgrade request for " + PATH + ".");
                });
    }

    private SessionFrames session(final String subject) {
        return new SessionFrames(outbound -> {
            final WebSocketSession session = new WebSocketSession(subject, outbound, bufferSize, commands);
            publisher.register(session);
            return session;
        }, publisher::unregister, bufferSize, FrameUpgrade.tick());
    }
}
