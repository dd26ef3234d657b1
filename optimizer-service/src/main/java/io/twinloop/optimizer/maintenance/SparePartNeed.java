package io.twinloop.optimizer.maintenance;

import java.time.Duration;
import java.util.Locale;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A spare part a proposed maintenance needs and the store does not hold: for the person who approves the
 * maintenance (it is in the candidate's summary and reasoning, so in the decision record and the proposal) and for
 * whoever orders parts ({@link MaintenanceAgent#partNeeds()}).
 *
 * @param machine the machine whose maintenance needs it
 * @param partNumber the part
 * @param onHand how many the store holds (less than one maintenance needs)
 * @param leadTime how long an order takes to arrive
 */
public record SparePartNeed(ThingId machine, String partNumber, int onHand, Duration leadTime) {

    /** The line a person reads. */
    public String message() {
        return String.format(Locale.ROOT, "spare part needed: %s for %s, %d on hand, order now (lead time %s)",
                partNumber, machine, onHand, leadTimeText(leadTime));
    }

    static String leadTimeText(final Duration leadTime) {
        final long hours = leadTime.toHours();
        return hours >= 48 && hours % 24 == 0 ? hours / 24 + " days" : hours + " h";
    }
}
