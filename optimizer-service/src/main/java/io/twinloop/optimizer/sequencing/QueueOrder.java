package io.twinloop.optimizer.sequencing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.ditto.things.model.ThingId;

/**
 * The order of the waiting jobs at each machine of a line (machines in flow order): what a re-sequencing writes as
 * {@code desiredProperties/JobSequence}. Immutable; equal when every machine's order is equal.
 */
public record QueueOrder(Map<ThingId, List<String>> byMachine) {

    public QueueOrder {
        final Map<ThingId, List<String>> copy = new LinkedHashMap<>();
        byMachine.forEach((machine, order) -> copy.put(machine, List.copyOf(order)));
        byMachine = Collections.unmodifiableMap(copy);
    }

    public List<String> of(final ThingId machine) {
        return byMachine.getOrDefault(machine, List.of());
    }

    /** This order with one machine's order replaced. */
    public QueueOrder with(final ThingId machine, final List<String> order) {
        final Map<ThingId, List<String>> changed = new LinkedHashMap<>(byMachine);
        changed.put(machine, order);
        return new QueueOrder(changed);
    }

    /** The machines whose order differs from {@code other}'s, in flow order. */
    public List<ThingId> changedFrom(final QueueOrder other) {
        return byMachine.keySet().stream().filter(m -> !of(m).equals(other.of(m))).toList();
    }

    /** {@code demo:CNC01 [J3, J1, J2]} for the machines that differ from {@code other}. */
    public String describeChangesFrom(final QueueOrder other) {
        return changedFrom(other).stream().map(m -> m + " " + of(m)).collect(Collectors.joining("; "));
    }
}
