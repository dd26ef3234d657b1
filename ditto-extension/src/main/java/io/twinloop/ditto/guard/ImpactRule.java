package io.twinloop.ditto.guard;

import java.util.List;
import java.util.Optional;

/**
 * Which desired writes are high impact and need an operator's approval besides the agent's signature: those that
 * can change a configured location. A write changes a location when one of the leaves it sets overlaps it, or, for
 * a replacement or deletion, when its path does (replacing a parent removes what the new value leaves out).
 * The twin decides this from its own configuration; the agent does not get to declare a write low impact.
 */
public record ImpactRule(List<PathPattern> highImpact) {

    public ImpactRule {
        highImpact = List.copyOf(highImpact);
    }

    /** The first pattern the write can change, if any. */
    public Optional<PathPattern> highImpactMatch(final DesiredWrite write) {
        for (final PathPattern pattern : highImpact) {
            if (write.operation().replacesSubtree() && pattern.overlaps(write.path())) {
                return Optional.of(pattern);
            }
            if (write.touchedLeaves().stream().anyMatch(pattern::overlaps)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }
}
