package io.twinloop.scenarios.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * How the twinloop policy's stack is stepped and wired (defaults: {@link #defaults()}; documented in the module
 * README).
 *
 * @param quantum simulated time the plant advances per step; the stack then settles before the next step, so a
 *         decision reacts to what the twins show at the step's end: decision latency is up to one quantum
 * @param sampling the OPC UA connector's requested sampling interval (wall time), also of the plant's clock node
 * @param publishing the connector's subscription publishing interval (wall time)
 * @param batchWindow the connector's batch window: changes of one twin within it go out as one merge (wall time)
 * @param decisionInterval the optimizer's least wall time between two decisions
 * @param settleDeadline the longest wall time one step may take to settle before the run fails, naming what did not
 * @param simulateProposals whether the optimizer simulates proposals on its discrete-event what-if before showing
 *         them (as in production; costs wall time per proposal)
 */
public record StackSettings(Duration quantum, Duration sampling, Duration publishing, Duration batchWindow,
        Duration decisionInterval, Duration settleDeadline, boolean simulateProposals) {

    public StackSettings {
        positive("quantum", quantum);
        positive("sampling", sampling);
        positive("publishing", publishing);
        positive("batchWindow", batchWindow);
        positive("decisionInterval", decisionInterval);
        positive("settleDeadline", settleDeadline);
        if (quantum.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("stack settings: quantum must be whole seconds (the plant's step), was "
                    + quantum);
        }
    }

    private static void positive(final String name, final Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("stack settings: " + name + " must be positive, was " + value);
        }
    }

    /** A 15 min quantum, 5 ms OPC UA sampling and publishing, 2 ms batch window, 10 ms between decisions, 60 s. */
    public static StackSettings defaults() {
        return new StackSettings(Duration.ofMinutes(15), Duration.ofMillis(5), Duration.ofMillis(5),
                Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofSeconds(60), true);
    }

    public StackSettings withQuantum(final Duration value) {
        return new StackSettings(value, sampling, publishing, batchWindow, decisionInterval, settleDeadline,
                simulateProposals);
    }

    public StackSettings withSettleDeadline(final Duration value) {
        return new StackSettings(quantum, sampling, publishing, batchWindow, decisionInterval, value,
                simulateProposals);
    }

    public StackSettings withSimulateProposals(final boolean value) {
        return new StackSettings(quantum, sampling, publishing, batchWindow, decisionInterval, settleDeadline, value);
    }
}
