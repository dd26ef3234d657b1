package io.twinloop.twin.server.http;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributeNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDefinitionNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertyNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertiesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertyNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturesNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingDefinitionNotAccessibleException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotAccessibleException;

/** Ditto's "not accessible" exception for a missing resource (a missing feature is reported as such first). */
final class NotFound {

    private NotFound() {}

    static DittoRuntimeException thing(final ThingId thingId) {
        return ThingNotAccessibleException.newBuilder(thingId).build();
    }

    static DittoRuntimeException resource(final Resource r, final Thing thing) {
        final ThingId id = r.thingId();
        if (r.needsFeature() && !r.featureExists(thing)) {
            return FeatureNotAccessibleException.newBuilder(id, r.featureId()).build();
        }
        return refused(r);
    }

    /** The resource's "not accessible" error, which is also Ditto's answer to a read the policy does not allow. */
    static DittoRuntimeException refused(final Resource r) {
        final ThingId id = r.thingId();
        return switch (r.kind()) {
            case THING -> thing(id);
            case DEFINITION -> ThingDefinitionNotAccessibleException.newBuilder(id).build();
            case ATTRIBUTES -> AttributesNotAccessibleException.newBuilder(id).build();
            case ATTRIBUTE -> AttributeNotAccessibleException.newBuilder(id, r.subPointer()).build();
            case FEATURES -> FeaturesNotAccessibleException.newBuilder(id).build();
            case FEATURE -> FeatureNotAccessibleException.newBuilder(id, r.featureId()).build();
            case FEATURE_DEFINITION -> FeatureDefinitionNotAccessibleException.newBuilder(id, r.featureId()).build();
            case FEATURE_PROPERTIES -> FeaturePropertiesNotAccessibleException.newBuilder(id, r.featureId()).build();
            case FEATURE_PROPERTY ->
                    FeaturePropertyNotAccessibleException.newBuilder(id, r.featureId(), r.subPointer()).build();
            case FEATURE_DESIRED_PROPERTIES ->
                    FeatureDesiredPropertiesNotAccessibleException.newBuilder(id, r.featureId()).build();
            case FEATURE_DESIRED_PROPERTY ->
                    FeatureDesiredPropertyNotAccessibleException.newBuilder(id, r.featureId(), r.subPointer()).build();
        };
    }
}
