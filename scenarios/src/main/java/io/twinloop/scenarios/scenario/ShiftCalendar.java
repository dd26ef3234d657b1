package io.twinloop.scenarios.scenario;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * When the line is staffed: {@code shiftsPerDay} back-to-back shifts of {@code shiftHours} from
 * {@code firstShiftStarts} (local time in {@code zone}) on {@code workingDays}. Declared only: the runner keeps the
 * line running around the clock (see the README).
 */
public record ShiftCalendar(int shiftsPerDay, double shiftHours, LocalTime firstShiftStarts,
        Set<DayOfWeek> workingDays, ZoneId zone) {

    public ShiftCalendar {
        Objects.requireNonNull(firstShiftStarts, "firstShiftStarts");
        Objects.requireNonNull(zone, "zone");
        workingDays = Set.copyOf(workingDays);
    }

    /** Whether the calendar describes a line staffed all the time (what the runner simulates). */
    public boolean aroundTheClock() {
        return shiftsPerDay * shiftHours >= 24 && workingDays.size() == 7;
    }
}
