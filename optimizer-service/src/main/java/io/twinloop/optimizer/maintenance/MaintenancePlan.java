package io.twinloop.optimizer.maintenance;

import java.util.Optional;
import org.eclipse.ditto.things.model.ThingId;

/**
 * What the maintenance agent made of one machine at its last look: the risk, whether maintenance is proposed now or
 * deferred to the next low-demand window, and the spare part it is short of.
 *
 * @param window in words: why now is or is not a low-demand window, and the plan
 * @param proposedNow whether a candidate was proposed (else deferred: nothing is proposed until a window comes or
 *     the risk turns urgent)
 */
public record MaintenancePlan(ThingId machine, FailureRisk risk, String window, boolean proposedNow,
        Optional<SparePartNeed> partNeed) {
}
