package io.twinloop.optimizer.sequencing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * Reads the flow lines' waiting work out of a plant view: the configured lines (and every other machine with a job
 * queue on its own), each machine's job queue in the order it will be worked, its time per part at its speed and
 * how long it is out of service. A machine whose queue breaks the contract is reported and its own jobs are left
 * out (it stays on the line for the jobs that pass it); nothing else is affected.
 */
public final class ShopFloor {

    /**
     * @param now time 0 of every line's schedule, in the plant's clock
     * @param problems the machines whose job queue could not be read, with what is wrong
     */
    public record Reading(Instant now, List<FlowLine> lines, Map<ThingId, JobQueueException> problems) {

        public Reading {
            lines = List.copyOf(lines);
            problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        }
    }

    private static final String NOMINAL_CYCLE = "NominalCycleTime";

    private final SequencingSettings settings;
    private final SurrogateModel.Settings estimates;

    /** @param estimates the repair and maintenance durations assumed for a machine that is down */
    public ShopFloor(final SequencingSettings settings, final SurrogateModel.Settings estimates) {
        this.settings = settings;
        this.estimates = estimates;
    }

    public SequencingSettings settings() {
        return settings;
    }

    public Reading read(final PlantView view) {
        final Instant now = now(view);
        final Map<ThingId, JobQueueException> problems = new LinkedHashMap<>();
        final Map<ThingId, List<WaitingJob>> queues = new HashMap<>();
        for (final MachineView machine : view.machines()) {
            try {
                JobQueues.read(machine).ifPresent(queue -> queues.put(machine.thingId(), queue));
            } catch (final JobQueueException e) {
                problems.put(machine.thingId(), e);
            }
        }
        final List<FlowLine> lines = new ArrayList<>();
        final Set<ThingId> onLines = new HashSet<>();
        for (final List<ThingId> line : settings.lines()) {
            onLines.addAll(line);
            final List<FlowLine.Station> stations = new ArrayList<>();
            for (final ThingId id : line) {
                view.machine(id).ifPresent(machine -> stations.add(station(machine,
                        queues.getOrDefault(id, List.of()))));
            }
            if (!stations.isEmpty()) {
                FlowLine.of(now, stations).ifPresent(lines::add);
            }
        }
        for (final MachineView machine : view.machines()) {
            final List<WaitingJob> queue = queues.get(machine.thingId());
            if (queue != null && !onLines.contains(machine.thingId())) {
                FlowLine.of(now, List.of(station(machine, queue))).ifPresent(lines::add);
            }
        }
        return new Reading(now, lines, problems);
    }

    private FlowLine.Station station(final MachineView machine, final List<WaitingJob> queue) {
        final Map<String, WaitingJob> byId = new HashMap<>();
        queue.forEach(job -> byId.put(job.jobId(), job));
        final List<WaitingJob> ordered = JobQueues.effectiveOrder(machine, queue).stream().map(byId::get).toList();
        final String condition;
        final double downHours;
        switch (machine.state()) {
            case "FAILED" -> {
                condition = "failed, back in about " + hours(estimates.repairHours());
                downHours = estimates.repairHours();
            }
            case "MAINTENANCE" -> {
                condition = "in maintenance, back in about " + hours(estimates.maintenanceHours());
                downHours = estimates.maintenanceHours();
            }
            case "OFF" -> {
                condition = "switched off, assumed back in about " + hours(estimates.repairHours());
                downHours = estimates.repairHours();
            }
            default -> {
                condition = "working";
                downHours = 0;
            }
        }
        return new FlowLine.Station(machine, secondsPerPart(machine), (int) Math.round(downHours * 3600), condition,
                ordered);
    }

    /** Nominal seconds per part (twin, else configured, else default) at the speed the machine runs or is asked to. */
    private double secondsPerPart(final MachineView machine) {
        final double nominal = machine.technical().getValue(NOMINAL_CYCLE).filter(JsonValue::isNumber)
                .map(JsonValue::asDouble).filter(s -> s > 0)
                .orElseGet(() -> Optional.ofNullable(settings.cycleTimes().get(machine.thingId()))
                        .orElse(settings.defaultCycleTime()).toMillis() / 1000.0);
        final double speed = machine.requestedSpeed();
        return nominal * 100.0 / (Double.isNaN(speed) || speed <= 0 ? 100.0 : speed);
    }

    /** The plant's clock as the twins show it (the latest), else the time the view was read. */
    private Instant now(final PlantView view) {
        if (settings.clockProperty().isEmpty()) {
            return view.readAt();
        }
        Instant latest = null;
        for (final MachineView machine : view.machines()) {
            final Optional<String> shown = machine.text(settings.clockProperty());
            if (shown.isPresent()) {
                try {
                    final Instant at = Instant.parse(shown.get());
                    latest = latest == null || at.isAfter(latest) ? at : latest;
                } catch (final DateTimeParseException e) {
                    // not a clock: the view's time it is
                }
            }
        }
        return latest == null ? view.readAt() : latest;
    }

    private static String hours(final double hours) {
        return String.format(java.util.Locale.ROOT, "%.1f h", hours);
    }
}
