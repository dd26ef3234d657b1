package io.twinloop.twin.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
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

    /** A request's merge event names its readers and originator, as the other events, with one build of headers. */
    @ParameterizedTest
    @ValueSource(strings = {"features", "features/OperationalData/properties"})
    void aRequestsMergeEventCarriesReadersAndOriginatorAsTheAdaptersEventWouldWithThem(final String path) {
        final Resource resource = Resource.parse(THING, List.of(path.split("/"))).orElseThrow();
        final JsonValue patch = JsonFactory.readFrom("{\"Vibration\":2.5}");
        final AuthorizationSubject connector = AuthorizationSubject.newInstance("nginx:connector");
        final ApiRequest request = new ApiRequest("PATCH", resource, DittoHeaders.newBuilder()
                .correlationId("merge-2").build(), Optional.empty(), "", Optional.of(patch),
                Optional.of(ThingsEndpoint.MERGE_PATCH), "/", false,
                AuthorizationContext.newInstance(DittoAuthorizationContextType.UNSPECIFIED, connector));
        final Set<AuthorizationSubject> readers = Set.of(connector, AuthorizationSubject.newInstance("nginx:agent"));

        final ThingEvent<?> event = Events.of(resource, Events.Action.MERGED, Optional.of(patch), STATE, request,
                readers);

        final ThingEvent<?> adapted = Events.viaAdapter(resource, Events.Action.MERGED, Optional.of(patch), STATE,
                Events.eventHeaders(request.headers(), Events.Action.MERGED));
        assertThat(event).isEqualTo(adapted.setDittoHeaders(adapted.getDittoHeaders().toBuilder()
                .readGrantedSubjects(readers).putHeader(DittoHeaderDefinition.ORIGINATOR.getKey(), "nginx:connector")
                .build()));
        assertThat(event.getDittoHeaders().getReadGrantedSubjects()).containsExactlyInAnyOrderElementsOf(readers);
        assertThat(event.getDittoHeaders().get(DittoHeaderDefinition.ORIGINATOR.getKey()))
                .isEqualTo("nginx:connector");
        assertThat(event.getDittoHeaders().getCorrelationId()).contains("merge-2");
        assertThat(event.getDittoHeaders().get(DittoHeaderDefinition.ENTITY_ID.getKey()))
                .isEqualTo(adapted.getDittoHeaders().get(DittoHeaderDefinition.ENTITY_ID.getKey()));
    }
}
