package io.twinloop.ditto.guard;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotModifiableException;

/**
 * Turns a refusal into the error the HTTP client receives. It is Ditto's own
 * {@link FeatureDesiredPropertiesNotModifiableException} (403, {@code things:feature.desiredProperties.notmodifiable})
 * with the guard's message and description: the things service sends errors to the gateway through Pekko's
 * serializer, which only deserializes error codes registered in the gateway's {@code GlobalErrorRegistry}; an error
 * class of this jar would not be registered there (the jar is only on the things service's class path). The
 * embedded twin server answers with the same exception, so a client sees one error shape from both.
 */
public final class GuardRefusals {

    private GuardRefusals() {
    }

    public static DittoRuntimeException toException(final GuardDecision refusal, final DittoHeaders headers) {
        final String thingId = refusal.write().map(w -> w.thingId()).orElse("unknown:unknown");
        final String featureId = refusal.write().map(w -> w.firstFeatureId()).orElse("");
        return FeatureDesiredPropertiesNotModifiableException.newBuilder(ThingId.of(thingId), featureId)
                .message(refusal.message())
                .description(refusal.description())
                .dittoHeaders(headers)
                .build();
    }
}
