package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RulEstimatorTest {

    private static final RulConfig FAST = RulConfig.defaults().withRounds(150);

    @Test
    void learnsTheRemainingLifeOfMachinesThatWearOutSteadily() {
        final List<SignalHistory> fleet = SyntheticFleet.runsToFailure(40, 7);
        final List<SignalHistory> train = fleet.subList(0, 30);
        final List<SignalHistory> unseen = fleet.subList(30, 40);

        final Random random = new Random(3);
        final List<SignalHistory> cut = new ArrayList<>();
        final double[] truth = new double[unseen.size()];
        final double[] guessMean = new double[unseen.size()];
        for (int i = 0; i < unseen.size(); i++) {
            final SignalHistory history = unseen.get(i);
            final int keep = 30 + random.nextInt(history.length() - 31);
            cut.add(history.truncated(keep));
            truth[i] = Math.min(history.lastCycle() - history.cycle(keep - 1), FAST.rulCap());
            guessMean[i] = FAST.rulCap() / 2.0;
        }

        try (RulEstimator estimator = RulEstimator.train(train, FAST)) {
            assertThat(estimator.signalsUsed()).containsExactly("temperature", "pressure");
            final RulAccuracy accuracy = RulAccuracy.of(estimator.predict(cut), truth);
            // A constant guess is about 40 cycles off here; the wear signals carry the remaining life.
            assertThat(RulAccuracy.of(guessMean, truth).rmse()).isGreaterThan(30);
            assertThat(accuracy.rmse()).isLessThan(15);
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndADifferentSeedAnother() {
        final List<SignalHistory> fleet = SyntheticFleet.runsToFailure(12, 11);
        final List<SignalHistory> probes = fleet.stream().map(h -> h.truncated(h.length() / 2)).toList();
        final RulConfig sampled = FAST.withRounds(40).withSubsample(0.5);
        final double[] first;
        try (RulEstimator estimator = RulEstimator.train(fleet, sampled)) {
            first = estimator.predict(probes);
        }
        try (RulEstimator again = RulEstimator.train(fleet, sampled)) {
            assertThat(again.predict(probes)).containsExactly(first);
        }
        try (RulEstimator other = RulEstimator.train(fleet, sampled.withSeed(99))) {
            assertThat(other.predict(probes)).isNotEqualTo(first);
        }
    }

    @Test
    void readsATwinHistoryBySignalNameWhateverItsOrderAndExtraSignals() {
        final List<SignalHistory> fleet = SyntheticFleet.runsToFailure(10, 5);
        final SignalHistory original = fleet.get(0).truncated(100);
        final List<SignalHistory.Observation> reordered = new ArrayList<>();
        for (final SignalHistory.Observation o : original.observations()) {
            final double[] v = o.values();
            reordered.add(new SignalHistory.Observation(o.cycle(), new double[] {v[3], 1.5, v[1], v[0], v[2]}));
        }
        final SignalHistory fromTwin = SignalHistory.of("press-1", List.of("pressure", "spindleLoad", "temperature",
                "ambient", "nameplate"), reordered);
        try (RulEstimator estimator = RulEstimator.train(fleet, FAST.withRounds(30))) {
            assertThat(estimator.predict(fromTwin)).isEqualTo(estimator.predict(original));

            final SignalHistory missing = SignalHistory.of("robot-1", List.of("temperature"),
                    List.of(new SignalHistory.Observation(1, new double[] {600})));
            assertThatThrownBy(() -> estimator.predict(missing)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("asset robot-1 has no signal 'pressure'");
        }
    }

    @Test
    void predictionsStayBetweenZeroAndTheCap() {
        final List<SignalHistory> fleet = SyntheticFleet.runsToFailure(10, 9);
        try (RulEstimator estimator = RulEstimator.train(fleet, FAST.withRulCap(60).withRounds(30))) {
            for (final SignalHistory history : fleet) {
                for (final int keep : new int[] {1, 2, history.length() / 2, history.length()}) {
                    assertThat(estimator.predict(history.truncated(keep))).isBetween(0.0, 60.0);
                }
            }
        }
    }

    @Test
    void refusesTrainingItCannotDo() {
        final List<SignalHistory> fleet = SyntheticFleet.runsToFailure(3, 1);
        assertThatThrownBy(() -> RulEstimator.train(fleet.subList(0, 1), FAST))
                .hasMessageContaining("at least two run-to-failure histories, got 1");

        final SignalHistory other = SignalHistory.of("odd", List.of("temperature"),
                List.of(new SignalHistory.Observation(1, new double[] {1})));
        assertThatThrownBy(() -> RulEstimator.train(List.of(fleet.get(0), other), FAST))
                .hasMessageContaining("asset odd has signals [temperature]");

        assertThatThrownBy(() -> RulEstimator.train(fleet, FAST.withMinCorrelation(0.99)))
                .hasMessageContaining("no signal correlates with the remaining life by at least 0.99");
    }
}
