package io.twinloop.optimizer.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.goal.Objectives;

/**
 * What the discrete-event what-if predicts for one candidate over its replications: the mean objectives and their
 * spread, and why: how long each machine spent in each state, failures and maintenances. The "why" is what the
 * surrogate cannot see (a machine blocked by a stopped one downstream, starved behind one upstream, a failure drawn
 * from its wear).
 *
 * @param spread sample standard deviation of each objective over the replications (0 with one replication)
 * @param stateHours mean hours per machine (in flow order) per state ({@code RUNNING}, {@code BLOCKED},
 *     {@code STANDBY}, {@code FAILED}, {@code MAINTENANCE}, {@code OFF})
 * @param failures mean failures per run (all machines)
 * @param notes assumptions the run rests on and commands the engine refused
 */
public record SimulatedOutcome(Objectives mean, Objectives spread, int replications,
        Map<ThingId, Map<String, Double>> stateHours, double failures, List<String> notes) {

    /** Differences of state time below this many hours are not worth a finding. */
    private static final double NOTABLE_HOURS = 0.05;

    public SimulatedOutcome {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(spread, "spread");
        stateHours = Map.copyOf(stateHours);
        notes = List.copyOf(notes);
    }

    /** Mean hours {@code machine} spent in {@code state}; 0 when never. */
    public double hours(final ThingId machine, final String state) {
        return stateHours.getOrDefault(machine, Map.of()).getOrDefault(state, 0.0);
    }

    /**
     * In words, how this run differs from {@code reference} (typically no change) machine by machine: where a
     * machine spends notably more or less time blocked, starved or stopped, and the failures drawn.
     */
    public List<String> differencesFrom(final SimulatedOutcome reference) {
        final List<String> findings = new ArrayList<>();
        for (final ThingId machine : stateHours.keySet().stream().sorted().toList()) {
            for (final String state : List.of("BLOCKED", "STANDBY", "FAILED", "MAINTENANCE", "RUNNING")) {
                final double here = hours(machine, state);
                final double there = reference.hours(machine, state);
                if (Math.abs(here - there) >= NOTABLE_HOURS) {
                    findings.add(String.format(Locale.ROOT, "%s %s %.2f h (no change: %.2f h)%s", machine, state,
                            here, there, explanation(state, here > there)));
                }
            }
        }
        if (Math.abs(failures - reference.failures) >= 0.01) {
            findings.add(String.format(Locale.ROOT, "failures %.2f per run (no change: %.2f)", failures,
                    reference.failures));
        }
        return findings;
    }

    private static String explanation(final String state, final boolean more) {
        if (!more) {
            return "";
        }
        return switch (state) {
            case "BLOCKED" -> ": finished work has no room downstream";
            case "STANDBY" -> ": starved of work (or stopped)";
            case "FAILED" -> ": broken down";
            default -> "";
        };
    }
}
