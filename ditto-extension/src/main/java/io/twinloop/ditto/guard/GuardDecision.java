package io.twinloop.ditto.guard;

import java.util.Optional;

/**
 * What the guard decided about one write, and why. A refusal carries a message (what was refused) and a
 * description (why, and what the writer must do), written for the HTTP client that receives them.
 */
public record GuardDecision(Outcome outcome, String detail, Optional<DesiredWrite> write, Optional<String> agent) {

    /** Every outcome; the refusals' codes end the error description as {@code (twinloop guard: CODE)}. */
    public enum Outcome {
        GUARD_DISABLED(true),
        NOT_DESIRED(true),
        OTHER_SUBJECT_ALLOWED(true),
        SIGNED(true),
        SIGNED_AND_APPROVED(true),
        OTHER_SUBJECT_REFUSED(false),
        UNSIGNED(false),
        MALFORMED(false),
        UNKNOWN_KEY(false),
        KEY_OF_OTHER_AGENT(false),
        MISSING_IF_MATCH(false),
        REVISION_MISMATCH(false),
        MISSING_NOT_AFTER(false),
        EXPIRED(false),
        NOT_AFTER_TOO_FAR(false),
        TOO_LARGE(false),
        BAD_SIGNATURE(false),
        MISSING_APPROVAL(false),
        UNKNOWN_APPROVER(false),
        BAD_APPROVAL(false);

        private final boolean allowed;

        Outcome(final boolean allowed) {
            this.allowed = allowed;
        }

        public boolean allowed() {
            return allowed;
        }
    }

    public boolean allowed() {
        return outcome.allowed();
    }

    /** For a refusal: {@code The desired properties write (modify) to thing 'x' at '/features/..' was refused.} */
    public String message() {
        return write.map(w -> "The desired properties write (" + w.operation().wireName() + ") to thing '"
                        + w.thingId() + "' at '" + w.path() + "' was refused by the TwinLoop guard.")
                .orElse("The write was refused by the TwinLoop guard.");
    }

    /** For a refusal: the reason, then {@code (twinloop guard: CODE)}. */
    public String description() {
        return detail + " (twinloop guard: " + outcome + ")";
    }
}
