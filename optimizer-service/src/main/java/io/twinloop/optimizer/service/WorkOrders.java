package io.twinloop.optimizer.service;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.dispatch.DispatchOutcome;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The maintenance requests the service wrote and has not withdrawn yet: one work order per machine, from the
 * decision that asked for it (and the operator who approved it, when it needed approval) until the twin shows the
 * maintenance taken up ({@code State} {@code MAINTENANCE}, or the actual {@code MaintenanceRequest} true: the plant
 * shows it while the maintenance lasts). Then the desired {@code MaintenanceRequest} is withdrawn, so the connector
 * does not ask for the maintenance again once it is over and the maintenance agent, which leaves a machine alone
 * while its maintenance is desired, plans that machine again.
 *
 * <p>A desired request that someone else removed (or replaced) is no longer the service's work order and is
 * forgotten; so is a machine no longer followed. Thread-safe.
 */
final class WorkOrders {

    static final JsonPointer MAINTENANCE_REQUEST = JsonPointer.of("MaintenanceRequest");

    /**
     * One open work order.
     *
     * @param decisionId the decision that wrote the request (the withdrawal is logged and signed under it)
     * @param approver the operator who approved it, whose approval also covers its withdrawal; empty for a
     *     routine request
     */
    record WorkOrder(ThingId machine, String decisionId, Optional<String> approver) {
    }

    /** A work order due for withdrawal, with the action that withdraws it on the revision the view showed. */
    record Withdrawal(WorkOrder order, Action action, String reason) {
    }

    private final Map<ThingId, WorkOrder> open = new HashMap<>();
    private final Map<ThingId, WorkOrder> withdrawing = new HashMap<>();

    /** The actions of a decision were written: each maintenance request on a twin that accepted it opens an order. */
    synchronized void written(final List<Action> actions, final List<DispatchOutcome> outcomes,
            final String decisionId, final Optional<String> approver) {
        for (final Action action : actions) {
            final boolean request = MAINTENANCE_REQUEST.equals(action.property()) && action.value().isBoolean()
                    && action.value().asBoolean();
            final boolean accepted = outcomes.stream().anyMatch(o -> o.thingId().equals(action.thingId())
                    && o.status() == DispatchOutcome.Status.WRITTEN);
            if (request && accepted) {
                open.put(action.thingId(), new WorkOrder(action.thingId(), decisionId, approver));
                withdrawing.remove(action.thingId());
            }
        }
    }

    /**
     * The orders whose maintenance the view shows taken up, each marked as being withdrawn (not returned again
     * until {@link #withdrawn} says how it went); orders whose request the twin no longer holds are forgotten.
     */
    synchronized List<Withdrawal> due(final PlantView view) {
        final List<Withdrawal> due = new ArrayList<>();
        for (final WorkOrder order : List.copyOf(open.values())) {
            final Optional<MachineView> machine = view.machine(order.machine());
            final boolean desired = machine.flatMap(m -> m.desired("MaintenanceRequest"))
                    .filter(JsonValue::isBoolean).map(JsonValue::asBoolean).orElse(false);
            if (!desired) {
                open.remove(order.machine());
                continue;
            }
            final boolean takenUp = "MAINTENANCE".equals(machine.get().state())
                    || machine.get().maintenanceRequested();
            if (takenUp && !withdrawing.containsKey(order.machine())) {
                withdrawing.put(order.machine(), order);
                due.add(new Withdrawal(order, new Action(order.machine(), MachineView.OPERATIONAL,
                        MAINTENANCE_REQUEST, JsonValue.nullLiteral(), machine.get().revision()),
                        "the twin shows " + order.machine() + " in maintenance (state " + machine.get().state()
                                + "): the work order is taken up"));
            }
        }
        return due;
    }

    /**
     * How a withdrawal went: written (or refused: it is not retried) closes the order; a conflict or failure is
     * tried again at the next look.
     */
    synchronized void withdrawn(final WorkOrder order, final DispatchOutcome outcome) {
        withdrawing.remove(order.machine());
        if (outcome.status() == DispatchOutcome.Status.WRITTEN || outcome.status() == DispatchOutcome.Status.REFUSED) {
            open.remove(order.machine(), order);
        }
    }

    synchronized int open() {
        return open.size();
    }
}
