package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.maintenance.SignalHistory.Observation;

class SignalHistoryTest {

    @Test
    void cyclesMustIncreaseAndEachCycleNeedsOneFiniteValuePerSignal() {
        assertThatThrownBy(() -> SignalHistory.of("cnc-1", List.of("a"),
                List.of(new Observation(3, new double[] {1}), new Observation(3, new double[] {2}))))
                .hasMessage("asset cnc-1: cycle 3 comes after cycle 3; cycles must strictly increase");
        assertThatThrownBy(() -> SignalHistory.of("cnc-1", List.of("a", "b"),
                List.of(new Observation(1, new double[] {1}))))
                .hasMessage("asset cnc-1, cycle 1: 1 values for 2 signals");
        assertThatThrownBy(() -> new Observation(4, new double[] {1, Double.NaN}))
                .hasMessage("cycle 4: value 2 is NaN, not a finite number");
        assertThatThrownBy(() -> SignalHistory.of("cnc-1", List.of("a", "a"),
                List.of(new Observation(1, new double[] {1, 2}))))
                .hasMessage("asset cnc-1: signal 'a' is named twice");
        assertThatThrownBy(() -> SignalHistory.of("cnc-1", List.of("a"), List.of()))
                .hasMessage("asset cnc-1: a signal history needs at least one cycle");
    }

    @Test
    void aTruncatedHistoryIsWhatHadBeenSeenThenAndGapsAreAllowed() {
        final SignalHistory history = SignalHistory.of("press-1", List.of("a"), List.of(
                new Observation(1, new double[] {1}), new Observation(2, new double[] {2}),
                new Observation(5, new double[] {3})));
        final SignalHistory seen = history.truncated(2);
        assertThat(seen.length()).isEqualTo(2);
        assertThat(seen.lastCycle()).isEqualTo(2);
        assertThat(history.lastCycle()).isEqualTo(5);
        assertThatThrownBy(() -> history.truncated(4)).hasMessage("asset press-1: cannot keep 4 of 3 cycles");
    }
}
