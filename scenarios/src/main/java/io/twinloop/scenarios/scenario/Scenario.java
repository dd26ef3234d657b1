package io.twinloop.scenarios.scenario;

import io.twinloop.optimizer.goal.GoalLayer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A line to benchmark, as loaded and validated from a scenario file (format: the module README). Immutable.
 *
 * @param file the file it was loaded from
 * @param start the simulated instant a run starts at (the price series must cover the run from here)
 * @param stations machines in flow order: the routing is the order of this list
 * @param queueCapacity jobs that may wait in front of each machine after the first
 * @param goal the optimizer's goal layer (weights, bounds, throughput floor); its {@code Speed} bound is the safety
 *         bound every policy's speeds are checked against
 * @param declaredOnly what the file declares that runs do not simulate, in file order
 * @param overrides the values put into the file before it was read ({@code POINTER=JSON}, {@link ScenarioOverride})
 */
public record Scenario(Path file, String name, String description, Instant start, List<Station> stations,
        int queueCapacity, Demand demand, ShiftCalendar calendar, PriceReference prices, Degradation degradation,
        Maintenance maintenance, Costs costs, GoalLayer goal, PolicySettings policies,
        List<DeclaredOnly> declaredOnly, List<String> overrides) {

    /** The goal-layer bound policies' speed setpoints must keep to. */
    public static final String SPEED_BOUND = "Speed";

    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        stations = List.copyOf(stations);
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(degradation, "degradation");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(policies, "policies");
        declaredOnly = List.copyOf(declaredOnly);
        overrides = List.copyOf(overrides);
    }
}
