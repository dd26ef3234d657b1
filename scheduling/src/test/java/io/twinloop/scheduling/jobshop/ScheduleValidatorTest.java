package io.twinloop.scheduling.jobshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.twinloop.scheduling.jobshop.ScheduleViolation.Kind;

class ScheduleValidatorTest {

    // two jobs on two machines: job 0 = m0 (3) then m1 (2); job 1 = m1 (2) then m0 (4)
    private final JobShop shop = JobShop.of("2x2", 2, new int[][] {{0, 1}, {1, 0}}, new int[][] {{3, 2}, {2, 4}});

    @Test
    void aValidScheduleHasNoViolationsAndItsMakespan() {
        final Schedule schedule = Schedule.of(shop, new int[] {0, 3, 0, 3});
        assertThat(schedule.makespan()).isEqualTo(7);
        assertThat(schedule.completion(0)).isEqualTo(5);
        assertThat(schedule.machineSequences().sequence(0)).containsExactly(0, 3);
    }

    @Test
    void machineOverlapIsCaught() {
        // job 1's second operation starts on m0 at 2 while job 0's first runs there 0..3
        assertThat(ScheduleValidator.violations(shop, new int[] {0, 3, 0, 2}))
                .extracting(ScheduleViolation::kind).containsExactly(Kind.MACHINE_OVERLAP);
        assertThatThrownBy(() -> Schedule.of(shop, new int[] {0, 3, 0, 2}))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("overlaps job 0 op 0 (machine 0)");
    }

    @Test
    void anOverlapHiddenBehindAShortOperationIsCaught() {
        // m0: a long operation 0..10, a short one 1..2 and a third at 5: the third overlaps the long one only
        final JobShop three = JobShop.of("3x1", 1, new int[][] {{0}, {0}, {0}}, new int[][] {{10}, {1}, {1}});
        assertThat(ScheduleValidator.violations(three, new int[] {0, 11, 5}))
                .extracting(ScheduleViolation::operation).containsExactly(2);
    }

    @Test
    void precedenceIsCaught() {
        // job 0's second operation starts at 2, before its first ends at 3
        assertThat(ScheduleValidator.violations(shop, new int[] {0, 2, 0, 3}))
                .extracting(ScheduleViolation::kind).contains(Kind.PRECEDENCE);
        assertThatThrownBy(() -> Schedule.of(shop, new int[] {0, 2, 0, 3}))
                .hasMessageContaining("job 0 op 1 (machine 1) starts at 2 before its predecessor ends at 3");
    }

    @Test
    void releasesAvailabilityAndShapeAreChecked() {
        final JobShop released = shop.withJobReleases(new int[] {1, 0});
        assertThat(ScheduleValidator.violations(released, new int[] {0, 3, 0, 3}))
                .extracting(ScheduleViolation::kind).contains(Kind.TOO_EARLY);
        final JobShop repaired = shop.withMachineAvailability(new int[] {0, 5});
        assertThat(ScheduleValidator.violations(repaired, new int[] {0, 5, 7, 9})).isEmpty();
        assertThat(ScheduleValidator.violations(repaired, new int[] {0, 3, 0, 3}))
                .extracting(ScheduleViolation::kind).contains(Kind.TOO_EARLY);
        assertThat(ScheduleValidator.violations(shop, new int[] {0, 3, 0}))
                .extracting(ScheduleViolation::kind).containsExactly(Kind.SHAPE);
    }

    @Test
    void sequencesGiveTheEarliestScheduleOrRefuseACycle() {
        final Schedule earliest = MachineSequences.of(shop, new int[][] {{0, 3}, {2, 1}}).semiActiveSchedule();
        assertThat(earliest.starts()).containsExactly(0, 3, 0, 3);
        // m0: job 1's op before job 0's; m1: job 0's op before job 1's: each job waits for the other
        assertThatThrownBy(() -> MachineSequences.of(shop, new int[][] {{3, 0}, {1, 2}}).semiActiveSchedule())
                .hasMessageContaining("contradict the job routes");
        assertThatThrownBy(() -> MachineSequences.of(shop, new int[][] {{0, 1}, {2, 3}}))
                .hasMessageContaining("machine 0 must hold exactly its operations [0, 3]");
    }

    @Test
    void theModelRefusesBadTables() {
        assertThatThrownBy(() -> JobShop.of("bad", 2, new int[][] {{0, 2}}, new int[][] {{1, 1}}))
                .hasMessage("bad: job 0 operation 1 uses machine 2, outside 0..1");
        assertThatThrownBy(() -> JobShop.of("bad", 2, new int[][] {{0, 1}}, new int[][] {{1, -1}}))
                .hasMessage("bad: job 0 operation 1 has negative duration -1");
        assertThatThrownBy(() -> shop.withJobReleases(new int[] {1}))
                .hasMessageContaining("job release needs 2 values, got 1");
    }
}
