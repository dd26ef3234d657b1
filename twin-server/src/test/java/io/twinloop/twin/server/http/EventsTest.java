package io.twinloop.twin.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.twinloop.twin.server.store.ThingState;

class EventsTest {

    private static final ThingId THING = ThingId.of("demo:CNC01");
    private static final ThingState STATE = new ThingState(THING, Optional.empty(), 42,
            Instant.parse("2026-11-22T22:30:00.123Z"), 0);

    /** The merge built directly is the one Ditto's adapter makes of the merged message, headers and all. */
    @ParameterizedTest
    @ValueSource(strings = {"", "features", "features/OperationalData", "features/OperationalData/properties",
            "features/OperationalData/properties/Speed", "features/OperationalData/desiredProperties/Speed",
            "attributes", "attributes/location/hall"})
    void aMergeBuiltDirectlyEqualsTheAdaptersOneWherePatchingAnything(final String path) {
        final Resource resource = Resource.parse(THING, path.isEmpty() ? List.of() : List.of(path.split("/")))
                .orElseThrow();
        final JsonValue patch = JsonFactory.readFrom("{\"Vibration\":2.5,\"State\":\"RUNNING\",\"gone\":null}");
        final DittoHeaders headers = Events.eventHeaders(DittoHeaders.newBuilder().correlationId("merge-1")
                .putHeader("x-not-for-the-event", "1").build(), Events.Action.MERGED);

        final ThingEvent<?> direct = Events.merged(resource, patch, STATE, headers);
        final ThingEvent<?> adapted = Events.viaAdapter(resource, Events.Action.MERGED, Optional.of(patch), STATE,
                headers);

        assertThat(direct).isEqualTo(adapted);
        assertThat(direct.getDittoHeaders()).isEqualTo(adapted.getDittoHeaders());
        assertThat(direct.toJsonString()).isEqualTo(adapted.toJsonString());
        assertThat(direct.getRevision()).isEqualTo(42);
        assertThat(direct.getDittoHeaders().getCorrelationId()).contains("merge-1");
    }
}
