package io.twinloop.scenarios.stack;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * Waits, after the plant was stepped, until the stack has caught up with the step (quiescence):
 *
 * <ol>
 *   <li><b>delivered</b>: every twin, as the optimizer's projection holds it, shows the plant's latest snapshot
 *       (SimulationTime, State, Mode, Speed, PartsProduced, and the values the agents sample: Vibration,
 *       Temperature, a CNC's DimensionDeviation and ToolOffset, the JobQueue's ids): the OPC UA server, the
 *       connector and the twin server have passed it on, and the optimizer has seen it;</li>
 *   <li><b>reconciled</b>: every desired value the twins hold is either shown as the actual value or answered by
 *       the connector's reconciliation report (applied or rejected) for that value, and the connector holds no
 *       value the twin has not taken;</li>
 *   <li><b>decided</b>: the optimizer, which decides on request, is asked now ({@code OptimizerService.decideNow()})
 *       if a twin change made a decision due, and must have nothing under way ({@code settled()}); its writes
 *       start the checks again;</li>
 *   <li>the {@code work} the runner does between checks (approvals, closing work orders) has nothing left to do.</li>
 * </ol>
 *
 * All must hold on two checks in a row (a twin event may be on its way between the twin server and the optimizer
 * when everything else looks quiet). Past the deadline the run fails with what did not settle.
 */
public final class StepSettler {

    /** Work done between checks; returns true when it did something (so the stack is not settled yet). */
    @FunctionalInterface
    public interface Work {
        boolean run(PlantView view);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StepSettler.class);
    private static final long PAUSE_NANOS = 1_000_000L;
    private static final JsonPointer REPORTS = JsonPointer.of("features/Reconciliation/properties/OperationalData");

    private final LoopStack stack;
    private final Duration deadline;
    /** thing/property → the desired value (JSON) a report has already answered */
    private final Map<String, String> answered = new HashMap<>();
    private long checks;
    private long reportReads;
    private long settles;
    private static final long STALE_AFTER_NANOS = 3_000_000_000L;
    private long staleSince;
    private long staleValues;
    private final java.util.Set<String> knownStale = new java.util.HashSet<>();
    private long settleNanos;
    private long deliveryNanos;
    private boolean delivered;
    private long settleStarted;

    public StepSettler(final LoopStack stack, final Duration deadline) {
        this.stack = stack;
        this.deadline = deadline;
    }

    /**
     * @throws StackNotSettledException past the deadline, naming what is still under way
     */
    public void settle(final Work work) throws InterruptedException {
        final long started = System.nanoTime();
        final long until = started + deadline.toNanos();
        delivered = false;
        staleSince = 0;
        settles++;
        int quietChecks = 0;
        String waitingFor = "";
        while (true) {
            checks++;
            final PlantView view = stack.optimizer().projection().snapshot();
            settleStarted = started;
            final Optional<String> unsettled = unsettled(view, work);
            if (unsettled.isEmpty()) {
                if (++quietChecks >= 2) {
                    staleSince = 0;
                    settleNanos += System.nanoTime() - started;
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("step settled: simulated={} wallMs={} lastWaitedFor=\"{}\"",
                                stack.runtime().latest().time(), (System.nanoTime() - started) / 1_000_000,
                                waitingFor);
                    }
                    return;
                }
            } else {
                quietChecks = 0;
                waitingFor = unsettled.get();
            }
            if (System.nanoTime() > until) {
                throw new StackNotSettledException("the stack did not settle within " + deadline + " at simulated "
                        + stack.runtime().latest().time() + ": " + waitingFor);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while the stack settles");
            }
        }
    }

    private Optional<String> unsettled(final PlantView view, final Work work) {
        final PlantSnapshot plant = stack.runtime().latest();
        for (final MachineSnapshot machine : plant.machines()) {
            final ThingId twin = stack.twins().machines().get(machine.id());
            final Optional<MachineView> shown = view.machine(twin);
            if (shown.isEmpty()) {
                return Optional.of("twin " + twin + " is not in the optimizer's projection");
            }
            final Optional<String> behind = behind(shown.get(), machine, plant.time());
            if (behind.isPresent() && !tolerated(twin, behind.get(), shown.get(), plant.time())) {
                return Optional.of("twin " + twin + " does not show the plant's state yet: " + behind.get());
            }
        }
        if (!delivered) {
            delivered = true;
            deliveryNanos += System.nanoTime() - settleStarted;
        }
        for (final MachineView machine : view.machines()) {
            final Optional<String> open = unanswered(machine);
            if (open.isPresent()) {
                return open;
            }
        }
        final int buffered = stack.connector().statistics().valuesBuffered();
        if (buffered > 0) {
            return Optional.of("the connector holds " + buffered + " value(s) the twins have not taken");
        }
        // the optimizer decides on request (LoopStack): only now, on the whole step with every write answered, so
        // that the same seed meets the same pictures whatever the timing of the events in between
        if (stack.optimizer().decideNow() || !stack.optimizer().settled()) {
            return Optional.of("the optimizer is deciding or writing");
        }
        if (work.run(view)) {
            return Optional.of("the runner acted (approvals, work orders)");
        }
        return Optional.empty();
    }

    /**
     * A twin that shows the step (its SimulationTime) but keeps one value the plant no longer has for
     * {@link #STALE_AFTER_NANOS}: seen in 14-day runs while the optimizer flips
     * a machine's speed back and forth within one step (a twin kept Speed 130 % after the plant had taken 115 %).
     * The step is accepted, the stale value counted and logged, rather than the run failed.
     */
    private boolean tolerated(final ThingId twin, final String difference, final MachineView shown,
            final Instant time) {
        final boolean clockShown = shown.text("SimulationTime").map(t -> {
            try {
                return Instant.parse(t).equals(time);
            } catch (final DateTimeParseException e) {
                return false;
            }
        }).orElse(false);
        final String key = twin + " " + difference;
        if (clockShown && knownStale.contains(key)) {
            return true; // accepted at an earlier step; the twin still shows it
        }
        if (!clockShown) {
            staleSince = 0;
            return false;
        }
        final long now = System.nanoTime();
        if (staleSince == 0) {
            staleSince = now;
            return false;
        }
        if (now - staleSince < STALE_AFTER_NANOS) {
            return false;
        }
        if (knownStale.add(key)) {
            staleValues++;
            LOG.warn("twin {} keeps a value the plant no longer has at simulated {}: {} (accepted after {} ms); "
                    + "desired {}", twin, time, difference, STALE_AFTER_NANOS / 1_000_000, shown.desired());
        }
        return true;
    }

    /** Twin values found stale (shown, different from the plant, never updated) and accepted. */
    public long staleValues() {
        return staleValues;
    }

    private static Optional<String> behind(final MachineView twin, final MachineSnapshot machine, final Instant time) {
        final Optional<String> clock = twin.text("SimulationTime");
        try {
            if (clock.isEmpty() || !Instant.parse(clock.get()).equals(time)) {
                return Optional.of("SimulationTime " + clock.orElse("missing") + ", plant " + time);
            }
        } catch (final DateTimeParseException e) {
            return Optional.of("SimulationTime '" + clock.get() + "' is not an instant");
        }
        if (!machine.state().name().equals(twin.state())) {
            return Optional.of("State " + twin.state() + ", plant " + machine.state());
        }
        if (!machine.mode().name().equals(twin.mode())) {
            return Optional.of("Mode " + twin.mode() + ", plant " + machine.mode());
        }
        if (Math.abs(twin.speed() - machine.speedPercent()) > 1e-9 || Double.isNaN(twin.speed())) {
            return Optional.of("Speed " + twin.speed() + ", plant " + machine.speedPercent());
        }
        if (twin.partsProduced() != machine.partsProduced()) {
            return Optional.of("PartsProduced " + twin.partsProduced() + ", plant " + machine.partsProduced());
        }
        // the agents sample these when they decide (wear, drift, queues): a value still on its way would be read
        // as the step's, and whether it arrived in time would depend on the machine's load
        final Optional<String> signal = differs(twin, "Vibration", machine.vibration())
                .or(() -> differs(twin, "Temperature", machine.temperature()))
                .or(() -> machine.quality().flatMap(q -> differs(twin, "DimensionDeviation", q.dimensionDeviationUm())
                        .or(() -> differs(twin, "ToolOffset", q.toolOffsetUm()))));
        if (signal.isPresent()) {
            return signal;
        }
        final List<String> queue = machine.waitingJobs().stream().map(io.twinloop.plant.machine.Job::id).toList();
        final Optional<List<String>> shownQueue = twin.operational().getValue("JobQueue").filter(JsonValue::isArray)
                .map(jobs -> jobs.asArray().stream().filter(JsonValue::isObject)
                        .map(job -> job.asObject().getValue("JobId").filter(JsonValue::isString)
                                .map(JsonValue::asString).orElse("?"))
                        .toList());
        if (shownQueue.isPresent() && !shownQueue.get().equals(queue)) {
            return Optional.of("JobQueue " + shownQueue.get() + ", plant " + queue);
        }
        return Optional.empty();
    }

    /** A value the twin shows (when it shows it at all) that is not the plant's. */
    private static Optional<String> differs(final MachineView twin, final String property, final double plant) {
        final double shown = twin.number(property);
        return Double.isNaN(shown) || shown == plant || Double.isNaN(plant) ? Optional.empty()
                : Optional.of(property + " " + shown + ", plant " + plant);
    }

    /** A desired value neither shown as the actual value nor answered by a reconciliation report. */
    private Optional<String> unanswered(final MachineView machine) {
        JsonObject reports = null;
        for (final org.eclipse.ditto.json.JsonField desired : machine.desired()) {
            final String property = desired.getKeyName();
            final JsonValue wanted = desired.getValue();
            final Optional<JsonValue> actual = machine.operational().getValue(JsonPointer.of(property));
            final String key = machine.thingId() + "/" + property;
            if (actual.isPresent() && sameValue(actual.get(), wanted)
                    || wanted.toString().equals(answered.get(key))) {
                continue;
            }
            if (reports == null) {
                reportReads++;
                reports = stack.owner().retrieve(TwinPath.thing(machine.thingId()), RequestOptions.none()).join()
                        .body().filter(JsonValue::isObject).map(JsonValue::asObject)
                        .flatMap(thing -> thing.getValue(REPORTS)).filter(JsonValue::isObject)
                        .map(JsonValue::asObject).orElse(JsonObject.empty());
            }
            final Optional<JsonValue> reported = reports.getValue(JsonPointer.of(property + "/value"));
            if (reported.isPresent() && sameValue(reported.get(), wanted)) {
                answered.put(key, wanted.toString());
                continue;
            }
            return Optional.of("desired " + property + " = " + wanted + " of " + machine.thingId()
                    + " is neither applied nor answered by the connector yet");
        }
        return Optional.empty();
    }

    private static boolean sameValue(final JsonValue a, final JsonValue b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }

    /** Whether the connector's report answered this desired value (applied or rejected). */
    public boolean answered(final ThingId thing, final String property, final JsonValue value) {
        return value.toString().equals(answered.get(thing + "/" + property));
    }

    /** The desired value was withdrawn: a later one of the same value must be answered anew. */
    public void forget(final ThingId thing, final String property) {
        answered.remove(thing + "/" + property);
    }

    /** How often the stack was checked, and how often reconciliation reports had to be read. */
    public long checks() {
        return checks;
    }

    public long reportReads() {
        return reportReads;
    }

    /** Mean wall time a step took to settle, and until the twins first showed it (delivery), in milliseconds. */
    public String timing() {
        return settles == 0 ? "no step" : String.format(java.util.Locale.ROOT,
                "%d steps settled in %.1f ms each on average (%.1f ms until the twins showed the step)", settles,
                settleNanos / 1e6 / settles, deliveryNanos / 1e6 / settles);
    }
}
