package io.twinloop.optimizer.plant;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.ditto.things.model.ThingId;

/**
 * The machines as the twins showed them at one moment: an immutable snapshot agents decide on. Each machine
 * carries the revision it was read at, which a decision records and its desired writes are conditional on.
 */
public record PlantView(Map<ThingId, MachineView> machinesById, Instant readAt) {

    public PlantView {
        machinesById = Map.copyOf(machinesById);
    }

    public static PlantView of(final Collection<MachineView> machines, final Instant readAt) {
        final Map<ThingId, MachineView> byId = new TreeMap<>();
        machines.forEach(machine -> byId.put(machine.thingId(), machine));
        return new PlantView(byId, readAt);
    }

    /** The machines, in thing id order. */
    public Collection<MachineView> machines() {
        return new TreeMap<>(machinesById).values();
    }

    public Optional<MachineView> machine(final ThingId thingId) {
        return Optional.ofNullable(machinesById.get(thingId));
    }

    /** Total electrical power of the line now, kW (machines without a reading count 0). */
    public double powerKw() {
        return machinesById.values().stream().mapToDouble(MachineView::powerKw).filter(p -> !Double.isNaN(p)).sum();
    }
}
