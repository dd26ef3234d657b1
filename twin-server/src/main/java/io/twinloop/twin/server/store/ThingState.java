package io.twinloop.twin.server.store;

import java.time.Instant;
import java.util.Optional;

import org.eclipse.ditto.things.model.Attributes;
import org.eclipse.ditto.things.model.Features;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

/**
 * What a modification sees: the thing's current state and the revision and time its change will get.
 *
 * @param thingId the thing being modified
 * @param current the thing now, empty if it does not exist (never created, or deleted)
 * @param nextRevision the revision the change will have; revisions keep counting across delete and re-create
 * @param now the change's timestamp
 * @param currentJsonBytes the size of the current thing's stored JSON (with {@code _revision}, {@code _created},
 *        {@code _modified}), 0 if it does not exist: an upper bound of its size as Ditto measures it, known
 *        without serializing the thing
 */
public record ThingState(ThingId thingId, Optional<Thing> current, long nextRevision, Instant now,
        long currentJsonBytes) {

    /** The new content stamped with the next revision, the modification time and the (kept) creation time. */
    public Thing stamp(final Thing newContent) {
        final Instant created = current.flatMap(Thing::getCreated).orElse(now);
        // Ditto's copy builder rebuilds (and re-validates key by key) the attributes and features, which for an
        // AAS-backed thing are nearly all of it; they are already valid, so they are taken out for the builder and
        // put back as they are
        final Optional<Attributes> attributes = newContent.getAttributes();
        final Optional<Features> features = newContent.getFeatures();
        final Thing stamped = newContent.removeAttributes().removeFeatures().toBuilder()
                .setId(thingId)
                .setRevision(nextRevision)
                .setModified(now)
                .setCreated(created)
                .build();
        final Thing withAttributes = attributes.map(stamped::setAttributes).orElse(stamped);
        return features.map(withAttributes::setFeatures).orElse(withAttributes);
    }
}
