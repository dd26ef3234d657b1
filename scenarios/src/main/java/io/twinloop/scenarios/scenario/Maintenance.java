package io.twinloop.scenarios.scenario;

import java.util.Map;

/**
 * The maintenance organisation.
 *
 * @param crewLimit machines that can be in maintenance (preventive or repair) at once; the runner holds further
 *         requests back until a crew is free
 * @param spareParts spare parts on hand by station kind (declared only: repairs do not consume them yet)
 */
public record Maintenance(int crewLimit, Map<StationKind, Integer> spareParts) {

    public Maintenance {
        spareParts = Map.copyOf(spareParts);
    }
}
