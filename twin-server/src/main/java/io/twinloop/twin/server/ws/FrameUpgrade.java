package io.twinloop.twin.server.ws;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.impl.engine.ws.UpgradeToWebSocketLowLevel;
import org.apache.pekko.http.impl.engine.ws.WebSocket;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.apache.pekko.http.scaladsl.settings.WebSocketSettings;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Graph;
import org.apache.pekko.stream.scaladsl.BidiFlow;
import org.apache.pekko.stream.scaladsl.Flow;

import scala.concurrent.duration.FiniteDuration;

/**
 * Accepts a WebSocket upgrade with a handler of pekko-http's frame events ({@link SessionFrames}) below its message
 * API: the same protocol layers the message API stacks (unmasking, frame handling with the close handshake, the
 * server's periodic keep-alive), joined with the session's stage.
 * <p>
 * This is pekko-http's internal frame-level API ({@code UpgradeToWebSocketLowLevel.handleFrames}, as the class
 * says, "currently internal"): the one place that uses it, checked against the pinned pekko-http version by the
 * WebSocket tests, the conformance suite and Ditto's own Java client ({@code ditto-client-compat}).
 */
final class FrameUpgrade {

    /** pekko-http's close timeout of the message API: how long the peer has to answer a close frame. */
    private static final FiniteDuration CLOSE_TIMEOUT = FiniteDuration.create(3, "seconds");

    private final ActorSystem system;
    /** Read at the first upgrade: reading pekko-http's settings is off the path to a server's first answer. */
    private volatile Layers layers;

    FrameUpgrade(final ActorSystem system) {
        this.system = system;
    }

    private record Layers(WebSocketSettings settings, LoggingAdapter log) {}

    private Layers layers() {
        Layers read = layers;
        if (read == null) {
            read = new Layers(ServerSettings.apply(system.settings().config()).websocketSettings(),
                    Logging.getLogger(system, FrameUpgrade.class));
            layers = read;
        }
        return read;
    }

    /** How often the session's stage gives pekko-http's close handling a tick (the message API: its close timeout). */
    static java.time.Duration tick() {
        return java.time.Duration.ofSeconds(CLOSE_TIMEOUT.toSeconds());
    }

    /** @return the 101 response that runs {@code session} on the connection */
    @SuppressWarnings({"unchecked", "rawtypes"})
    HttpResponse accept(final WebSocketUpgrade upgrade, final Graph<FlowShape<Object, Object>, ?> session) {
        if (!(upgrade instanceof UpgradeToWebSocketLowLevel lowLevel)) {
            throw new IllegalStateException("pekko-http's WebSocket upgrade is no " + UpgradeToWebSocketLowLevel.class
                    .getName() + " but a " + upgrade.getClass().getName() + ": another pekko-http version than the"
                    + " one this server was built and tested with");
        }
        final Layers read = layers();
        final BidiFlow protocol = ((BidiFlow) WebSocket.masking(true, read.settings().randomFactory()))
                .atop(WebSocket.frameHandling(true, CLOSE_TIMEOUT, read.log()))
                .atop(WebSocket.periodicKeepAlive(read.settings()));
        final Flow frames = protocol.join(session);
        return lowLevel.handleFrames(frames, scala.Option.empty());
    }
}
