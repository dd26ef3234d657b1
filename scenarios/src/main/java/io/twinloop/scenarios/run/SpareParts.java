package io.twinloop.scenarios.run;

import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.Station;
import io.twinloop.scenarios.scenario.StationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spare parts on hand (the scenario's {@code maintenance.spareParts}): a repair (of a failed machine) needs one part
 * of its station's kind; with none on hand it waits until a part arrives. Stock is kept by a base-stock rule: the
 * declared count is the target, and whenever parts on hand plus parts on order less repairs waiting fall below it,
 * a part is ordered at once and arrives {@code sparePartsLeadTime} later (a part used is replaced; a repair that finds
 * none, with a target of 0, orders its own). Preventive maintenance needs no part (consumables are not modelled), and
 * a kind the scenario lists no stock for is not tracked (its repairs never wait). Not thread-safe: one per run.
 */
public final class SpareParts {

    private final Map<String, StationKind> kinds = new HashMap<>();
    private final Map<StationKind, Integer> onHand;
    private final Map<StationKind, Integer> target;
    private final Map<StationKind, List<Instant>> onOrder = new EnumMap<>(StationKind.class);
    private final Duration leadTime;
    private final Set<String> waiting = new HashSet<>();
    private long repairsWaited;
    private long used;

    private SpareParts(final Scenario scenario) {
        for (final Station station : scenario.stations()) {
            kinds.put(station.id(), station.kind());
        }
        this.onHand = new EnumMap<>(StationKind.class);
        onHand.putAll(scenario.maintenance().spareParts());
        this.target = Map.copyOf(scenario.maintenance().spareParts());
        this.leadTime = scenario.maintenance().sparePartsLeadTime();
    }

    public static SpareParts of(final Scenario scenario) {
        return new SpareParts(scenario);
    }

    /** Nothing tracked: every repair can start. */
    public static SpareParts none() {
        return new SpareParts();
    }

    private SpareParts() {
        this.onHand = new EnumMap<>(StationKind.class);
        this.target = Map.of();
        this.leadTime = Duration.ZERO;
    }

    /**
     * Whether the repair of {@code machineId} can start at {@code now}; if not, the repair is counted as waiting
     * (once per repair, however often it is asked).
     */
    public boolean repairCanStart(final String machineId, final Instant now) {
        final Optional<StationKind> kind = tracked(machineId);
        if (kind.isEmpty()) {
            return true;
        }
        receive(kind.get(), now);
        if (onHand.get(kind.get()) > 0) {
            return true;
        }
        if (waiting.add(machineId)) {
            repairsWaited++;
            replenish(kind.get(), now);
        }
        return false;
    }

    /** The repair of {@code machineId} started at {@code now}: one part used, one reordered. */
    public void repairStarted(final String machineId, final Instant now) {
        waiting.remove(machineId);
        final Optional<StationKind> kind = tracked(machineId);
        if (kind.isEmpty()) {
            return;
        }
        receive(kind.get(), now);
        onHand.merge(kind.get(), -1, Integer::sum);
        used++;
        replenish(kind.get(), now);
    }

    /** Orders parts until on hand + on order − repairs waiting is back at the target. */
    private void replenish(final StationKind kind, final Instant now) {
        final List<Instant> orders = onOrder.computeIfAbsent(kind, k -> new ArrayList<>());
        final long waitingHere = waiting.stream().filter(machine -> kinds.get(machine) == kind).count();
        while (onHand.get(kind) + orders.size() - waitingHere < target.get(kind)) {
            orders.add(now.plus(leadTime));
        }
    }

    private Optional<StationKind> tracked(final String machineId) {
        return Optional.ofNullable(kinds.get(machineId)).filter(onHand::containsKey);
    }

    private void receive(final StationKind kind, final Instant now) {
        final List<Instant> arriving = onOrder.getOrDefault(kind, List.of());
        final long arrived = arriving.stream().filter(at -> !at.isAfter(now)).count();
        if (arrived > 0) {
            arriving.removeIf(at -> !at.isAfter(now));
            onHand.merge(kind, (int) arrived, Integer::sum);
        }
    }

    /** Repairs that had to wait for a part. */
    public long repairsWaited() {
        return repairsWaited;
    }

    /** Parts used by repairs. */
    public long used() {
        return used;
    }
}
