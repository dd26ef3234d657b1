package io.twinloop.scenarios.stack;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.approval.Proposal;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import io.twinloop.scenarios.run.SpareParts;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person in a headless run: an operator of its own ({@value LoopStack#APPROVER}, with its own approval key,
 * which the twins' guard trusts) who approves every proposal the optimizer makes, through the same
 * {@code OptimizerService.approve} the approvals API calls (re-checked on the twins as they are, signed with its
 * key), except that a proposal starting maintenance waits while the scenario's crews are all busy (as the
 * baselines' maintenance waits; the proposal stays open and is approved at a later step). Every proposal counts as
 * an action that needed approval, once.
 *
 * <p>The optimizer withdraws its desired {@code MaintenanceRequest} itself once the twin shows the maintenance
 * taken up. Only a request the connector reported refused (the plant would not start it) is removed here, by the
 * crew: the twin never shows it taken up, so the optimizer's work order would stay open and its maintenance agent
 * would leave the machine alone.
 */
public final class AutoApprover implements StepSettler.Work {

    private static final Logger LOG = LoggerFactory.getLogger(AutoApprover.class);
    private static final String MAINTENANCE_REQUEST = "MaintenanceRequest";
    private static final String OPERATIONAL = "OperationalData";

    private final LoopStack stack;
    private final int crewLimit;
    private final SpareParts spareParts;
    private final Map<ThingId, String> machines = new HashMap<>();
    private StepSettler settler;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> heldAtThisStep = new HashSet<>();
    private long approved;
    private long notDispatched;
    private long heldForCrew;
    private long refusedRequestsRemoved;

    public AutoApprover(final LoopStack stack, final int crewLimit) {
        this(stack, crewLimit, null);
    }

    /**
     * @param spareParts the parts on hand a repair needs (the crew waits for one); null: parts are not tracked
     */
    public AutoApprover(final LoopStack stack, final int crewLimit, final SpareParts spareParts) {
        this.stack = stack;
        this.crewLimit = crewLimit;
        this.spareParts = spareParts;
        stack.twins().machines().forEach((machine, thing) -> machines.put(thing, machine));
    }

    /** The settler whose reconciliation answers tell a refused maintenance request. */
    public AutoApprover answeredBy(final StepSettler value) {
        this.settler = value;
        return this;
    }

    /** A new plant step: proposals held for a crew may be counted again. */
    public void nextStep() {
        heldAtThisStep.clear();
    }

    @Override
    public boolean run(final PlantView view) {
        return closeWorkOrders(view) || approveOne(view);
    }

    private boolean closeWorkOrders(final PlantView view) {
        boolean closed = false;
        for (final MachineView machine : view.machines()) {
            final JsonValue desired = machine.desired(MAINTENANCE_REQUEST).orElse(null);
            if (desired == null || !desired.isBoolean() || !desired.asBoolean()) {
                continue;
            }
            final boolean takenUp = "MAINTENANCE".equals(machine.state()) || machine.maintenanceRequested();
            final boolean refused = settler != null
                    && settler.answered(machine.thingId(), MAINTENANCE_REQUEST, desired) && !takenUp;
            if (refused) {
                try {
                    stack.owner().delete(TwinPath.thing(machine.thingId()).desiredProperty(OPERATIONAL,
                            JsonPointer.of(MAINTENANCE_REQUEST)), RequestOptions.none()).join();
                } catch (final CompletionException e) {
                    if (!(e.getCause() instanceof NotFoundException)) {
                        throw e;
                    }
                    // closed already: the projection has not seen the deletion yet
                }
                if (settler != null) {
                    settler.forget(machine.thingId(), MAINTENANCE_REQUEST);
                }
                refusedRequestsRemoved++;
                closed = true;
                LOG.info("refused maintenance request removed: thing={}", machine.thingId());
            }
        }
        return closed;
    }

    private boolean approveOne(final PlantView view) {
        final List<Proposal> open = stack.optimizer().proposalStore().all().stream()
                .filter(p -> p.status() == Proposal.Status.OPEN).toList();
        for (final Proposal proposal : open) {
            if (seen.add(proposal.id())) {
                LOG.debug("proposal needs approval: id={} chosen=\"{}\"", proposal.id(),
                        proposal.decision().chosen().candidate().summary());
            }
            final List<Action> actions = proposal.decision().chosen().candidate().actions();
            final long starts = actions.stream().filter(AutoApprover::startsMaintenance).count();
            final Instant plantTime = stack.runtime().latest().time();
            final List<String> repairs = actions.stream().filter(AutoApprover::startsMaintenance)
                    .filter(a -> view.machine(a.thingId()).map(m -> "FAILED".equals(m.state())).orElse(false))
                    .map(a -> machines.get(a.thingId())).filter(java.util.Objects::nonNull).toList();
            if (spareParts != null && !repairs.stream().allMatch(m -> spareParts.repairCanStart(m, plantTime))) {
                continue; // the crew waits for a spare part (counted once per repair by SpareParts)
            }
            if (starts > 0 && busyCrews(view) + starts > crewLimit) {
                if (heldAtThisStep.add(proposal.id())) {
                    heldForCrew++;
                }
                continue;
            }
            try {
                final Proposal done = stack.optimizer().approve(proposal.id(), LoopStack.APPROVER)
                        .get(60, TimeUnit.SECONDS);
                approved++;
                if (spareParts != null && done.status() == Proposal.Status.DISPATCHED) {
                    repairs.forEach(m -> spareParts.repairStarted(m, plantTime));
                }
                if (done.status() != Proposal.Status.DISPATCHED) {
                    notDispatched++;
                }
                LOG.debug("proposal approved: id={} status={} note={}", done.id(), done.status(), done.note());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while approving " + proposal.id(), e);
            } catch (final Exception e) {
                throw new IllegalStateException("approving proposal " + proposal.id() + " ("
                        + proposal.decision().chosen().candidate().summary() + ") failed: " + e, e);
            }
            return true;
        }
        return false;
    }

    private static boolean startsMaintenance(final Action action) {
        return action.property().toString().equals("/" + MAINTENANCE_REQUEST) && action.value().isBoolean()
                && action.value().asBoolean();
    }

    /** Machines a crew works on now, as the twins show it, or is about to (maintenance desired, not begun). */
    private static long busyCrews(final PlantView view) {
        return view.machines().stream().filter(m -> "MAINTENANCE".equals(m.state())
                || m.desired(MAINTENANCE_REQUEST).filter(JsonValue::isBoolean).map(JsonValue::asBoolean)
                        .orElse(false)).count();
    }

    /** The spare parts the crew repairs with (untracked: none). */
    public SpareParts spareParts() {
        return spareParts == null ? SpareParts.none() : spareParts;
    }

    /** Proposals the optimizer made (each needed a person's approval). */
    public long needingApproval() {
        return seen.size();
    }

    public long approved() {
        return approved;
    }

    /** Approved, but the re-check found them no longer worth writing. */
    public long notDispatched() {
        return notDispatched;
    }

    /** Step × proposal that waited for a free crew. */
    public long heldForCrew() {
        return heldForCrew;
    }

    public long refusedRequestsRemoved() {
        return refusedRequestsRemoved;
    }
}
