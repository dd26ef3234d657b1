package io.twinloop.scenarios.scenario;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * When the line is staffed: {@code shiftsPerDay} back-to-back shifts of {@code shiftHours} from
 * {@code firstShiftStarts} (local time in {@code zone}) on {@code workingDays}. Simulated: the plant starts no job
 * off-shift and counts due dates in staffed time ({@link io.twinloop.plant.time.ShiftCalendar}), and the twins show
 * the calendar (README, <i>Shift calendar</i>).
 */
public record ShiftCalendar(int shiftsPerDay, double shiftHours, LocalTime firstShiftStarts,
        Set<DayOfWeek> workingDays, ZoneId zone) {

    public ShiftCalendar {
        Objects.requireNonNull(firstShiftStarts, "firstShiftStarts");
        Objects.requireNonNull(zone, "zone");
        workingDays = Set.copyOf(workingDays);
    }

    /** Whether the calendar describes a line staffed all the time. */
    public boolean aroundTheClock() {
        return shiftsPerDay * shiftHours >= 24 && workingDays.size() == 7;
    }

    /** The plant's calendar (the loader has checked that the shifts fit in a day). */
    public io.twinloop.plant.time.ShiftCalendar plant() {
        return new io.twinloop.plant.time.ShiftCalendar(shiftsPerDay, shiftHours, firstShiftStarts, workingDays,
                zone);
    }
}
