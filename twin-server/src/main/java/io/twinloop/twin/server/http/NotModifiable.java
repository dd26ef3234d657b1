package io.twinloop.twin.server.http;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributeNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.AttributesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDefinitionNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertyNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertiesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturePropertyNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeaturesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingDefinitionNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotDeletableException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingNotModifiableException;

/**
 * Ditto's error for a write the policy does not allow (its {@code ThingCommandToModifyExceptionRegistry}): the
 * modified resource's "not modifiable" (403), "not deletable" for the thing itself, and for every merge the
 * thing's "not modifiable", since Ditto's registry has no entry of its own for a merge.
 */
final class NotModifiable {

    private NotModifiable() {}

    static DittoRuntimeException of(final Resource r, final String method) {
        final ThingId id = r.thingId();
        if ("PATCH".equals(method)) {
            return ThingNotModifiableException.newBuilder(id).build();
        }
        return switch (r.kind()) {
            case THING -> "DELETE".equals(method) ? ThingNotDeletableException.newBuilder(id).build()
                    : ThingNotModifiableException.newBuilder(id).build();
            case DEFINITION -> ThingDefinitionNotModifiableException.newBuilder(id).build();
            case ATTRIBUTES -> AttributesNotModifiableException.newBuilder(id).build();
            case ATTRIBUTE -> AttributeNotModifiableException.newBuilder(id, r.subPointer()).build();
            case FEATURES -> FeaturesNotModifiableException.newBuilder(id).build();
            case FEATURE -> FeatureNotModifiableException.newBuilder(id, r.featureId()).build();
            case FEATURE_DEFINITION -> FeatureDefinitionNotModifiableException.newBuilder(id, r.featureId()).build();
            case FEATURE_PROPERTIES -> FeaturePropertiesNotModifiableException.newBuilder(id, r.featureId()).build();
            case FEATURE_PROPERTY ->
                    FeaturePropertyNotModifiableException.newBuilder(id, r.featureId(), r.subPointer()).build();
            case FEATURE_DESIRED_PROPERTIES ->
                    FeatureDesiredPropertiesNotModifiableException.newBuilder(id, r.featureId()).build();
            case FEATURE_DESIRED_PROPERTY ->
                    FeatureDesiredPropertyNotModifiableException.newBuilder(id, r.featureId(), r.subPointer()).build();
        };
    }
}
