package io.twinloop.scenarios.run;

import io.twinloop.optimizer.goal.Bound;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run measured. Hours are machine-hours summed over the line; costs in EUR.
 *
 * @param goodUnits parts out of the last machine (a CNC part measured out of tolerance is scrap and made again; a
 *         part in a machine that fails is scrap)
 * @param energyPerGoodUnitKwh NaN when nothing was made
 * @param unplannedDowntimeHours time machines spent failed or under repair
 * @param plannedMaintenanceHours time machines spent in preventive maintenance
 * @param safetyBoundViolations speed setpoints a policy asked for outside the goal's Speed bound (refused, counted)
 *         plus observations of a machine running outside it after the policy's first decision; must be 0
 * @param actionsNeedingApproval actions a policy marked as needing a person's approval (not applied headless)
 * @param maintenanceHeldForCrew maintenance requests held back because every crew was busy
 * @param repairsWaitingForParts repairs that waited for a spare part (none on hand; {@link SpareParts})
 * @param rejectedCommands commands the plant refused (e.g. maintenance for a machine already in maintenance)
 * @param wallMillis wall-clock time of the run
 * @param energyKwhByState the energy drawn in each machine state ({@code RUNNING}, {@code STANDBY}, {@code OFF}, ...;
 *         by the state at the start of each observation interval): what a policy could still save by switching
 *         machines off or down, and what producing costs. In the JSON only, not in the CSV
 * @param staffedHours the hours the scenario's shift calendar staffs in the run (all of it around the clock)
 * @param speedBound the goal's Speed bound every policy is held to (the safety bound), in per cent
 * @param machineTime per machine (in line order), where its time went; JSON only
 * @param declaredOnly what the scenario declares that the run did not simulate
 * @param overrides the scenario values the run was given in place of the file's ({@code bench plant --set})
 */
public record RunResult(String scenario, String policy, long seed, double days, double energyKwh,
        double energyPerGoodUnitKwh, double unplannedDowntimeHours, double plannedMaintenanceHours, long goodUnits,
        long jobsShipped, long failures, long preventiveMaintenances, long repairs, double energyCostEur,
        double downtimeCostEur, double maintenanceCostEur, double totalCostEur, long safetyBoundViolations,
        long actionsNeedingApproval, long maintenanceHeldForCrew, long repairsWaitingForParts, long rejectedCommands,
        long wallMillis, Map<String, Double> energyKwhByState, double staffedHours, Bound speedBound,
        Map<String, MachineTime> machineTime, List<String> declaredOnly, List<String> overrides) {

    /** Column order of the CSV, the JSON field names. */
    public static final List<String> COLUMNS = List.of("scenario", "policy", "seed", "days", "energyKwh",
            "energyPerGoodUnitKwh", "unplannedDowntimeHours", "plannedMaintenanceHours", "goodUnits", "jobsShipped",
            "failures", "preventiveMaintenances", "repairs", "energyCostEur", "downtimeCostEur",
            "maintenanceCostEur", "totalCostEur", "safetyBoundViolations", "actionsNeedingApproval",
            "maintenanceHeldForCrew", "repairsWaitingForParts", "rejectedCommands", "wallMillis");

    public RunResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(policy, "policy");
        energyKwhByState = Collections.unmodifiableMap(new LinkedHashMap<>(energyKwhByState));
        Objects.requireNonNull(speedBound, "speedBound");
        machineTime = Collections.unmodifiableMap(new LinkedHashMap<>(machineTime));
        declaredOnly = List.copyOf(declaredOnly);
        overrides = List.copyOf(overrides);
    }

    /** Wall-clock milliseconds per simulated day. */
    public double wallMillisPerDay() {
        return wallMillis / days;
    }
}
