package io.twinloop.optimizer.sequencing;

import org.eclipse.ditto.things.model.ThingId;

/**
 * A twin's job queue the scheduling agent cannot use, naming the thing and the field: for example
 * {@code demo:CNC01 features/OperationalData/properties/JobQueue[2]/DueDate: missing}.
 */
public final class JobQueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ThingId thingId;
    private final String field;

    public JobQueueException(final ThingId thingId, final String field, final String problem) {
        super(thingId + " features/OperationalData/properties/" + field + ": " + problem);
        this.thingId = thingId;
        this.field = field;
    }

    public ThingId thingId() {
        return thingId;
    }

    /** The field below {@code OperationalData/properties}, e.g. {@code JobQueue[2]/DueDate}. */
    public String field() {
        return field;
    }
}
