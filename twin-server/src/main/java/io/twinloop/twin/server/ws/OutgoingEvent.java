package io.twinloop.twin.server.ws;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.headers.DittoHeaders;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.twin.server.http.ProtocolAdapter;

/**
 * One change on its way to the sessions: converted to a Ditto Protocol envelope once, with Ditto's own adapter,
 * and rendered once for all sessions without {@code extraFields} (the common case). Writer thread only.
 */
final class OutgoingEvent {



    private final Supplier<ThingEvent<?>> eventWithReadSubjects;
    final Optional<Thing> thing;
    private Set<AuthorizationSubject> readSubjects;
    private final BiFunction<Thing, AuthorizationContext, Optional<Thing>> readableView;
    /** Built on first use: most changes reach no subscribed session. */
    private ThingEvent<?> event;
    private Adaptable adaptable;
    private String plainJson;

    /**
     * @param event the change, carrying in its headers the subjects that may read it (never sent along)
     * @param readableView what a subject may read of a thing (extra fields show only that)
     */
    OutgoingEvent(final Supplier<ThingEvent<?>> event, final Optional<Thing> thing,
            final BiFunction<Thing, AuthorizationContext, Optional<Thing>> readableView) {
        this.eventWithReadSubjects = event;
        this.thing = thing;
        this.readableView = readableView;
    }

    /** The event as sent: without the read subjects. */
    ThingEvent<?> event() {
        if (event == null) {
            final ThingEvent<?> built = eventWithReadSubjects.get();
            final DittoHeaders headers = built.getDittoHeaders();
            readSubjects = Set.copyOf(headers.getReadGrantedSubjects());
            event = built.setDittoHeaders(headers.toBuilder().readGrantedSubjects(Set.of()).build());
        }
        return event;
    }

    Adaptable adaptable() {
        if (adaptable == null) {
            adaptable = ProtocolAdapter.get().toAdaptable(event());
        }
        return adaptable;
    }

    /** The thing after the change as {@code subject} may read it; empty after a deletion. */
    Optional<Thing> thingAsReadBy(final AuthorizationContext subject) {
        return thing.flatMap(t -> readableView.apply(t, subject));
    }

    /** Whether the thing's policy lets {@code subject} read the changed resource (Ditto's read-subject check). */
    boolean readableBy(final AuthorizationSubject subject) {
        event();
        return readSubjects.contains(subject);
    }

    /** The envelope's JSON, with {@code extra} if the session asked for extra fields and there are any. */
    String json(final JsonObject extra) {
        if (extra.isEmpty()) {
            if (plainJson == null) {
                plainJson = ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable()).toJsonString();
            }
            return plainJson;
        }
        return ProtocolFactory.wrapAsJsonifiableAdaptable(ProtocolFactory.setExtra(adaptable(), extra)).toJsonString();
    }
}
