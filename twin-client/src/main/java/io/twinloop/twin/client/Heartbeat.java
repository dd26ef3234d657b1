package io.twinloop.twin.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@code /ws/2} connection is watched: a WebSocket ping every {@code pingInterval}, and the connection counts
 * as dead once nothing at all (pong, ping, data) has arrived for {@code deadAfter}. Pings alone cannot tell a dead
 * peer: over a half-open TCP connection they are written into the send buffer without error, so only the missing
 * answers reveal it. Immutable.
 * <p>
 * Default: ping every 15 s, dead after 45 s of silence (three unanswered pings). Ditto's gateway pings an idle
 * WebSocket every 30 s itself (Pekko HTTP {@code periodic-keep-alive-max-idle}) and answers pings at once; pinging
 * more often than 60 s also keeps proxies with the common 60 s read timeout from cutting an idle connection.
 */
public final class Heartbeat {

    private static final Heartbeat DEFAULT = new Heartbeat(Duration.ofSeconds(15), Duration.ofSeconds(45));

    private final Duration pingInterval;
    private final Duration deadAfter;

    private Heartbeat(final Duration pingInterval, final Duration deadAfter) {
        this.pingInterval = pingInterval;
        this.deadAfter = deadAfter;
    }

    public static Heartbeat defaults() {
        return DEFAULT;
    }

    /**
     * @param deadAfter must be longer than {@code pingInterval}, or a healthy connection would be declared dead
     * between two pings
     */
    public static Heartbeat of(final Duration pingInterval, final Duration deadAfter) {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(deadAfter, "deadAfter");
        if (pingInterval.isZero() || pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must be positive: " + pingInterval);
        }
        if (deadAfter.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("deadAfter (" + deadAfter + ") must be longer than pingInterval ("
                    + pingInterval + ")");
        }
        return new Heartbeat(pingInterval, deadAfter);
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    /** Silence after which the connection is given up; it is noticed at the next ping, so up to one interval later. */
    public Duration deadAfter() {
        return deadAfter;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Heartbeat other && pingInterval.equals(other.pingInterval)
                && deadAfter.equals(other.deadAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pingInterval, deadAfter);
    }

    @Override
    public String toString() {
        return "Heartbeat[ping every " + pingInterval.toMillis() + " ms, dead after " + deadAfter.toMillis() + " ms]";
    }
}
