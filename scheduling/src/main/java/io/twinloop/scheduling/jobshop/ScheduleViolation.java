package io.twinloop.scheduling.jobshop;

/** One reason a set of start times is not a schedule of its shop, with the operations involved. */
public record ScheduleViolation(Kind kind, int operation, int other, String message) {

    /** What rule is broken. */
    public enum Kind {
        /** Wrong number of start times. */
        SHAPE,
        /** Starts before 0, its job's release or its machine's availability. */
        TOO_EARLY,
        /** Starts before its job predecessor has finished. */
        PRECEDENCE,
        /** Overlaps another operation on the same machine. */
        MACHINE_OVERLAP
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
