package io.twinloop.twin.server.store;

import java.util.Collection;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * A current thing as a scan over the store meets it: cheap to look at in part, materialized whole only on demand.
 */
public final class ScannedThing {

    private final StoredThing stored;

    ScannedThing(final StoredThing stored) {
        this.stored = stored;
    }

    /**
     * The thing with only {@code fields} (and its id, policy id and namespace), cut from its stored JSON; a field
     * it does not have is absent, as in the whole thing.
     */
    public Thing with(final Collection<JsonPointer> fields) {
        return ThingsModelFactory.newThing(JsonProjection.of(stored.json(), fields));
    }

    /** The whole thing (parsed unless recently written). */
    public Thing whole() {
        return stored.thing();
    }
}
