package io.twinloop.optimizer.hold;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How long a person's desired value holds, and who is not a person.
 *
 * @param holdTime how long after a person wrote a desired value no agent writes that property without an approved
 *     override; {@link Duration#ZERO}: no holds at all (the optimizer overwrites anyone, as before holds existed)
 * @param agentSubjects the subjects the optimizer itself writes as (every instance's, e.g. {@code nginx:optimizer});
 *     a desired value written by any other subject is a person's
 */
public record HoldSettings(Duration holdTime, Set<String> agentSubjects) {

    /** A shift. */
    public static final Duration DEFAULT_HOLD_TIME = Duration.ofHours(8);
    /** The subject the demo's and the bench's optimizer user acts as (HTTP basic through nginx, or the twin server). */
    public static final String DEFAULT_AGENT_SUBJECT = "nginx:optimizer";

    public HoldSettings {
        if (holdTime == null || holdTime.isNegative()) {
            throw new IllegalArgumentException("manual holds: holdTime must be zero (off) or positive, was "
                    + holdTime);
        }
        Objects.requireNonNull(agentSubjects, "agentSubjects");
        agentSubjects = Set.copyOf(agentSubjects);
        for (final String subject : agentSubjects) {
            if (subject.isBlank() || !subject.contains(":")) {
                throw new IllegalArgumentException("manual holds: an agent subject is <issuer>:<subject>, e.g. "
                        + DEFAULT_AGENT_SUBJECT + ", was '" + subject + "'");
            }
        }
        if (!holdTime.isZero() && agentSubjects.isEmpty()) {
            throw new IllegalArgumentException("manual holds: name the subject(s) the optimizer writes as "
                    + "(agentSubjects), or its own desired values would count as a person's and hold themselves");
        }
    }

    /** A shift (8 h); the optimizer writes as {@value #DEFAULT_AGENT_SUBJECT}. */
    public static HoldSettings defaults() {
        return new HoldSettings(DEFAULT_HOLD_TIME, Set.of(DEFAULT_AGENT_SUBJECT));
    }

    /** No holds: every desired value may be overwritten by the agents. */
    public static HoldSettings off() {
        return new HoldSettings(Duration.ZERO, Set.of());
    }

    public boolean enabled() {
        return !holdTime.isZero();
    }

    public HoldSettings withHoldTime(final Duration value) {
        return new HoldSettings(value, agentSubjects);
    }

    public HoldSettings withAgentSubjects(final Set<String> value) {
        return new HoldSettings(holdTime, value);
    }
}
