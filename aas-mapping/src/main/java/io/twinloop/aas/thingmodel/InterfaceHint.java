package io.twinloop.aas.thingmodel;

import java.util.List;
import java.util.Optional;

/**
 * What an asset interface (AID property, reached through an AIMC relation) says about the submodel element the
 * relation's {@code second} names: whether the twin may ask for a value (a setpoint: the relation carries desired
 * values back to the device), its unit, its bounds and its allowed values.
 *
 * @param writable a setpoint: the relation is {@code TwinLoopDirection = bidirectional} and the AID property is not
 *        {@code readOnly}, the same rule the connectors apply
 * @param unit the AID property's {@code unit}, if any
 * @param minimum the lower end of its {@code min_max}
 * @param maximum the upper end of its {@code min_max}
 * @param allowed its {@code enum}, empty if any value is allowed
 */
record InterfaceHint(boolean writable, Optional<String> unit, Optional<Bound> minimum, Optional<Bound> maximum,
        List<String> allowed) {

    InterfaceHint {
        allowed = List.copyOf(allowed);
    }

    /** Two relations to the same element: writable if either is, the tighter bounds. */
    InterfaceHint and(final InterfaceHint other) {
        return new InterfaceHint(writable || other.writable, unit.or(other::unit),
                Optional.ofNullable(Bound.tighterMinimum(minimum.orElse(null), other.minimum.orElse(null))),
                Optional.ofNullable(Bound.tighterMaximum(maximum.orElse(null), other.maximum.orElse(null))),
                allowed.isEmpty() ? other.allowed : allowed);
    }
}
