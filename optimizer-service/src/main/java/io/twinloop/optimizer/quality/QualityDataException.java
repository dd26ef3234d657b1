package io.twinloop.optimizer.quality;

import org.eclipse.ditto.things.model.ThingId;

/** A twin's quality data the agent cannot use, naming the thing and the property. */
public final class QualityDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ThingId thingId;
    private final String property;

    public QualityDataException(final ThingId thingId, final String property, final String problem) {
        super(thingId + " " + property + " " + problem);
        this.thingId = thingId;
        this.property = property;
    }

    public ThingId thingId() {
        return thingId;
    }

    /** The property's place, e.g. {@code TechnicalData/ToolOffsetSetting}. */
    public String property() {
        return property;
    }
}
