package io.twinloop.optimizer.maintenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One machine's signal history: a sequence of operating cycles, each with one value per named signal. This is what
 * the remaining-useful-life estimator reads, whether it comes from a C-MAPSS file or, later, from a machine's twin
 * (its operational-data values sampled once per cycle). Immutable.
 *
 * <p>Cycle numbers strictly increase; gaps are allowed (a twin may miss cycles). Remaining useful life is counted in
 * cycles, so for a run-to-failure history the failure happened at {@link #lastCycle()}.
 */
public final class SignalHistory {

    private final String assetId;
    private final List<String> signals;
    private final long[] cycles;
    private final double[][] values;

    private SignalHistory(final String assetId, final List<String> signals, final long[] cycles,
            final double[][] values) {
        this.assetId = assetId;
        this.signals = signals;
        this.cycles = cycles;
        this.values = values;
    }

    /**
     * @param assetId the machine, e.g. a thing id or a C-MAPSS unit number
     * @param signals the signal names, in the order of each observation's values
     * @param observations at least one, cycles strictly increasing, finite values, one per signal
     * @throws IllegalArgumentException naming the asset and the cycle that breaks a rule
     */
    public static SignalHistory of(final String assetId, final List<String> signals,
            final List<Observation> observations) {
        Objects.requireNonNull(assetId, "assetId");
        final List<String> names = List.copyOf(signals);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("asset " + assetId + ": a signal history needs at least one signal");
        }
        final Set<String> seen = new HashSet<>();
        for (final String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("asset " + assetId + ": signal '" + name + "' is named twice");
            }
        }
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("asset " + assetId + ": a signal history needs at least one cycle");
        }
        final long[] cycles = new long[observations.size()];
        final double[][] values = new double[observations.size()][];
        for (int i = 0; i < observations.size(); i++) {
            final Observation observation = observations.get(i);
            if (i > 0 && observation.cycle() <= cycles[i - 1]) {
                throw new IllegalArgumentException("asset " + assetId + ": cycle " + observation.cycle()
                        + " comes after cycle " + cycles[i - 1] + "; cycles must strictly increase");
            }
            if (observation.values().length != names.size()) {
                throw new IllegalArgumentException("asset " + assetId + ", cycle " + observation.cycle() + ": "
                        + observation.values().length + " values for " + names.size() + " signals");
            }
            cycles[i] = observation.cycle();
            values[i] = observation.values(); // already a copy
        }
        return new SignalHistory(assetId, names, cycles, values);
    }

    public String assetId() {
        return assetId;
    }

    public List<String> signals() {
        return signals;
    }

    /** Number of observed cycles. */
    public int length() {
        return cycles.length;
    }

    public long cycle(final int index) {
        return cycles[index];
    }

    public long lastCycle() {
        return cycles[cycles.length - 1];
    }

    /** The value of signal {@code signal} (index into {@link #signals()}) at observation {@code index}. */
    public double value(final int index, final int signal) {
        return values[index][signal];
    }

    public int signalIndex(final String signal) {
        final int index = signals.indexOf(signal);
        if (index < 0) {
            throw new IllegalArgumentException("asset " + assetId + " has no signal '" + signal + "' (it has "
                    + signals + ")");
        }
        return index;
    }

    /** The history up to and including observation {@code length - 1}: what had been seen at that point. */
    public SignalHistory truncated(final int length) {
        if (length < 1 || length > cycles.length) {
            throw new IllegalArgumentException("asset " + assetId + ": cannot keep " + length + " of "
                    + cycles.length + " cycles");
        }
        return new SignalHistory(assetId, signals, Arrays.copyOf(cycles, length), Arrays.copyOf(values, length));
    }

    public List<Observation> observations() {
        final List<Observation> list = new ArrayList<>(cycles.length);
        for (int i = 0; i < cycles.length; i++) {
            list.add(new Observation(cycles[i], values[i]));
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "SignalHistory[asset=" + assetId + ", cycles=" + cycles[0] + ".." + lastCycle() + " (" + cycles.length
                + "), signals=" + signals.size() + "]";
    }

    /** One cycle's values, in the order of the history's signal names. Values must be finite. */
    public record Observation(long cycle, double[] values) {

        public Observation {
            values = values.clone();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("cycle " + cycle + ": value " + (i + 1) + " is " + values[i]
                            + ", not a finite number");
                }
            }
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof Observation other && cycle == other.cycle && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(cycle) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Observation[cycle=" + cycle + ", values=" + Arrays.toString(values) + "]";
        }
    }
}
