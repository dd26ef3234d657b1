package io.twinloop.optimizer.maintenance;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance agent: from each machine's twin signals over time ({@link TwinSignals}) it estimates the
 * probability of a failure within its horizon ({@link FailureHazard}); when that is material it proposes
 * {@code MaintenanceRequest = true} for the machine, in a low-demand window (the machine's {@code JobQueue} is empty
 * or it stands by starved), or at once when the risk is urgent or the machine has failed. Outside a window a
 * material but not urgent risk is a deferred {@link MaintenancePlan}, not a candidate. Whether the risk outweighs
 * the lost production is the goal layer's judgement on a model's prediction ({@link MaintenanceRiskModel}); a
 * maintenance request is irreversible in the default impact policy, so a chosen one waits for a person.
 *
 * <p>A machine whose maintenance needs a spare part the store does not hold gets the need in its candidate's summary
 * and reasoning, so in the decision record and the proposal; {@link #partNeeds()} lists every current need,
 * deferred plans included (the part must be ordered before the window comes).
 */
public final class MaintenanceAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceAgent.class);
    private static final JsonPointer MAINTENANCE_REQUEST = JsonPointer.of("MaintenanceRequest");

    /**
     * @param horizon how far ahead the failure probability is estimated
     * @param materialProbability failure probability within the horizon from which maintenance is planned
     * @param urgentProbability from which it is proposed at once, window or not
     * @param shape Weibull shape β of the wear-out hazard (C-MAPSS FD001 fit)
     * @param assumedLifeHours characteristic life assumed at 100 % speed while no health trend is measurable
     * @param minTrendSamples samples needed to measure the wear rate from the health trend
     * @param condition how wear is read from the vibration of a twin without a health index (C-MAPSS drift curve)
     * @param historyCapacity samples kept per machine
     * @param sampleSpacing least time between two samples of one machine
     * @param spareParts the spare-part store
     */
    public record Settings(Duration horizon, double materialProbability, double urgentProbability, double shape,
            double assumedLifeHours, int minTrendSamples, ConditionDrift condition, int historyCapacity,
            Duration sampleSpacing, SpareParts spareParts) {

        public Settings {
            Objects.requireNonNull(spareParts, "spareParts");
            Objects.requireNonNull(condition, "condition");
            if (horizon == null || horizon.isNegative() || horizon.isZero()) {
                throw new IllegalArgumentException("maintenance agent: horizon must be positive, was " + horizon);
            }
            if (!(materialProbability > 0 && materialProbability <= urgentProbability && urgentProbability <= 1)) {
                throw new IllegalArgumentException("maintenance agent: need 0 < materialProbability <= "
                        + "urgentProbability <= 1, were " + materialProbability + " and " + urgentProbability);
            }
        }

        public static Settings defaults() {
            // 2048 samples: a week at 5 min, three weeks at 15 min; a condition baseline must outlive a machine's
            // time between maintenances, or it slides into the drift it is the reference for
            return new Settings(Duration.ofHours(24), 0.05, 0.3, 4.41, 1_000, 3, ConditionDrift.cmapssFd001(), 2_048,
                    Duration.ofMinutes(5), SpareParts.none());
        }

        public Settings withHorizon(final Duration value) {
            return new Settings(value, materialProbability, urgentProbability, shape, assumedLifeHours,
                    minTrendSamples, condition, historyCapacity, sampleSpacing, spareParts);
        }

        public Settings withProbabilities(final double material, final double urgent) {
            return new Settings(horizon, material, urgent, shape, assumedLifeHours, minTrendSamples, condition,
                    historyCapacity, sampleSpacing, spareParts);
        }

        public Settings withSampleSpacing(final Duration value) {
            return new Settings(horizon, materialProbability, urgentProbability, shape, assumedLifeHours,
                    minTrendSamples, condition, historyCapacity, value, spareParts);
        }

        public Settings withCondition(final ConditionDrift value) {
            return new Settings(horizon, materialProbability, urgentProbability, shape, assumedLifeHours,
                    minTrendSamples, value, historyCapacity, sampleSpacing, spareParts);
        }

        public Settings withSpareParts(final SpareParts value) {
            return new Settings(horizon, materialProbability, urgentProbability, shape, assumedLifeHours,
                    minTrendSamples, condition, historyCapacity, sampleSpacing, value);
        }

        FailureHazard hazard() {
            return new FailureHazard(shape, assumedLifeHours, minTrendSamples, condition);
        }
    }

    private final Settings settings;
    private final TwinSignals signals;
    private final FailureHazard hazard;
    private final Map<ThingId, MaintenancePlan> plans = new ConcurrentHashMap<>();

    public MaintenanceAgent(final Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signals = new TwinSignals(settings.historyCapacity(), settings.sampleSpacing());
        this.hazard = settings.hazard();
    }

    @Override
    public String name() {
        return "maintenance";
    }

    @Override
    public List<Candidate> propose(final PlantView view) {
        signals.observe(view);
        plans.keySet().removeIf(id -> view.machine(id).isEmpty());
        final List<Candidate> candidates = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            if (!machine.isMachine() || !maintainable(machine)) {
                plans.remove(machine.thingId());
                continue;
            }
            final FailureRisk risk = risk(machine.thingId(), settings.horizon());
            final boolean failed = "FAILED".equals(machine.state());
            // a failed machine needs its repair whatever its estimated risk: a twin without a health index shows
            // a stopped machine's vibration, which says nothing of a risk any more
            // what a maintenance would take away, not the risk itself: a machine wearing fast has a risk within the
            // horizon even new, and maintaining it again right after its maintenance removes none of it
            if (!failed && risk.avoidableProbability() < settings.materialProbability()) {
                plans.remove(machine.thingId());
                continue;
            }
            final int queued = queued(machine);
            final boolean lowDemand = queued == 0 || "STANDBY".equals(machine.state());
            final boolean urgent = failed || risk.avoidableProbability() >= settings.urgentProbability();
            final boolean now = lowDemand || urgent;
            final Optional<SparePartNeed> part = settings.spareParts().shortageFor(machine.thingId());
            final String window = window(machine, queued, lowDemand, urgent, risk);
            final MaintenancePlan plan = new MaintenancePlan(machine.thingId(), risk, window, now, part);
            final MaintenancePlan before = plans.put(machine.thingId(), plan);
            part.filter(p -> before == null || before.partNeed().isEmpty())
                    .ifPresent(p -> LOG.warn("{} (maintenance of {} planned: {})", p.message(), machine.thingId(),
                            risk.describe()));
            if (!now) {
                if (before == null || before.proposedNow()) {
                    LOG.info("maintenance deferred to a low-demand window: machine={} {} window=\"{}\"",
                            machine.thingId(), risk.describe(), window);
                }
                continue;
            }
            candidates.add(candidate(machine, risk, failed, window, part));
        }
        return candidates;
    }

    /** The failure risk of a machine within {@code horizon}, from the samples taken so far. */
    public FailureRisk risk(final ThingId machine, final Duration horizon) {
        return hazard.risk(signals.samples(machine), horizon);
    }

    /** The plans of the last look, one per machine with a material risk. */
    public Map<ThingId, MaintenancePlan> plans() {
        return Map.copyOf(plans);
    }

    /** Every spare part a planned or proposed maintenance needs and the store does not hold. */
    public List<SparePartNeed> partNeeds() {
        return plans.values().stream().flatMap(p -> p.partNeed().stream())
                .sorted(Comparator.comparing(n -> n.machine().toString())).toList();
    }

    public TwinSignals signals() {
        return signals;
    }

    public Settings settings() {
        return settings;
    }

    /** Not in maintenance, not asked for one already (actual or desired), not switched off (the plant refuses). */
    private static boolean maintainable(final MachineView machine) {
        final boolean requested = machine.maintenanceRequested() || machine.desired("MaintenanceRequest")
                .filter(JsonValue::isBoolean).map(JsonValue::asBoolean).orElse(false);
        return !requested && !"MAINTENANCE".equals(machine.state()) && !"OFF".equals(machine.state());
    }

    /** Jobs waiting at the machine; -1 when its twin does not show a queue. */
    private static int queued(final MachineView machine) {
        return machine.operational().getValue("JobQueue").filter(JsonValue::isArray).map(v -> v.asArray().getSize())
                .orElse(-1);
    }

    private String window(final MachineView machine, final int queued, final boolean lowDemand, final boolean urgent,
            final FailureRisk risk) {
        final String demand = queued == 0 ? "no job waiting (low demand)"
                : "STANDBY".equals(machine.state()) ? "standing by, starved (low demand)"
                : queued < 0 ? "its twin shows no job queue" : queued + " jobs waiting";
        if (lowDemand) {
            return "now is a low-demand window: " + demand;
        }
        if (urgent) {
            return "not a low-demand window (" + demand + "), but the risk is urgent (≥ "
                    + percent(settings.urgentProbability()) + ")";
        }
        return "not now (" + demand + "): maintain in the next low-demand window (empty job queue or starved), "
                + "at once if the risk reaches " + percent(settings.urgentProbability())
                + "; median remaining life " + FailureRisk.hours(risk.medianRemainingHours());
    }

    private Candidate candidate(final MachineView machine, final FailureRisk risk, final boolean failed,
            final String window, final Optional<SparePartNeed> part) {
        final String horizon = FailureRisk.hours(settings.horizon().toMillis() / 3_600_000.0);
        final String summary = (failed ? "repair " + machine.thingId() + " (failed)"
                : String.format(Locale.ROOT, "maintain %s now (failure probability %s within %s)",
                        machine.thingId(), percent(risk.probability()), horizon))
                + part.map(p -> "; " + p.message()).orElse("");
        final StringBuilder reasoning = new StringBuilder();
        reasoning.append(machine.thingId()).append(": ").append(risk.describe())
                .append(String.format(Locale.ROOT, " within %s; %s, state %s, speed %.0f %%. ", horizon,
                        Double.isNaN(machine.health()) ? "no health index"
                                : String.format(Locale.ROOT, "health %.3f", machine.health()),
                        machine.state(), machine.speed()))
                .append(window).append('.');
        settings.spareParts().partFor(machine.thingId()).ifPresent(stock -> reasoning.append(' ')
                .append(part.isPresent() ? part.get().message() : "Spare part " + stock.partNumber() + ": "
                        + stock.onHand() + " on hand").append('.'));
        return new Candidate(name(), summary, List.of(new Action(machine.thingId(), MachineView.OPERATIONAL,
                MAINTENANCE_REQUEST, JsonValue.of(true), Math.max(1, machine.revision()))), reasoning.toString());
    }

    private static String percent(final double probability) {
        return String.format(Locale.ROOT, "%.0f %%", probability * 100);
    }
}
