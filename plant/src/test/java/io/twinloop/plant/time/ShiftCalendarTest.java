package io.twinloop.plant.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** The press shop's: 2 × 8 h from 06:00 on weekdays, Brussels time (CET in March 2014: UTC+1). */
    private static final ShiftCalendar TWO_SHIFTS = new ShiftCalendar(2, 8, LocalTime.of(6, 0), WEEKDAYS,
            ZoneId.of("Europe/Brussels"));
    /** The automotive line's: 3 × 8 h from 06:00 on weekdays, UTC. */
    private static final ShiftCalendar THREE_SHIFTS = new ShiftCalendar(3, 8, LocalTime.of(6, 0), WEEKDAYS,
            ZoneId.of("UTC"));

    @Test
    void twoShiftsStaffTheDayAndLeaveNightsAndTheWeekendEmpty() {
        // Monday 2014-03-03, 06:00 local = 05:00Z; the block ends at 22:00 local = 21:00Z
        assertThat(TWO_SHIFTS.staffed(Instant.parse("2014-03-03T04:59:59Z"))).isFalse();
        assertThat(TWO_SHIFTS.staffed(Instant.parse("2014-03-03T05:00:00Z"))).isTrue();
        assertThat(TWO_SHIFTS.staffed(Instant.parse("2014-03-03T20:59:59Z"))).isTrue();
        assertThat(TWO_SHIFTS.staffed(Instant.parse("2014-03-03T21:00:00Z"))).isFalse();
        assertThat(TWO_SHIFTS.staffedUntil(Instant.parse("2014-03-03T12:00:00Z")))
                .isEqualTo(Instant.parse("2014-03-03T21:00:00Z"));
        assertThat(TWO_SHIFTS.nextStaffed(Instant.parse("2014-03-03T21:00:00Z")))
                .isEqualTo(Instant.parse("2014-03-04T05:00:00Z"));
        // Friday evening → Monday morning
        assertThat(TWO_SHIFTS.nextStaffed(Instant.parse("2014-03-07T22:00:00Z")))
                .isEqualTo(Instant.parse("2014-03-10T05:00:00Z"));
        assertThat(TWO_SHIFTS.staffed(Instant.parse("2014-03-08T12:00:00Z"))).isFalse();
    }

    @Test
    void threeShiftsRunThroughTheWeekAndTheFridayNightShiftEndsOnSaturday() {
        assertThat(THREE_SHIFTS.staffed(Instant.parse("2023-10-03T03:00:00Z"))).isTrue(); // Tue night
        assertThat(THREE_SHIFTS.staffed(Instant.parse("2023-10-02T03:00:00Z"))).isFalse(); // Mon before 06:00
        assertThat(THREE_SHIFTS.staffed(Instant.parse("2023-10-07T05:59:59Z"))).isTrue(); // Sat, Friday's night
        assertThat(THREE_SHIFTS.staffed(Instant.parse("2023-10-07T06:00:00Z"))).isFalse();
        // contiguous blocks are one staffed stretch: Monday 06:00 → Saturday 06:00
        assertThat(THREE_SHIFTS.staffedUntil(Instant.parse("2023-10-02T07:00:00Z")))
                .isEqualTo(Instant.parse("2023-10-07T06:00:00Z"));
    }

    @Test
    void workingTimeIsCountedOnlyWhileStaffed() {
        // Friday 2014-03-07 20:00Z: one hour left of the block; 3 h of work → 2 h into Monday's block
        assertThat(TWO_SHIFTS.plusStaffed(Instant.parse("2014-03-07T20:00:00Z"), Duration.ofHours(3)))
                .isEqualTo(Instant.parse("2014-03-10T07:00:00Z"));
        // released off-shift: counting starts at the next shift
        assertThat(TWO_SHIFTS.plusStaffed(Instant.parse("2014-03-04T01:00:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2014-03-04T06:00:00Z"));
        assertThat(TWO_SHIFTS.staffedBetween(Instant.parse("2014-03-07T20:00:00Z"),
                Instant.parse("2014-03-10T07:00:00Z"))).isEqualTo(Duration.ofHours(3));
        final Instant any = Instant.parse("2014-03-08T12:34:56Z");
        assertThat(ShiftCalendar.aroundTheClock().plusStaffed(any, Duration.ofHours(30)))
                .isEqualTo(any.plus(Duration.ofHours(30)));
        assertThat(ShiftCalendar.aroundTheClock().staffed(any)).isTrue();
    }

    @Test
    void calendarsThatCannotBeAreRefused() {
        assertThatThrownBy(() -> new ShiftCalendar(3, 9, LocalTime.NOON, WEEKDAYS, ZoneId.of("UTC")))
                .hasMessageContaining("fit in a day");
        assertThatThrownBy(() -> new ShiftCalendar(1, 8, LocalTime.NOON, Set.of(), ZoneId.of("UTC")))
                .hasMessageContaining("working day");
    }
}
