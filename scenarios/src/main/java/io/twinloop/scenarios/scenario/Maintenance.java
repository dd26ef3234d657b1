package io.twinloop.scenarios.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The maintenance organisation.
 *
 * @param crewLimit machines that can be in maintenance (preventive or repair) at once; the runner holds further
 *         requests back until a crew is free
 * @param spareParts spare parts on hand by station kind: a repair uses one (a kind not listed is not tracked)
 * @param sparePartsLeadTime how long a part used takes to be replaced (reordered at once)
 */
public record Maintenance(int crewLimit, Map<StationKind, Integer> spareParts, Duration sparePartsLeadTime) {

    /** The default lead time of a spare part: two days. */
    public static final Duration DEFAULT_LEAD_TIME = Duration.ofHours(48);

    public Maintenance {
        spareParts = Map.copyOf(spareParts);
        Objects.requireNonNull(sparePartsLeadTime, "sparePartsLeadTime");
    }
}
