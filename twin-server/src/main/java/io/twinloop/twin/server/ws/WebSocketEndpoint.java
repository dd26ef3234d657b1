package io.twinloop.twin.server.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import io.twinloop.twin.server.http.ThingsApi;

/**
 * Ditto's WebSocket endpoint {@code /ws/2} (authentication is done by the router before): upgrades the request and
 * wires a {@link WebSocketSession} between the client's messages and a bounded outbound queue.
 */
public final class WebSocketEndpoint {

    public static final String PATH = "/ws/2";
    private static final long STRICT_TEXT_TIMEOUT_MILLIS = 10_000;

    private final EventPublisher publisher;
    private final Materializer materializer;
    private final int bufferSize;
    private final CommandHandler commands;

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
    }

    /** @return the 101 upgrade response, or 400 if the request is no WebSocket upgrade */
    public HttpResponse upgrade(final HttpRequest request, final String subject) {
        return request.getAttribute(AttributeKeys.webSocketUpgrade)
                .map(upgrade -> upgrade.handleMessagesWith(flow(subject)))
                .orElseGet(() -> {
                    request.discardEntityBytes(materializer);
                    return HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)
                            .withEntity("Expected a WebSocket upgrade request for " + PATH + ".");
                });
    }

    private Flow<Message, Message, NotUsed> flow(final String subject) {
        final Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> outbound =
                Source.<Message>queue(bufferSize).preMaterialize(materializer);
        final WebSocketSession session = new WebSocketSession(subject, outbound.first(), bufferSize, commands);
        final Source<Message, NotUsed> out = outbound.second().watchTermination((notUsed, done) -> {
            done.whenComplete((d, e) -> publisher.unregister(session));
            return notUsed;
        });
        final Sink<Message, NotUsed> in = Flow.of(Message.class)
                .mapAsync(1, this::strictText)
                .to(Sink.foreach(text -> {
                    if (text != null) {
                        session.receive(text);
                    }
                }));
        publisher.register(session);
        // coupled: the client closing ends the outbound side too, and completing the queue closes the connection
        return Flow.fromSinkAndSourceCoupled(in, out);
    }

    /** The message's whole text (clients may stream it in frames); binary messages are drained and ignored. */
    private CompletionStage<String> strictText(final Message message) {
        if (!message.isText()) {
            message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
            return CompletableFuture.completedFuture(null);
        }
        final TextMessage text = message.asTextMessage();
        if (text.isStrict()) {
            // the common case: no stream to run for a message that arrived in one frame
            return CompletableFuture.completedFuture(text.getStrictText());
        }
        return text.toStrict(STRICT_TEXT_TIMEOUT_MILLIS, materializer).thenApply(s -> s.text());
    }
}
