package io.twinloop.optimizer.maintenance;

import java.util.ArrayList;
import java.util.List;

/**
 * The estimator's view of a history at one cycle: per used signal its last value, its mean and least-squares slope
 * (per cycle) over each trailing window, and its standard deviation over the longest window; plus the cycle number
 * itself (the asset's age in cycles). Only what had been observed up to that cycle is used, so the features of a
 * training cycle are exactly what a prediction at that cycle would see.
 */
final class WindowFeatures {

    private final List<String> signals;
    private final int[] windows;
    private final int longest;
    private final List<String> names;

    WindowFeatures(final List<String> signals, final List<Integer> windows) {
        this.signals = List.copyOf(signals);
        this.windows = windows.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        this.longest = this.windows[this.windows.length - 1];
        final List<String> list = new ArrayList<>();
        list.add("cycle");
        for (final String signal : signals) {
            list.add(signal + ".last");
            for (final int window : this.windows) {
                list.add(signal + ".mean" + window);
                list.add(signal + ".slope" + window);
            }
            list.add(signal + ".std" + longest);
        }
        this.names = List.copyOf(list);
    }

    List<String> signals() {
        return signals;
    }

    List<String> names() {
        return names;
    }

    int width() {
        return names.size();
    }

    /**
     * Writes the features of {@code history} as seen at observation {@code index} into {@code out} from
     * {@code offset}. {@code signalIndex[k]} is the history's index of {@code signals().get(k)}.
     */
    void extract(final SignalHistory history, final int[] signalIndex, final int index, final float[] out,
            final int offset) {
        int at = offset;
        out[at++] = history.cycle(index);
        for (final int signal : signalIndex) {
            out[at++] = (float) history.value(index, signal);
            for (final int window : windows) {
                final int from = Math.max(0, index - window + 1);
                out[at++] = (float) mean(history, signal, from, index);
                out[at++] = (float) slope(history, signal, from, index);
            }
            out[at++] = (float) std(history, signal, Math.max(0, index - longest + 1), index);
        }
    }

    /** Indices of this extractor's signals in {@code history}, by name; fails naming a missing signal. */
    int[] signalIndex(final SignalHistory history) {
        final int[] index = new int[signals.size()];
        for (int k = 0; k < index.length; k++) {
            index[k] = history.signalIndex(signals.get(k));
        }
        return index;
    }

    private static double mean(final SignalHistory history, final int signal, final int from, final int to) {
        double sum = 0;
        for (int i = from; i <= to; i++) {
            sum += history.value(i, signal);
        }
        return sum / (to - from + 1);
    }

    private static double std(final SignalHistory history, final int signal, final int from, final int to) {
        final double mean = mean(history, signal, from, to);
        double sum = 0;
        for (int i = from; i <= to; i++) {
            final double d = history.value(i, signal) - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / (to - from + 1));
    }

    /** Least-squares slope against the cycle number; 0 for a single point. Centred sums, so no cancellation. */
    private static double slope(final SignalHistory history, final int signal, final int from, final int to) {
        final int n = to - from + 1;
        if (n < 2) {
            return 0;
        }
        double meanCycle = 0;
        for (int i = from; i <= to; i++) {
            meanCycle += history.cycle(i);
        }
        meanCycle /= n;
        final double meanValue = mean(history, signal, from, to);
        double covariance = 0;
        double variance = 0;
        for (int i = from; i <= to; i++) {
            final double dc = history.cycle(i) - meanCycle;
            covariance += dc * (history.value(i, signal) - meanValue);
            variance += dc * dc;
        }
        return covariance / variance;
    }
}
