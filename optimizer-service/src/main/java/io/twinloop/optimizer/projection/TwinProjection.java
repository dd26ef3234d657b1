package io.twinloop.optimizer.projection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;

/**
 * The optimizer's derived, in-memory picture of the twins: rebuilt from the twin server (never the source of
 * truth), kept current by events. An event that does not follow the revision held (a gap) is not applied: the
 * twin must be read again ({@link Outcome#GAP}).
 */
public final class TwinProjection {

    /** What became of an event. */
    public enum Outcome {
        APPLIED,
        /** older than or equal to what is held: a replay after a reconnect */
        STALE,
        /** revisions were skipped, or the twin is unknown: read it again */
        GAP
    }

    private final Map<ThingId, JsonObject> things = new ConcurrentHashMap<>();
    /** who wrote each desired value; changed only inside the twin's update in {@link #things} */
    private final Map<ThingId, Map<String, DesiredOrigin>> origins = new ConcurrentHashMap<>();
    private final Clock clock;

    public TwinProjection(final Clock clock) {
        this.clock = clock;
    }

    /**
     * Holds the twin as read from the twin server (its {@code _revision} included). A read names no writers: its
     * desired values that changed unseen are marked as not seen written ({@link DesiredOrigin#writer()} empty).
     */
    public void replace(final ThingId thingId, final JsonObject thing) {
        things.compute(thingId, (id, held) -> {
            if (held != null && revision(thing) < revision(held)) {
                return held;
            }
            origins.put(id, DesiredOrigins.afterRead(id, origins.getOrDefault(id, Map.of()), thing,
                    clock.instant()));
            return thing;
        });
    }

    public void remove(final ThingId thingId) {
        things.computeIfPresent(thingId, (id, held) -> {
            origins.remove(id);
            return null;
        });
    }

    public Outcome apply(final ThingEvent<?> event) {
        final ThingId thingId = event.getEntityId();
        final Outcome[] outcome = {Outcome.GAP};
        things.computeIfPresent(thingId, (id, held) -> {
            final long revision = revision(held);
            if (event.getRevision() <= revision) {
                outcome[0] = Outcome.STALE;
                return held;
            }
            if (event.getRevision() != revision + 1) {
                return held;
            }
            outcome[0] = Outcome.APPLIED;
            final JsonObject changed = EventApplication.apply(held, event).orElse(null);
            if (changed == null) {
                origins.remove(id);
            } else {
                origins.put(id, DesiredOrigins.afterEvent(id, origins.getOrDefault(id, Map.of()), changed, event,
                        clock.instant()));
            }
            return changed;
        });
        return outcome[0];
    }

    /** The revision held for a twin, if it is held. */
    public java.util.OptionalLong revisionOf(final ThingId thingId) {
        final JsonObject held = things.get(thingId);
        return held == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(revision(held));
    }

    /** The twins held now. */
    public java.util.Set<ThingId> thingIds() {
        return java.util.Set.copyOf(things.keySet());
    }

    /** Who wrote each desired value held now, and when (see {@link DesiredOrigin}). */
    public List<DesiredOrigin> desiredOrigins() {
        final List<DesiredOrigin> all = new ArrayList<>();
        origins.values().forEach(ofThing -> all.addAll(ofThing.values()));
        return List.copyOf(all);
    }

    public int size() {
        return things.size();
    }

    /** The machines as held now. */
    public PlantView snapshot() {
        final List<MachineView> machines = new ArrayList<>();
        things.forEach((id, thing) -> {
            final MachineView machine = MachineView.of(id, thing);
            if (machine.isMachine()) {
                machines.add(machine);
            }
        });
        return PlantView.of(machines, clock.instant());
    }

    private static long revision(final JsonObject thing) {
        return thing.getValue("_revision").filter(JsonValue::isNumber).map(JsonValue::asLong).orElse(0L);
    }
}
