package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.maintenance.cmapss.CmapssFile;

class CrossValidationTest {

    @Test
    void learnsCmapssFd001WellBelowAnUninformedGuess() throws Exception {
        final List<SignalHistory> engines = CmapssFile.read(SharedCorpus.cmapssTrainFd001()).subList(0, 40);
        final CrossValidation.Report report = CrossValidation.run(engines, RulConfig.defaults().withRounds(150),
                new CrossValidation.Settings(2, List.of(1L), 31, 150));

        assertThat(report.folds()).hasSize(2);
        assertThat(report.seeds()).hasSize(1);
        assertThat(report.seeds().get(0).accuracy().units()).isEqualTo(40);
        // Guessing the mean of a uniform 1..150 is about 43 cycles off; the published LSTM baseline is 16.1 on the
        // test set. Half the units for training is a harder task, hence the looser bound.
        assertThat(report.rmseOverSeeds().mean()).isLessThan(25);
    }

    @Test
    void theSameSeedGivesTheSameReport() {
        final List<SignalHistory> fleet = SyntheticFleet.runsToFailure(12, 3);
        final RulConfig config = RulConfig.defaults().withRounds(30).withSubsample(0.5);
        final CrossValidation.Settings settings = new CrossValidation.Settings(3, List.of(5L), 31, 150);
        final CrossValidation.Report first = CrossValidation.run(fleet, config, settings);
        final CrossValidation.Report second = CrossValidation.run(fleet, config, settings);
        assertThat(second.seeds()).isEqualTo(first.seeds());
        assertThat(first.seeds().get(0).accuracy().units()).isEqualTo(12);
    }
}
