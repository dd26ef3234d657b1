package io.twinloop.plant.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.time.ShiftCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A line on a shift calendar: off-shift nothing new starts, jobs under way are finished, due dates in work time. */
class ShiftsInTheLineTest {

    /** One shift 06:00–14:00 UTC on weekdays; the plant starts Monday 2026-01-05 06:00Z. */
    private static final ShiftCalendar EARLY_SHIFT = new ShiftCalendar(1, 8, LocalTime.of(6, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("UTC"));

    private static Plant plant(final ShiftCalendar calendar) {
        return Plant.builder().seed(11).calendar(calendar)
                .dueDates(DueDatePolicy.defaults().withoutExpedites()).build();
    }

    @Test
    void offShiftNoJobStartsAndMachinesStandByInTheModeTheyWereLeftIn() {
        final Plant shifts = plant(EARLY_SHIFT);
        final Plant always = plant(ShiftCalendar.aroundTheClock());
        shifts.advance(Duration.ofHours(8));
        always.advance(Duration.ofHours(8));
        // the first shift is like around the clock
        assertThat(shifts.snapshot().jobsShipped()).isEqualTo(always.snapshot().jobsShipped());

        // one hour after the shift every job under way (a CNC job is at most 20 × 90 s) is finished and nothing new
        // started: every machine stands by, still in mode RUN, drawing standby power
        shifts.advance(Duration.ofHours(1));
        final long shippedAfterShift = shifts.snapshot().jobsShipped();
        final long partsAfterShift = parts(shifts);
        for (final MachineSnapshot machine : shifts.snapshot().machines()) {
            assertThat(machine.state()).as(machine.id()).isIn(MachineState.STANDBY, MachineState.BLOCKED);
            assertThat(machine.currentJob()).as(machine.id()).isEmpty();
            assertThat(machine.mode().name()).isEqualTo("RUN");
        }
        shifts.advance(Duration.ofHours(14)); // to Tuesday 05:00
        assertThat(parts(shifts)).isEqualTo(partsAfterShift);
        assertThat(shifts.snapshot().jobsShipped()).isEqualTo(shippedAfterShift);
        final double standbyKw = shifts.snapshot().machines().stream().mapToDouble(MachineSnapshot::powerKw).sum();
        assertThat(standbyKw).isPositive();

        shifts.advance(Duration.ofHours(2)); // Tuesday's shift has begun
        assertThat(parts(shifts)).isGreaterThan(partsAfterShift);
        always.advance(Duration.ofHours(17));
        assertThat(parts(always)).isGreaterThan(parts(shifts));
    }

    @Test
    void dueDatesCountTheSlackInStaffedTime() {
        final Plant shifts = plant(EARLY_SHIFT);
        final Plant always = plant(ShiftCalendar.aroundTheClock());
        // the same orders (same seed): around the clock a job's slack ends within hours; with one shift a day the
        // same working time reaches into later days, never ending off-shift
        final var shiftJobs = shifts.snapshot().machines().get(0).waitingJobs();
        final var alwaysJobs = always.snapshot().machines().get(0).waitingJobs();
        assertThat(shiftJobs).hasSameSizeAs(alwaysJobs);
        final Instant start = shifts.snapshot().time();
        for (int i = 0; i < shiftJobs.size(); i++) {
            assertThat(shiftJobs.get(i).id()).isEqualTo(alwaysJobs.get(i).id());
            assertThat(shiftJobs.get(i).parts()).isEqualTo(alwaysJobs.get(i).parts());
            final Duration alwaysSlack = Duration.between(start, alwaysJobs.get(i).dueDate());
            final Instant due = shiftJobs.get(i).dueDate();
            assertThat(EARLY_SHIFT.staffed(due.minusSeconds(1))).isTrue();
            assertThat(shiftJobs.get(i).dueDate()).isEqualTo(EARLY_SHIFT.plusStaffed(start, alwaysSlack));
            if (alwaysSlack.compareTo(Duration.ofHours(8)) > 0) {
                assertThat(due).isAfter(alwaysJobs.get(i).dueDate());
            }
        }
    }

    private static long parts(final Plant plant) {
        return plant.snapshot().machines().stream().mapToLong(MachineSnapshot::partsProduced).sum();
    }
}
