package io.twinloop.cli.twin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.service.OptimizerStatistics;

/**
 * The demo's one-line status per interval, from what the twins show (the optimizer's projection of them) and what
 * the optimizer did. Figures are in plant time (wall time × the plant's speed factor), since the simulated plant
 * runs faster than real time:
 * <ul>
 *   <li>throughput: parts per plant hour over the last interval, the line's output taken as the fewest parts any
 *       machine made (a serial line makes what its slowest station passes on); from {@code PartsProduced}
 *       deltas, a counter that went back counts 0</li>
 *   <li>energy: the line's power now (sum of {@code PowerDraw}, kW) and kWh since start (trapezoids over the
 *       samples)</li>
 *   <li>downtime: machine-hours not {@code RUNNING} since start (each machine's state held over the interval)</li>
 *   <li>decisions, dispatched, open proposals: the optimizer's statistics</li>
 * </ul>
 * Not thread-safe: one caller samples at each interval.
 */
final class DemoStatus {

    private final double speedFactor;
    private final Instant start;
    private Instant last;
    private PlantView previous;
    private double energyKwh;
    private double downtimeHours;

    DemoStatus(final double speedFactor, final Instant start) {
        if (!(speedFactor > 0)) {
            throw new IllegalArgumentException("speed factor must be > 0, was " + speedFactor);
        }
        this.speedFactor = speedFactor;
        this.start = start;
        this.last = start;
    }

    /** Samples the twins at {@code now} and describes the interval since the previous sample in one line. */
    String line(final PlantView now, final Instant at, final OptimizerStatistics statistics) {
        final double hours = plantHours(Duration.between(last, at));
        final double powerKw = now.powerKw();
        double throughput = Double.NaN;
        if (previous != null && hours > 0) {
            energyKwh += (previous.powerKw() + powerKw) / 2 * hours;
            throughput = lineOutput(previous, now) / hours;
            for (final MachineView machine : previous.machines()) {
                if (!machine.running()) {
                    downtimeHours += hours;
                }
            }
        }
        previous = now;
        last = at;
        final long elapsed = Duration.between(start, at).toSeconds();
        return String.format(Locale.ROOT, "[%02d:%02d:%02d] plant %.1f h | throughput %s parts/h | power %.1f kW, "
                + "%.1f kWh since start | downtime %.2f machine-h | running %d/%d | decisions %d, dispatched %d, "
                + "open proposals %d",
                elapsed / 3600, elapsed / 60 % 60, elapsed % 60, plantHours(Duration.between(start, at)),
                Double.isNaN(throughput) ? "-" : String.format(Locale.ROOT, "%.0f", throughput), powerKw, energyKwh,
                downtimeHours, now.machines().stream().filter(MachineView::running).count(), now.machines().size(),
                statistics.decisions(), statistics.dispatched(), statistics.proposalsOpen());
    }

    private double plantHours(final Duration wall) {
        return wall.toNanos() / 3.6e12 * speedFactor;
    }

    /** The fewest parts any machine made between the two views; 0 without machines. */
    private static double lineOutput(final PlantView before, final PlantView after) {
        final Map<ThingId, Double> counted = new HashMap<>();
        before.machines().forEach(m -> counted.put(m.thingId(), m.partsProduced()));
        double fewest = Double.NaN;
        for (final MachineView machine : after.machines()) {
            final Double was = counted.get(machine.thingId());
            final double parts = machine.partsProduced();
            if (was == null || Double.isNaN(was) || Double.isNaN(parts)) {
                continue;
            }
            final double made = Math.max(0, parts - was);
            fewest = Double.isNaN(fewest) ? made : Math.min(fewest, made);
        }
        return Double.isNaN(fewest) ? 0 : fewest;
    }
}
