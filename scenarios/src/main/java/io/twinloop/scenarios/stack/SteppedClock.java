package io.twinloop.scenarios.stack;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The plant's simulated time as a {@link Clock}: the runner sets it to the instant the plant was stepped to, and
 * the optimizer (its agents' "now", decision and outcome times) reads it. It stands still while the stack settles.
 */
public final class SteppedClock extends Clock {

    private volatile Instant now;

    public SteppedClock(final Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves to the plant's time; never backwards. */
    public void set(final Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the stepped clock cannot go back from " + now + " to " + instant);
        }
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        throw new UnsupportedOperationException("the stepped clock is UTC only");
    }
}
