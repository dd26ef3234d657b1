package io.twinloop.scheduling.jobshop;

import java.util.List;
import java.util.stream.Collectors;

/** Start times that break the shop's rules; lists every violation found (the first few in the message). */
public final class InvalidScheduleException extends IllegalArgumentException {

    private static final int SHOWN = 5;

    private final transient List<ScheduleViolation> violations;

    public InvalidScheduleException(final String shop, final List<ScheduleViolation> violations) {
        super("invalid schedule for " + shop + ": " + violations.size() + " violation(s): "
                + violations.stream().limit(SHOWN).map(ScheduleViolation::toString).collect(Collectors.joining("; "))
                + (violations.size() > SHOWN ? "; ..." : ""));
        this.violations = List.copyOf(violations);
    }

    public List<ScheduleViolation> violations() {
        return violations;
    }
}
