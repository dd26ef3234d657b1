package io.twinloop.optimizer.dispatch;

import org.eclipse.ditto.things.model.ThingId;

/**
 * What became of the desired values written to one twin.
 *
 * @param status what happened
 * @param detail the twin's answer in words (error code and description when refused)
 */
public record DispatchOutcome(ThingId thingId, Status status, long basedOnRevision, String detail) {

    public enum Status {
        /** written and persisted (the twin acknowledged {@code twin-persisted}) */
        WRITTEN,
        /** the twin moved on since the decision's revision (412): decide again on what it shows now */
        CONFLICT,
        /** refused for good (403, 400, 404 ...): not retried */
        REFUSED,
        /** no answer, or 408/429/5xx after the retries: the write may or may not have happened */
        FAILED
    }
}
