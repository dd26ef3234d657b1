package io.twinloop.plant.machine;

import java.time.Duration;
import java.util.Objects;

/**
 * What it takes to bring a machine back to production after it was switched {@code OFF} or put in
 * {@code STANDBY}: a warm-up of {@code fromOff} / {@code fromStandby} at {@code warmUpKw}, during which it makes
 * nothing (a CNC's spindle and thermal warm-up, a press's flywheel run-up). A machine left in mode {@code RUN}
 * (standing by because it is starved, or off-shift) needs none. Figures per kind: plant README, <i>Restart</i>.
 */
public record RestartProfile(Duration fromOff, Duration fromStandby, double warmUpKw) {

    public RestartProfile {
        Objects.requireNonNull(fromOff, "fromOff");
        Objects.requireNonNull(fromStandby, "fromStandby");
        if (fromOff.isNegative() || fromStandby.isNegative() || !(warmUpKw >= 0) || Double.isInfinite(warmUpKw)) {
            throw new IllegalArgumentException("restart profile needs non-negative warm-up times and a finite"
                    + " warm-up power >= 0: " + fromOff + ", " + fromStandby + ", " + warmUpKw + " kW");
        }
    }

    /** Back to production at once, at no cost (the plant before restarts were modelled; what-if estimates). */
    public static RestartProfile none() {
        return new RestartProfile(Duration.ZERO, Duration.ZERO, 0);
    }

    /** Warm-up time when the mode changes from {@code from} to {@code RUN}. */
    public Duration warmUp(final Mode from) {
        return switch (from) {
            case OFF -> fromOff;
            case STANDBY -> fromStandby;
            case RUN -> Duration.ZERO;
        };
    }

    /** Energy of a warm-up from {@code from}, kWh. */
    public double warmUpKwh(final Mode from) {
        return warmUpKw * warmUp(from).toNanos() / 3.6e12;
    }
}
