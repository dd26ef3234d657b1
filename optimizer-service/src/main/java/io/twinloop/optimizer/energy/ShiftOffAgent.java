package io.twinloop.optimizer.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.time.ShiftCalendar;

/**
 * Energy, by the shift calendar: off-shift an idle machine left in {@code RUN} draws standby power all night and
 * weekend. This agent proposes switching it {@code OFF} when the time until the next shift is long enough for the
 * saved standby energy to pay back the restart's warm-up (by at least {@link Settings#minSavingKwh()}), and
 * {@code RUN} again ahead of the next shift so that the warm-up ends {@link Settings#lead()} before the shift starts
 * (or at once when a shift has begun and the machine is still off). The machines due at one decision go into one
 * candidate (switch-off, restart), so the line's saving is judged as a whole and a person approves one change.
 *
 * <p>It sees only what the twins show: the calendar ({@code features/ShiftCalendar}), the machine's state, mode and
 * power draw, and its warm-up figures in {@code TechnicalData} ({@link TwinCalendar}). A machine whose twin shows no
 * calendar or no warm-up figures is left alone. Its candidates are predicted by {@link ShiftOffModel}, judged by the
 * goal layer and pass the impact policy like every other agent's (a {@code Mode} change waits for approval by
 * default).
 */
public final class ShiftOffAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ShiftOffAgent.class);
    public static final String NAME = "shift-off";

    /**
     * @param lead how long before the shift starts the warm-up is to end: at least the time between two decisions
     *     (the restart is proposed at the first decision at or after {@code shift start − warm-up − lead})
     * @param minSavingKwh least net energy (standby saved minus warm-up) for which switching off is proposed
     */
    public record Settings(Duration lead, double minSavingKwh) {

        public Settings {
            if (lead == null || lead.isNegative() || !(minSavingKwh >= 0) || Double.isInfinite(minSavingKwh)) {
                throw new IllegalArgumentException("shift-off agent: lead must be >= 0 and minSavingKwh a finite"
                        + " number >= 0, were " + lead + " and " + minSavingKwh);
            }
        }

        /** 15 min of lead (the bench's quantum), at least 1 kWh saved. */
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(15), 1.0);
        }
    }

    private final Settings settings;
    private final Predicate<ThingId> maintenanceWanted;
    /** Net kWh each switch-off candidate of the latest proposal saves, for {@link ShiftOffModel}. */
    private final AtomicReference<Map<Candidate, Double>> savings = new AtomicReference<>(Map.of());

    public ShiftOffAgent(final Settings settings) {
        this(settings, machine -> false);
    }

    /**
     * @param maintenanceWanted whether a machine's maintenance is wanted (e.g. the maintenance agent has a plan for
     *     it): such a machine is not switched off, as the plant does not maintain a machine that is {@code OFF}; idle
     *     off-shift it is the best time for its maintenance (nothing is lost), and held off the shift-off agent
     *     left it wanted and never placed (press-shop seed 1: two presses failed)
     */
    public ShiftOffAgent(final Settings settings, final Predicate<ThingId> maintenanceWanted) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.maintenanceWanted = java.util.Objects.requireNonNull(maintenanceWanted, "maintenanceWanted");
    }

    @Override
    public String name() {
        return NAME;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public List<Candidate> propose(final PlantView view) {
        final Instant now = view.readAt();
        // one candidate for every machine to switch off now, one for every machine to restart: fewer decisions and
        // approvals than one per machine, and the line's saving is judged as a whole
        final List<Action> off = new ArrayList<>();
        final List<String> offReasons = new ArrayList<>();
        double net = 0;
        final List<Action> run = new ArrayList<>();
        final List<String> runReasons = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            if (!machine.isMachine()) {
                continue;
            }
            final Optional<ShiftCalendar> calendar = TwinCalendar.of(machine);
            final Optional<TwinCalendar.WarmUp> warmUp = TwinCalendar.warmUp(machine);
            if (calendar.isEmpty() || warmUp.isEmpty()) {
                if (!machine.calendar().isEmpty() && calendar.isEmpty()) {
                    LOG.warn("shift calendar unreadable, machine left alone: thing={} calendar={}",
                            machine.thingId(), machine.calendar());
                }
                continue;
            }
            final String mode = machine.desired("Mode").filter(JsonValue::isString).map(JsonValue::asString)
                    .orElse(machine.mode());
            final Duration warm = Duration.ofSeconds(Math.round(warmUp.get().fromOffMinutes() * 60));
            if (calendar.get().staffed(now)) {
                if ("OFF".equals(mode)) {
                    run.add(mode(machine, "RUN"));
                    runReasons.add(machine.thingId() + ": the shift has begun (" + describe(calendar.get())
                            + "), warm-up " + warm.toMinutes() + " min");
                }
                continue;
            }
            final Instant shift = calendar.get().nextStaffed(now);
            final Instant restartAt = shift.minus(warm).minus(settings.lead());
            if ("OFF".equals(mode)) {
                if (!now.isBefore(restartAt)) {
                    run.add(mode(machine, "RUN"));
                    runReasons.add(String.format(Locale.ROOT, "%s: shift at %s, warm-up %d min at %.1f kW ends %d"
                            + " min before it", machine.thingId(), shift, warm.toMinutes(), warmUp.get().powerKw(),
                            settings.lead().toMinutes()));
                }
                continue;
            }
            final boolean idle = "RUN".equals(mode) && "STANDBY".equals(machine.state())
                    && machine.text("CurrentJob").filter(job -> !job.isBlank()).isEmpty();
            final boolean maintenanceAsked = machine.maintenanceRequested() || machine.desired("MaintenanceRequest")
                    .filter(JsonValue::isBoolean).map(JsonValue::asBoolean).orElse(false);
            if (!idle || maintenanceAsked || !now.isBefore(restartAt)) {
                continue;
            }
            if (maintenanceWanted.test(machine.thingId())) {
                LOG.debug("not switched off, its maintenance is wanted: thing={}", machine.thingId());
                continue;
            }
            final double standbyKw = Double.isNaN(machine.powerKw()) ? 0 : machine.powerKw();
            final double offHours = Duration.between(now, restartAt).toMillis() / 3_600_000.0;
            // no change: standby until the shift; switched off: nothing until the restart, then the warm-up, then
            // standby for the lead
            final double saved = standbyKw * (offHours + warm.toMillis() / 3_600_000.0)
                    - warmUp.get().fromOffKwh();
            if (saved < settings.minSavingKwh()) {
                continue;
            }
            off.add(mode(machine, "OFF"));
            net += saved;
            offReasons.add(String.format(Locale.ROOT, "%s: nobody there until %s (%s), idle at %.1f kW for %.1f h"
                    + " until its restart at %s against a warm-up of %d min at %.1f kW (%.1f kWh): saves %.1f kWh",
                    machine.thingId(), shift, describe(calendar.get()), standbyKw, offHours, restartAt,
                    warm.toMinutes(), warmUp.get().powerKw(), warmUp.get().fromOffKwh(), saved));
        }
        final List<Candidate> candidates = new ArrayList<>();
        Map<Candidate, Double> saved = Map.of();
        if (!off.isEmpty()) {
            final Candidate candidate = new Candidate(NAME, String.format(Locale.ROOT, "OFF off-shift: %s (saves "
                    + "%.1f kWh)", things(off), net), off, String.join("; ", offReasons));
            candidates.add(candidate);
            saved = Map.of(candidate, net);
        }
        if (!run.isEmpty()) {
            candidates.add(new Candidate(NAME, "RUN ahead of the shift: " + things(run), run,
                    String.join("; ", runReasons)));
        }
        savings.set(saved);
        return candidates;
    }

    private static String things(final List<Action> actions) {
        return actions.stream().map(action -> action.thingId().toString()).collect(Collectors.joining(", "));
    }

    /** Net kWh the switch-off {@code candidate} of the latest proposal saves over no change; empty for others. */
    public Optional<Double> saving(final Candidate candidate) {
        return Optional.ofNullable(savings.get().get(candidate));
    }

    private static Action mode(final MachineView machine, final String mode) {
        return new Action(machine.thingId(), MachineView.OPERATIONAL, JsonPointer.of("Mode"), JsonValue.of(mode),
                machine.revision());
    }

    private static String describe(final ShiftCalendar calendar) {
        return String.format(Locale.ROOT, "%d x %.1f h from %s on %s (%s)", calendar.shiftsPerDay(),
                calendar.shiftHours(), calendar.firstShiftStarts(), calendar.workingDays(), calendar.zone());
    }
}
