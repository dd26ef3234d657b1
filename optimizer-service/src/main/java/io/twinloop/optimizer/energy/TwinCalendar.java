package io.twinloop.optimizer.energy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.plant.time.ShiftCalendar;

/**
 * Reads what a twin shows of its line's shift calendar and of its machine's warm-up: plan data and the maker's
 * figures, never the simulator's state. The names here are the contract with whoever writes the twins (the bench's
 * {@code ScenarioTwins}): feature {@value MachineView#CALENDAR} with {@value #SHIFTS_PER_DAY},
 * {@value #SHIFT_HOURS}, {@value #FIRST_SHIFT_STARTS} ({@code HH:mm}), {@value #WORKING_DAYS} (comma-separated
 * {@code MONDAY}..{@code SUNDAY}) and {@value #ZONE}; in {@code TechnicalData} {@value #WARM_UP_FROM_OFF},
 * {@value #WARM_UP_FROM_STANDBY} (minutes) and {@value #WARM_UP_POWER} (kW).
 */
public final class TwinCalendar {

    public static final String SHIFTS_PER_DAY = "ShiftsPerDay";
    public static final String SHIFT_HOURS = "ShiftHours";
    public static final String FIRST_SHIFT_STARTS = "FirstShiftStarts";
    public static final String WORKING_DAYS = "WorkingDays";
    public static final String ZONE = "Zone";
    public static final String WARM_UP_FROM_OFF = "WarmUpFromOffMinutes";
    public static final String WARM_UP_FROM_STANDBY = "WarmUpFromStandbyMinutes";
    public static final String WARM_UP_POWER = "WarmUpPower";

    private TwinCalendar() {
    }

    /**
     * The calendar the twin shows; empty when it shows none or an unreadable one (then nothing is planned around
     * shifts for that machine: the caller logs it).
     */
    public static Optional<ShiftCalendar> of(final MachineView machine) {
        final JsonObject calendar = machine.calendar();
        if (calendar.isEmpty()) {
            return Optional.empty();
        }
        try {
            final Optional<Double> shifts = number(calendar, SHIFTS_PER_DAY);
            final Optional<Double> hours = number(calendar, SHIFT_HOURS);
            final Optional<String> first = text(calendar, FIRST_SHIFT_STARTS);
            final Optional<String> days = text(calendar, WORKING_DAYS);
            final Optional<String> zone = text(calendar, ZONE);
            if (shifts.isEmpty() || hours.isEmpty() || first.isEmpty() || days.isEmpty() || zone.isEmpty()) {
                return Optional.empty();
            }
            final Set<DayOfWeek> working = EnumSet.noneOf(DayOfWeek.class);
            for (final String day : days.get().split(",")) {
                if (!day.isBlank()) {
                    working.add(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)));
                }
            }
            return Optional.of(new ShiftCalendar((int) Math.round(shifts.get()), hours.get(),
                    LocalTime.parse(first.get()), working, ZoneId.of(zone.get())));
        } catch (final IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A machine's warm-up as its twin's technical data show it; empty without those figures. */
    public static Optional<WarmUp> warmUp(final MachineView machine) {
        final Optional<Double> fromOff = number(machine.technical(), WARM_UP_FROM_OFF);
        final Optional<Double> fromStandby = number(machine.technical(), WARM_UP_FROM_STANDBY);
        final Optional<Double> power = number(machine.technical(), WARM_UP_POWER);
        if (fromOff.isEmpty() || power.isEmpty() || fromOff.get() < 0 || power.get() < 0) {
            return Optional.empty();
        }
        return Optional.of(new WarmUp(fromOff.get(), fromStandby.orElse(fromOff.get()), power.get()));
    }

    /** Warm-up minutes from OFF and from STANDBY, at {@code powerKw}. */
    public record WarmUp(double fromOffMinutes, double fromStandbyMinutes, double powerKw) {

        /** Energy of a warm-up from OFF, kWh. */
        public double fromOffKwh() {
            return powerKw * fromOffMinutes / 60;
        }
    }

    private static Optional<Double> number(final JsonObject object, final String key) {
        return object.getValue(JsonPointer.of(key)).filter(JsonValue::isNumber).map(JsonValue::asDouble);
    }

    private static Optional<String> text(final JsonObject object, final String key) {
        return object.getValue(JsonPointer.of(key)).filter(JsonValue::isString).map(JsonValue::asString);
    }
}
