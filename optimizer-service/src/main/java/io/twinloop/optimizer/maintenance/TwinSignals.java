package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.ditto.things.model.ThingId;

/**
 * What the twins showed of each machine's condition over time: a bounded ring buffer of samples per machine, fed
 * from successive {@link PlantView}s. Derived state only: every sample is a value a twin showed, a machine that is
 * no longer in the view is forgotten, and after a restart the buffers simply fill again from the twins. Never a
 * second copy of the truth; the trend it holds is what the hazard estimate needs and a single view cannot give.
 *
 * <p>A machine is sampled when its twin revision moved on and at least {@code minSpacing} passed since its last
 * sample (event bursts would otherwise fill the buffer with seconds of history). Thread-safe.
 */
public final class TwinSignals {

    /** One machine's condition values as its twin showed them (NaN: not shown). */
    public record Sample(Instant at, long revision, String state, double speed, double health, double vibration,
            double temperature) {

        public Sample {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(state, "state");
        }

        static Sample of(final MachineView machine, final Instant at) {
            return new Sample(at, machine.revision(), machine.state(), machine.speed(), machine.health(),
                    machine.vibration(), machine.temperature());
        }
    }

    private final int capacity;
    private final Duration minSpacing;
    private final Map<ThingId, Deque<Sample>> buffers = new HashMap<>();

    /**
     * @param capacity samples kept per machine (oldest dropped first), at least 2
     * @param minSpacing least time between two samples of one machine, not negative
     */
    public TwinSignals(final int capacity, final Duration minSpacing) {
        if (capacity < 2) {
            throw new IllegalArgumentException("twin signals: capacity must be at least 2 samples, was " + capacity);
        }
        if (minSpacing == null || minSpacing.isNegative()) {
            throw new IllegalArgumentException("twin signals: minSpacing must be a duration >= 0, was " + minSpacing);
        }
        this.capacity = capacity;
        this.minSpacing = minSpacing;
    }

    /** Takes in what the view shows; machines missing from it are dropped. */
    public synchronized void observe(final PlantView view) {
        buffers.keySet().removeIf(id -> view.machine(id).isEmpty());
        for (final MachineView machine : view.machines()) {
            if (!machine.isMachine()) {
                continue;
            }
            final Deque<Sample> buffer = buffers.computeIfAbsent(machine.thingId(), id -> new ArrayDeque<>());
            final Sample last = buffer.peekLast();
            // a revision seen already, or too soon after the last sample (an older view arriving late included) —
            // unless the state changed: a maintenance shown at the instant of the last sample and then unchanged
            // (a stopped machine's twin moves no revision) was never sampled, so its reset of the wear was missed
            // and the machine was proposed for maintenance again and again on the cycle it had just ended
            if (last != null && (machine.revision() <= last.revision()
                    || Duration.between(last.at(), view.readAt()).compareTo(minSpacing) < 0
                    && machine.state().equals(last.state()))) {
                continue;
            }
            buffer.addLast(Sample.of(machine, view.readAt()));
            while (buffer.size() > capacity) {
                buffer.removeFirst();
            }
        }
    }

    /** The machine's samples, oldest first; empty when never seen. */
    public synchronized List<Sample> samples(final ThingId thingId) {
        final Deque<Sample> buffer = buffers.get(thingId);
        return buffer == null ? List.of() : List.copyOf(buffer);
    }

    /** Forgets one machine, e.g. after its maintenance: its wear starts again and the old trend no longer holds. */
    public synchronized void forget(final ThingId thingId) {
        buffers.remove(thingId);
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int machines() {
        return buffers.size();
    }
}
