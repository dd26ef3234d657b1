package io.twinloop.scenarios.run;

import io.twinloop.optimizer.goal.Bound;
import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.scenarios.policy.Decision;
import io.twinloop.scenarios.policy.Observation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between a policy and the plant, as the operator's rules would: a speed outside the safety bound is refused
 * and counted as a violation; an action needing approval is counted and not applied (no person approves in a
 * headless run); maintenance waits while every crew is busy (the scenario's crew limit), a repair while no spare
 * part of its kind is on hand ({@link SpareParts}); the rest goes to the plant,
 * which may still refuse it.
 */
final class ActionGate {

    private static final Logger LOG = LoggerFactory.getLogger(ActionGate.class);

    private final Plant plant;
    private final Bound speedBound;
    private final int crewLimit;
    private final RunLedger ledger;
    private final SpareParts spareParts;
    private long speedViolations;
    private long needingApproval;
    private long heldForCrew;
    private long rejected;

    ActionGate(final Plant plant, final Bound speedBound, final int crewLimit, final RunLedger ledger,
            final SpareParts spareParts) {
        this.spareParts = spareParts;
        this.plant = plant;
        this.speedBound = speedBound;
        this.crewLimit = crewLimit;
        this.ledger = ledger;
    }

    void apply(final List<Decision> decisions, final Observation observation) {
        long inMaintenance = observation.machines().stream()
                .filter(m -> m.state() == MachineState.MAINTENANCE).count();
        for (final Decision decision : decisions) {
            final Command command = decision.command();
            if (decision.needsApproval()) {
                needingApproval++;
            } else if (command instanceof Command.SetSpeed speed && !speedBound.contains(speed.percent())) {
                speedViolations++;
                LOG.warn("refused {} {} % at {}: outside the safety bound {}", command.machineId(), speed.percent(),
                        observation.time(), speedBound);
            } else if (command instanceof Command.RequestMaintenance && inMaintenance >= crewLimit) {
                heldForCrew++;
            } else {
                final boolean repair = observation.machines().stream().anyMatch(m -> m.id().equals(
                        command.machineId()) && m.state() == MachineState.FAILED);
                if (repair && command instanceof Command.RequestMaintenance
                        && !spareParts.repairCanStart(command.machineId(), observation.time())) {
                    continue; // no part on hand: the policy asks again at its next observation
                }
                final CommandResult result = plant.apply(command);
                if (!result.isAccepted()) {
                    rejected++;
                    LOG.debug("plant refused {}: {}", command, result.rejection().orElseThrow().message());
                } else if (command instanceof Command.RequestMaintenance) {
                    inMaintenance++;
                    ledger.maintenanceStarted(command.machineId(), repair);
                    if (repair) {
                        spareParts.repairStarted(command.machineId(), observation.time());
                    }
                }
            }
        }
    }

    long speedViolations() {
        return speedViolations;
    }

    long needingApproval() {
        return needingApproval;
    }

    long heldForCrew() {
        return heldForCrew;
    }

    SpareParts spareParts() {
        return spareParts;
    }

    long rejected() {
        return rejected;
    }
}
