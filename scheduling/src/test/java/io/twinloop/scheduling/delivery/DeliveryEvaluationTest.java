package io.twinloop.scheduling.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.Schedule;

class DeliveryEvaluationTest {

    private final JobShop shop = JobShop.of("2x2", 2, new int[][] {{0, 1}, {1, 0}}, new int[][] {{3, 2}, {2, 4}});
    // job 0 ends at 5, job 1 at 7
    private final Schedule jobZeroFirst = Schedule.of(shop, new int[] {0, 3, 0, 3});
    // job 1 goes first on machine 0: job 1 ends at 6, job 0 at 11
    private final Schedule jobOneFirstOnM0 = Schedule.of(shop, new int[] {6, 9, 0, 2});

    @Test
    void latenessTardinessAndLateJobs() {
        final DeliveryCommitments due = DeliveryCommitments.of(shop, new int[] {4, 8}, new int[] {3, 1});
        final DeliveryEvaluation evaluation = DeliveryEvaluation.of(jobZeroFirst, due);
        assertThat(evaluation.lateJobs()).isEqualTo(1);
        assertThat(evaluation.tardiness()).isEqualTo(1);
        assertThat(evaluation.weightedTardiness()).isEqualTo(3);
        assertThat(evaluation.maxLateness()).isEqualTo(1);
        assertThat(evaluation.keepsAllCommitments()).isFalse();
    }

    @Test
    void rankingPutsTheScheduleThatKeepsThePrioritizedOrderFirst() {
        // job 1 is urgent (due 6, weight 10); job 0 may be late
        final DeliveryCommitments due = DeliveryCommitments.of(shop, new int[] {5, 6}, new int[] {1, 10});
        final List<DeliveryEvaluation> ranked = DeliveryEvaluation.rank(List.of(jobZeroFirst, jobOneFirstOnM0), due);
        assertThat(ranked.get(0).schedule()).isEqualTo(jobOneFirstOnM0);
        assertThat(ranked.get(0).weightedTardiness()).isEqualTo(6);
        assertThat(ranked.get(1).weightedTardiness()).isEqualTo(10);
        // after a change of priority the other one wins
        final DeliveryCommitments changed = due.withWeight(1, 0).withWeight(0, 5);
        assertThat(DeliveryEvaluation.rank(List.of(jobOneFirstOnM0, jobZeroFirst), changed).get(0).schedule())
                .isEqualTo(jobZeroFirst);
    }

    @Test
    void commitmentsMustFitTheShop() {
        assertThatThrownBy(() -> DeliveryCommitments.unweighted(shop, new int[] {1}))
                .hasMessageContaining("has 2 jobs, got 1 due dates");
        assertThatThrownBy(() -> DeliveryCommitments.of(shop, new int[] {1, 2}, new int[] {1, -2}))
                .hasMessageContaining("job 1 has a negative weight -2");
    }
}
