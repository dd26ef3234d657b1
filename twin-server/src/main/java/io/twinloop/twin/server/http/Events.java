package io.twinloop.twin.server.http;

import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.EventsTopicPathBuilder;
import org.eclipse.ditto.protocol.Payload;
import org.eclipse.ditto.protocol.PayloadBuilder;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingConstants;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

import io.twinloop.twin.server.store.ThingState;

/**
 * The Ditto {@link ThingEvent} a request causes, e.g. {@code FeaturePropertyModified} for a PUT of an existing
 * property, {@code ThingMerged} for a PATCH, {@code AttributeDeleted} for a DELETE of an attribute.
 * <p>
 * Built by describing the event as a Ditto Protocol message (topic action + path + value, exactly what Ditto
 * sends for it) and letting Ditto's own {@link DittoProtocolAdapter} map it to the event class: one mapping of
 * resource and action to the ~35 event classes, and the same one Ditto uses, instead of a hand-written switch over
 * their constructors. A merge, the event of every connector write, is the one built directly (see {@link #merged}).
 */
final class Events {

    enum Action { CREATED, MODIFIED, MERGED, DELETED }

    private Events() {}

    /**
     * @param value the resource's new value (the merge patch for {@link Action#MERGED}); empty for deletions
     */
    static ThingEvent<?> of(final Resource resource, final Action action, final Optional<JsonValue> value,
            final ThingState state, final ApiRequest request, final Set<AuthorizationSubject> readSubjects) {
        if (action == Action.MERGED) {
            // the busiest event: its headers built once, with what the other events get added below
            final DittoHeadersBuilder<?, ?> headers = eventHeadersBuilder(request.headers(), action);
            withReadersAndOriginator(headers, request, readSubjects);
            return merged(resource, value.orElseThrow(), state, headers);
        }
        final ThingEvent<?> event = viaAdapter(resource, action, value, state,
                eventHeadersBuilder(request.headers(), action).build());
        final DittoHeadersBuilder<?, ?> headers = event.getDittoHeaders().toBuilder();
        withReadersAndOriginator(headers, request, readSubjects);
        return event.setDittoHeaders(headers.build());
    }

    private static void withReadersAndOriginator(final DittoHeadersBuilder<?, ?> headers, final ApiRequest request,
            final Set<AuthorizationSubject> readSubjects) {
        // as in Ditto, the subjects that may read the change travel with the event and decide who receives it;
        // they are internal and never sent along (see OutgoingEvent)
        headers.readGrantedSubjects(readSubjects);
        // set here, after the adapter: it does not take ditto-originator from a message, as Ditto sets it itself
        request.subject().getFirstAuthorizationSubject().ifPresent(subject ->
                headers.putHeader(DittoHeaderDefinition.ORIGINATOR.getKey(), subject.getId()));
    }

    /**
     * A merge, the busiest event (every connector write), built directly: the adapter's mapping of a merged message
     * is this one constructor call, and going through it built and read a whole protocol message per merge.
     * {@code EventsTest} holds both ways equal.
     */
    static ThingEvent<?> merged(final Resource resource, final JsonValue patch, final ThingState state,
            final DittoHeaders headers) {
        return merged(resource, patch, state, headers.toBuilder());
    }

    private static ThingEvent<?> merged(final Resource resource, final JsonValue patch, final ThingState state,
            final DittoHeadersBuilder<?, ?> headers) {
        // the adapter names the entity from the message's topic, as Ditto's own events do
        headers.putHeader(DittoHeaderDefinition.ENTITY_ID.getKey(), ThingConstants.ENTITY_TYPE + ":"
                + resource.thingId());
        return ThingMerged.of(resource.thingId(), resource.pointerInThing(), patch, state.nextRevision(), state.now(),
                headers.build(), null);
    }

    /** Any event, described as the Ditto Protocol message Ditto sends for it and mapped by Ditto's adapter. */
    static ThingEvent<?> viaAdapter(final Resource resource, final Action action, final Optional<JsonValue> value,
            final ThingState state, final DittoHeaders headers) {
        final EventsTopicPathBuilder events = ProtocolFactory.newTopicPathBuilder(resource.thingId()).things().twin()
                .events();
        final var topic = switch (action) {
            case CREATED -> events.created();
            case MODIFIED -> events.modified();
            case MERGED -> events.merged();
            case DELETED -> events.deleted();
        };
        final JsonPointer path = resource.pointerInThing();
        final PayloadBuilder payload = ProtocolFactory.newPayloadBuilder(path.isEmpty() ? JsonPointer.of("/") : path)
                .withRevision(state.nextRevision())
                .withTimestamp(state.now());
        value.ifPresent(payload::withValue);
        final Payload built = payload.build();
        final Adaptable adaptable = ProtocolFactory.newAdaptableBuilder(topic.build())
                .withPayload(built)
                .withHeaders(headers)
                .build();
        final Signal<?> signal = ProtocolAdapter.get().fromAdaptable(adaptable);
        if (!(signal instanceof ThingEvent<?> event)) {
            throw new IllegalStateException("not a thing event: " + signal.getType());
        }
        return event;
    }

    /**
     * Like Ditto, an event keeps the command's correlation id and names its originator ({@code ditto-originator}: the
     * first authorization subject of the command, e.g. {@code nginx:alice}, so a subscriber can tell who changed what);
     * a merge keeps its content type.
     */
    static DittoHeaders eventHeaders(final DittoHeaders requestHeaders, final Action action) {
        return eventHeadersBuilder(requestHeaders, action).build();
    }

    private static DittoHeadersBuilder<?, ?> eventHeadersBuilder(final DittoHeaders requestHeaders,
            final Action action) {
        final DittoHeadersBuilder<?, ?> builder = DittoHeaders.newBuilder();
        requestHeaders.getCorrelationId().ifPresent(builder::correlationId);
        if (action == Action.MERGED) {
            builder.contentType(ThingsEndpoint.MERGE_PATCH);
        }
        return builder;
    }
}
