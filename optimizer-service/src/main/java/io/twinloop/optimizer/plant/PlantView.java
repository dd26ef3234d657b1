package io.twinloop.optimizer.plant;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.ditto.things.model.ThingId;

/**
 * The machines as the twins showed them at one moment: an immutable snapshot agents decide on. Each machine
 * carries the revision it was read at, which a decision records and its desired writes are conditional on.
 */
public final class PlantView {

    private final List<MachineView> machines;
    private final Map<ThingId, MachineView> byId;
    private final Instant readAt;

    private PlantView(final List<MachineView> machines, final Instant readAt) {
        this.machines = machines;
        this.byId = machines.stream().collect(Collectors.toUnmodifiableMap(MachineView::thingId, Function.identity()));
        this.readAt = Objects.requireNonNull(readAt, "readAt");
    }

    public static PlantView of(final Collection<MachineView> machines, final Instant readAt) {
        return new PlantView(machines.stream().sorted(Comparator.comparing(MachineView::thingId)).toList(), readAt);
    }

    /** The machines, in thing id order. */
    public List<MachineView> machines() {
        return machines;
    }

    public Optional<MachineView> machine(final ThingId thingId) {
        return Optional.ofNullable(byId.get(thingId));
    }

    public Instant readAt() {
        return readAt;
    }

    /** Total electrical power of the line now, kW (machines without a reading count 0). */
    public double powerKw() {
        return machines.stream().mapToDouble(MachineView::powerKw).filter(p -> !Double.isNaN(p)).sum();
    }
}
