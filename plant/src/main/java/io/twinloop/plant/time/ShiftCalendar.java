package io.twinloop.plant.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a line is staffed: on each of {@code workingDays}, {@code shiftsPerDay} back-to-back shifts of
 * {@code shiftHours} starting at {@code firstShiftStarts} (local time in {@code zone}). A day's block of shifts may
 * run past midnight into the next day (a Friday night shift ends on Saturday morning): it belongs to the day it
 * starts on. Outside the blocks no operator is there, so no machine starts a job (the plant's rule).
 *
 * <p>Blocks are placed in local time (a daylight-saving change moves them with the wall clock) and last
 * {@code shiftsPerDay × shiftHours} of real time.
 */
public record ShiftCalendar(int shiftsPerDay, double shiftHours, LocalTime firstShiftStarts,
        Set<DayOfWeek> workingDays, ZoneId zone) {

    /** Farther than any gap between two blocks can be (a week with one working day). */
    private static final int SEARCH_DAYS = 9;

    public ShiftCalendar {
        Objects.requireNonNull(firstShiftStarts, "firstShiftStarts");
        Objects.requireNonNull(zone, "zone");
        workingDays = Set.copyOf(workingDays);
        if (shiftsPerDay < 1 || !(shiftHours > 0) || shiftsPerDay * shiftHours > 24) {
            throw new IllegalArgumentException("shift calendar: " + shiftsPerDay + " shift(s) of " + shiftHours
                    + " h must be at least one shift of positive length and fit in a day");
        }
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("shift calendar: name at least one working day");
        }
    }

    /** Staffed all the time: what a plant without a calendar is. */
    public static ShiftCalendar aroundTheClock() {
        return new ShiftCalendar(1, 24, LocalTime.MIDNIGHT, EnumSet.allOf(DayOfWeek.class), ZoneId.of("UTC"));
    }

    /** Whether the blocks leave no gap at all. */
    public boolean staffedAlways() {
        return shiftsPerDay * shiftHours >= 24 && workingDays.size() == 7;
    }

    /** Length of one working day's block of shifts. */
    public Duration blockLength() {
        return Duration.ofNanos(Math.round(shiftsPerDay * shiftHours * 3.6e12));
    }

    /** Whether someone is there at {@code instant}. */
    public boolean staffed(final Instant instant) {
        if (staffedAlways()) {
            return true;
        }
        final LocalDate today = instant.atZone(zone).toLocalDate();
        return inBlockOf(today, instant) || inBlockOf(today.minusDays(1), instant);
    }

    private boolean inBlockOf(final LocalDate day, final Instant instant) {
        if (!workingDays.contains(day.getDayOfWeek())) {
            return false;
        }
        final Instant start = blockStart(day);
        return !instant.isBefore(start) && instant.isBefore(start.plus(blockLength()));
    }

    private Instant blockStart(final LocalDate day) {
        return ZonedDateTime.of(day, firstShiftStarts, zone).toInstant();
    }

    /**
     * The instant the staffed time that {@code instant} lies in ends (contiguous blocks joined, e.g. three shifts
     * of 8 h on consecutive days run on until the last working day's block ends), or {@code instant} itself when
     * nobody is there. {@link Instant#MAX} when the calendar is always staffed.
     */
    public Instant staffedUntil(final Instant instant) {
        if (staffedAlways()) {
            return Instant.MAX;
        }
        Instant end = instant;
        for (int guard = 0; guard < SEARCH_DAYS && staffed(end); guard++) {
            end = blockEndCovering(end);
        }
        return end;
    }

    /** The end of the block that covers {@code instant} (staffed). */
    private Instant blockEndCovering(final Instant instant) {
        final LocalDate today = instant.atZone(zone).toLocalDate();
        final LocalDate day = inBlockOf(today, instant) ? today : today.minusDays(1);
        return blockStart(day).plus(blockLength());
    }

    /**
     * The next instant at or after {@code instant} at which someone is there: {@code instant} itself when staffed,
     * else the start of the next block.
     */
    public Instant nextStaffed(final Instant instant) {
        if (staffed(instant)) {
            return instant;
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (workingDays.contains(day.getDayOfWeek()) && !blockStart(day).isBefore(instant)) {
                return blockStart(day);
            }
        }
        throw new IllegalStateException("no shift within " + SEARCH_DAYS + " days after " + instant + " in " + this);
    }

    /**
     * The instant {@code work} of staffed time after {@code from}: a due date promised in working time (an order
     * released on Friday evening with a day of work is due on Monday, not on Saturday).
     */
    public Instant plusStaffed(final Instant from, final Duration work) {
        if (staffedAlways()) {
            return from.plus(work);
        }
        Instant at = nextStaffed(from);
        Duration left = work;
        while (true) {
            final Instant end = staffedUntil(at);
            final Duration available = Duration.between(at, end);
            if (available.compareTo(left) >= 0) {
                return at.plus(left);
            }
            left = left.minus(available);
            at = nextStaffed(end);
        }
    }

    /** Staffed time between {@code from} and {@code to} (zero when {@code to} is not after {@code from}). */
    public Duration staffedBetween(final Instant from, final Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (staffedAlways()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        Instant at = nextStaffed(from);
        while (at.isBefore(to)) {
            final Instant until = staffedUntil(at);
            final Instant end = until.isBefore(to) ? until : to;
            total = total.plus(Duration.between(at, end));
            at = nextStaffed(end);
        }
        return total;
    }
}
