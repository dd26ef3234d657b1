package io.twinloop.aas.thingmodel;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One limit on a value and where the AAS declares it, so that a conflict names both sides.
 *
 * @param value the limit
 * @param origin where it comes from, e.g. {@code qualifier Max} or {@code AID InterfaceOPCUA/.../Speed/min_max}
 */
record Bound(BigDecimal value, String origin) {

    Bound {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** The tighter lower bound: the larger one. */
    static Bound tighterMinimum(final Bound a, final Bound b) {
        if (a == null) {
            return b;
        }
        return b == null || a.value.compareTo(b.value) >= 0 ? a : b;
    }

    /** The tighter upper bound: the smaller one. */
    static Bound tighterMaximum(final Bound a, final Bound b) {
        if (a == null) {
            return b;
        }
        return b == null || a.value.compareTo(b.value) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return value.stripTrailingZeros().toPlainString() + " (" + origin + ")";
    }
}
