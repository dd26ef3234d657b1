package io.twinloop.optimizer.sequencing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ditto.things.model.ThingId;

/**
 * What of a line, when it changes, calls for re-sequencing: which machines are out of service, and each waiting
 * job's due date and priority. Jobs arriving and leaving (the line's normal flow) do not count, nor speeds.
 */
record LineSituation(Map<ThingId, String> downMachines, Map<String, Commitment> jobs) {

    /** A job's promise: due date and priority. */
    record Commitment(Instant dueDate, int priority) {
    }

    static LineSituation of(final FlowLine line) {
        final Map<ThingId, String> down = new LinkedHashMap<>();
        final Map<String, Commitment> jobs = new LinkedHashMap<>();
        for (final FlowLine.Station station : line.stations()) {
            if (station.unavailableSeconds() > 0) {
                down.put(station.thingId(), station.condition());
            }
            station.waiting().forEach(job -> jobs.put(job.jobId(), new Commitment(job.dueDate(), job.priority())));
        }
        return new LineSituation(down, jobs);
    }

    /** Why the line must be re-sequenced now compared with {@code before}; empty when it need not. */
    List<String> triggersSince(final LineSituation before) {
        final List<String> reasons = new ArrayList<>();
        downMachines.forEach((machine, condition) -> {
            if (!before.downMachines.containsKey(machine)) {
                reasons.add(machine + " " + condition);
            }
        });
        before.downMachines.keySet().stream().filter(machine -> !downMachines.containsKey(machine))
                .forEach(machine -> reasons.add(machine + " is back in service"));
        jobs.forEach((id, now) -> {
            final Commitment then = before.jobs.get(id);
            if (then != null && !then.dueDate().equals(now.dueDate())) {
                reasons.add("job " + id + " is now due " + now.dueDate() + " (was " + then.dueDate() + ")");
            }
            if (then != null && then.priority() != now.priority()) {
                reasons.add("job " + id + " priority " + then.priority() + " -> " + now.priority());
            }
        });
        return reasons;
    }

    /** Why a line seen for the first time must be re-sequenced: a machine already out of service. */
    List<String> triggersAtFirstSight() {
        final List<String> reasons = new ArrayList<>();
        downMachines.forEach((machine, condition) -> reasons.add(machine + " " + condition + " (first seen so)"));
        return reasons;
    }
}
