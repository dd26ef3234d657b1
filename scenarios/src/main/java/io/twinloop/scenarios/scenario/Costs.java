package io.twinloop.scenarios.scenario;

/**
 * What time costs, beside energy (which the price series costs).
 *
 * @param downtimeEurPerHour lost production per machine-hour of unplanned downtime (failed or under repair)
 * @param maintenanceEurPerHour crew and material per machine-hour of maintenance, preventive or repair
 */
public record Costs(double downtimeEurPerHour, double maintenanceEurPerHour) {
}
