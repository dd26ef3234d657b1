package io.twinloop.twin.server.ws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.pekko.http.impl.engine.ws.FrameEvent$;
import org.apache.pekko.http.impl.engine.ws.FrameHandler;
import org.apache.pekko.http.impl.engine.ws.Protocol;
import org.apache.pekko.http.impl.engine.ws.WebSocket;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.InHandler;
import org.apache.pekko.stream.stage.OutHandler;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * One {@code /ws/2} connection as a single stream stage on top of pekko-http's WebSocket frame handling, which
 * keeps doing the protocol (unmasking, control frames and the close handshake, UTF-8 decoding, keep-alive pings):
 * the client's text messages go to its {@link WebSocketSession}, the session's messages go out as text frames.
 * <p>
 * Why not pekko-http's message API: it runs every incoming message through a sub-stream of its own (split,
 * prefix-and-tail, concatenation), materialized per message, which cost about an eighth of a WebSocket write's CPU.
 * This stage joins a message's fragments in a buffer instead. What the message API does around it is done the same
 * way here: protocol events (pings to answer, the peer's close) pass straight to pekko-http's frame output, a closed
 * peer ends the session, and the session's end is signalled as the handler's completion (or failure), after which
 * pekko-http sends the close frame; its close timeout runs on ticks this stage sends.
 * <p>
 * The session's messages are queued without waiting, from any thread, up to the connection's capacity
 * ({@link Outbound}); the stage sends them as the connection takes them.
 */
final class SessionFrames extends GraphStage<FlowShape<Object, Object>> {

    private static final Object TICK = WebSocket.Tick$.MODULE$;
    private static final Protocol.Opcode TEXT = Protocol.Opcode$.MODULE$.forCode((byte) 1);
    private static final Object WAKE = new Object();
    private static final Object COMPLETE = new Object();

    private final Inlet<Object> in = Inlet.create("SessionFrames.in");
    private final Outlet<Object> out = Outlet.create("SessionFrames.out");
    private final FlowShape<Object, Object> shape = FlowShape.of(in, out);
    private final Function<Outbound, WebSocketSession> sessions;
    private final Consumer<WebSocketSession> ended;
    private final int capacity;
    private final Duration tick;

    /**
     * @param sessions makes the connection's session, sending through the given outbound side
     * @param ended told when the session has ended, whichever side ended it (possibly more than once)
     * @param capacity messages the session may have waiting before an offer is refused
     * @param tick how often pekko-http's close handling is given a tick to check its close timeout
     */
    SessionFrames(final Function<Outbound, WebSocketSession> sessions, final Consumer<WebSocketSession> ended,
            final int capacity, final Duration tick) {
        this.sessions = sessions;
        this.ended = ended;
        this.capacity = capacity;
        this.tick = tick;
    }

    @Override
    public FlowShape<Object, Object> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(final Attributes inheritedAttributes) {
        return new Logic();
    }

    private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler, Outbound {

        private final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
        private final AtomicInteger waiting = new AtomicInteger();
        private final AtomicBoolean woken = new AtomicBoolean();
        /** Set once the session completed or failed, or the connection went away: offers are then dropped. */
        private volatile boolean closed;
        /** Protocol events from pekko-http's frame handling on their way back to it; read before texts. */
        private final ArrayDeque<Object> protocol = new ArrayDeque<>(4);
        private final StringBuilder fragments = new StringBuilder();
        private AsyncCallback<Object> signals;
        /** The handler's completion or failure, sent after the queued texts (none after a failure). */
        private Object ending;
        private boolean endingSent;
        private boolean tickDue;
        private WebSocketSession session;

        Logic() {
            super(shape);
            setHandlers(in, out, this);
        }

        @Override
        public void preStart() {
            signals = createAsyncCallback(this::onSignal);
            session = sessions.apply(this);
            scheduleWithFixedDelay("tick", tick, tick);
            pull(in);
        }

        @Override
        public void postStop() {
            closed = true;
            if (session != null) {
                ended.accept(session);
            }
        }

        // --- the client's side: frame handling output

        @Override
        public void onPush() {
            final Object event = grab(in);
            if (event instanceof FrameHandler.TextMessagePart part) {
                receive(part);
                pull(in);
            } else if (event instanceof FrameHandler.BypassEvent) {
                if (event instanceof FrameHandler.PeerClosed || event instanceof FrameHandler.ActivelyCloseWithCode) {
                    // the peer closed (or broke the protocol): the session ends, pekko-http answers the close
                    endWith(FrameHandler.UserHandlerCompleted$.MODULE$);
                }
                protocol.add(event);
                sendNext();
            } else {
                pull(in); // binary message parts are ignored, as Ditto's endpoint does; message ends
            }
        }

        private void receive(final FrameHandler.TextMessagePart part) {
            if (part.last() && fragments.isEmpty()) {
                session.receive(part.data());
            } else {
                fragments.append(part.data());
                if (part.last()) {
                    final String text = fragments.toString();
                    fragments.setLength(0);
                    session.receive(text);
                }
            }
        }

        @Override
        public void onUpstreamFinish() {
            completeStage();
        }

        // --- the session's side, from any thread

        @Override
        public boolean offer(final String text) {
            if (closed) {
                return true;
            }
            if (waiting.incrementAndGet() > capacity) {
                waiting.decrementAndGet();
                return false;
            }
            texts.add(text);
            if (woken.compareAndSet(false, true)) {
                signals.invoke(WAKE);
            }
            return true;
        }

        @Override
        public void complete() {
            closed = true;
            signals.invoke(COMPLETE);
        }

        @Override
        public void fail(final Throwable cause) {
            closed = true;
            signals.invoke(cause);
        }

        private void onSignal(final Object signal) {
            if (signal == WAKE) {
                woken.set(false);
            } else if (signal == COMPLETE) {
                endWith(FrameHandler.UserHandlerCompleted$.MODULE$);
            } else if (signal instanceof Throwable cause && ending == null) {
                texts.clear();
                endWith(new FrameHandler.UserHandlerErredOut(cause));
            }
            sendNext();
        }

        /** The session is over: it gets no more events (the connection may take a while to close), and ends so. */
        private void endWith(final Object end) {
            closed = true;
            if (ending == null) {
                ending = end;
                ended.accept(session);
            }
        }

        // --- towards pekko-http's frame output

        @Override
        public void onPull() {
            sendNext();
        }

        @Override
        public void onTimer(final Object timerKey) {
            tickDue = true;
            sendNext();
        }

        /** Sends the next protocol event, text, ending or tick, in that order, if the connection takes one. */
        private void sendNext() {
            if (isAvailable(out)) {
                final Object next = next();
                if (next != null) {
                    push(out, next);
                }
            }
            if (protocol.isEmpty() && !isClosed(in) && !hasBeenPulled(in)) {
                pull(in);
            }
        }

        private Object next() {
            if (!protocol.isEmpty()) {
                return protocol.poll();
            }
            final String text = texts.poll();
            if (text != null) {
                waiting.decrementAndGet();
                return FrameEvent$.MODULE$.fullFrame(TEXT, scala.Option.empty(), ByteString.fromString(text), true,
                        false, false, false);
            }
            if (ending != null && !endingSent) {
                endingSent = true;
                return ending;
            }
            if (tickDue) {
                tickDue = false;
                return TICK;
            }
            return null;
        }
    }
}
