package io.twinloop.optimizer.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.Plant;
import io.twinloop.plant.PlantSnapshot;
import io.twinloop.plant.degradation.DegradationModel;
import io.twinloop.plant.degradation.LifeDistribution;
import io.twinloop.plant.line.DueDatePolicy;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.CommandResult;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.Mode;

/**
 * The full what-if for high-stakes decisions: the simulated plant's own discrete-event engine ({@link Plant}),
 * started from the twins' current state ({@link LineStart}) with the optimizer's {@link PlantEstimates}, never the
 * simulated plant's hidden figures. Desired values already requested count as applied (as in the surrogate), then
 * the candidate's values are set; the engine runs the horizon (at most {@code horizonCap}, extrapolated linearly
 * beyond) in several replications with different seeds; the prediction is their mean, with the spread.
 *
 * <p>Objectives as the surrogate counts them: energy (each machine's metered kWh) at the hour's price, lost units
 * (below {@code unitsPerHourAtFullSpeed} over the horizon) at {@code lostUnitCostEur}, a maintenance started or a
 * repair at its cost, downtime = machine-hours failed or in maintenance, throughput = parts out of the last
 * machine. A machine that fails during a run is repaired at once (the maintenance agent proposes it at once); one
 * failed already stays down unless the candidate repairs it. The same seeds serve every candidate of a decision
 * (common random numbers), so differences between candidates are not noise of the draws.
 *
 * <p>Bounded: every replication checks the wall-time budget and gives up with a {@link WhatIfException}.
 * Not thread-safe per run, but stateless between runs: one instance may serve several threads.
 */
public final class DiscreteEventModel implements PlantModel {

    public static final String NAME = "des";

    /**
     * @param replications runs per candidate, each with its own seed
     * @param step the engine's time step (below the shortest cycle time)
     * @param horizonCap longest simulated horizon; a longer one is extrapolated linearly
     * @param wallBudget wall time one prediction (all replications of one candidate) may take
     * @param seed the first replication's seed (the others follow)
     */
    public record Settings(int replications, Duration step, Duration horizonCap, Duration wallBudget, long seed) {

        public Settings {
            if (replications < 1 || step == null || step.isNegative() || step.isZero() || horizonCap == null
                    || horizonCap.compareTo(step) < 0 || wallBudget == null || wallBudget.isNegative()
                    || wallBudget.isZero()) {
                throw new IllegalArgumentException("discrete-event what-if: need replications >= 1, a positive step,"
                        + " a horizon cap of at least one step and a positive wall budget; were " + replications
                        + ", " + step + ", " + horizonCap + ", " + wallBudget);
            }
        }

        /** 8 replications, 2 s steps, at most 8 h simulated, 3 s of wall time per candidate. */
        public static Settings defaults() {
            return new Settings(8, Duration.ofSeconds(2), Duration.ofHours(8), Duration.ofSeconds(3), 1);
        }

        public Settings withReplications(final int value) {
            return new Settings(value, step, horizonCap, wallBudget, seed);
        }

        public Settings withStep(final Duration value) {
            return new Settings(replications, value, horizonCap, wallBudget, seed);
        }

        public Settings withHorizonCap(final Duration value) {
            return new Settings(replications, step, value, wallBudget, seed);
        }

        public Settings withWallBudget(final Duration value) {
            return new Settings(replications, step, horizonCap, value, seed);
        }
    }

    private static final double CONFIDENCE = 0.8;
    private static final int STEPS_PER_BUDGET_CHECK = 64;
    /** States are sampled this often (simulated), not every step: a snapshot costs more than a step. */
    private static final long SAMPLE_MILLIS = 30_000;

    private final PlantEstimates estimates;
    private final Settings settings;
    private final DoubleUnaryOperator pricePerKwh;
    private final DegradationModel degradation;

    /**
     * @param pricePerKwh EUR/kWh for the hour {@code h} ahead (0 = now)
     */
    public DiscreteEventModel(final PlantEstimates estimates, final Settings settings,
            final DoubleUnaryOperator pricePerKwh) {
        this.estimates = Objects.requireNonNull(estimates, "estimates");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pricePerKwh = Objects.requireNonNull(pricePerKwh, "pricePerKwh");
        // the estimated life shape; the drift curves only shape condition readings, which no objective uses
        final DegradationModel fitted = DegradationModel.fitted();
        this.degradation = new DegradationModel(new LifeDistribution(estimates.weibullShape(), 1), fitted.drifts(),
                "optimizer estimate (Weibull shape " + estimates.weibullShape() + ")");
    }

    public Settings settings() {
        return settings;
    }

    public PlantEstimates estimates() {
        return estimates;
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final LineStart start = LineStart.of(view, estimates);
        return candidate -> {
            final SimulatedOutcome outcome = simulate(start, view, candidate, horizon,
                    System.nanoTime() + settings.wallBudget().toNanos());
            return new Prediction(outcome.mean(), CONFIDENCE, NAME);
        };
    }

    /**
     * Runs every replication of one candidate.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which it must be done
     * @throws WhatIfException the view cannot be simulated, or the deadline passed
     */
    public SimulatedOutcome simulate(final PlantView view, final Candidate candidate, final Duration horizon,
            final long deadlineNanos) {
        return simulate(LineStart.of(view, estimates), view, candidate, horizon, deadlineNanos);
    }

    /** As {@link #simulate(PlantView, Candidate, Duration, long)}, from a start set up once for many candidates. */
    public SimulatedOutcome simulate(final LineStart start, final PlantView view, final Candidate candidate,
            final Duration horizon, final long deadlineNanos) {
        final Duration simulated = horizon.compareTo(settings.horizonCap()) > 0 ? settings.horizonCap() : horizon;
        final double scale = (double) horizon.toMillis() / simulated.toMillis();
        final List<Command> commands = new ArrayList<>();
        final List<String> notes = new ArrayList<>(start.assumptions());
        commandsFor(start, view, candidate, commands, notes);
        if (scale > 1) {
            notes.add(String.format(Locale.ROOT, "simulated %s of the %s horizon, extrapolated linearly",
                    simulated, horizon));
        }
        final List<Run> runs = new ArrayList<>();
        for (int r = 0; r < settings.replications(); r++) {
            if (System.nanoTime() > deadlineNanos) {
                throw budgetExceeded(r);
            }
            runs.add(run(start, view, commands, simulated, settings.seed() + r, deadlineNanos, r, r == 0 ? notes
                    : null));
        }
        return summarize(start, runs, scale, simulated, notes);
    }

    private WhatIfException budgetExceeded(final int done) {
        return new WhatIfException(String.format(Locale.ROOT, "wall-time budget of %d ms exceeded after %d of %d"
                + " replications", settings.wallBudget().toMillis(), done, settings.replications()));
    }

    /** Desired values already requested first (they count as applied), then the candidate's. */
    private static void commandsFor(final LineStart start, final PlantView view, final Candidate candidate,
            final List<Command> commands, final List<String> notes) {
        for (final MachineView machine : view.machines()) {
            final Optional<String> id = start.engineId(machine.thingId());
            if (id.isEmpty()) {
                continue;
            }
            machine.desired().forEach(field -> command(id.get(), machine.thingId(), field.getKeyName(),
                    field.getValue(), commands, notes));
        }
        for (final Action action : candidate.actions()) {
            final Optional<String> id = start.engineId(action.thingId());
            final String property = action.property().toString().substring(1);
            if (id.isEmpty()) {
                notes.add("not simulated: " + action.thingId() + " is not a machine of the view");
            } else if (!MachineView.OPERATIONAL.equals(action.featureId())) {
                notes.add("not simulated: " + action.path() + " of " + action.thingId());
            } else {
                command(id.get(), action.thingId(), property, action.value(), commands, notes);
            }
        }
    }

    private static void command(final String id, final ThingId thing, final String property, final JsonValue value,
            final List<Command> commands, final List<String> notes) {
        switch (property) {
            case "Speed" -> {
                if (value.isNumber()) {
                    commands.add(new Command.SetSpeed(id, value.asDouble()));
                    return;
                }
            }
            case "Mode" -> {
                final Optional<Mode> mode = value.isString() ? Mode.parse(value.asString()) : Optional.empty();
                if (mode.isPresent()) {
                    commands.add(new Command.SetMode(id, mode.get()));
                    return;
                }
            }
            case "MaintenanceRequest" -> {
                if (value.isBoolean()) {
                    if (value.asBoolean()) {
                        commands.add(new Command.RequestMaintenance(id));
                    }
                    return;
                }
            }
            case "JobSequence", "JobQueue" -> {
                if (value.isArray()) {
                    final List<String> jobs = new ArrayList<>();
                    value.asArray().forEach(job -> jobs.add(job.isString() ? job.asString()
                            : job.isObject() ? job.asObject().getValue("JobId").map(JsonValue::formatAsString)
                            .orElse("?") : job.toString()));
                    commands.add(new Command.SetJobSequence(id, jobs));
                    return;
                }
            }
            default -> {
                notes.add("not simulated: " + thing + " " + property + " = " + value);
                return;
            }
        }
        notes.add("not simulated: " + thing + " " + property + " = " + value + " (not a value the engine takes)");
    }

    /** One replication's totals over the simulated horizon. */
    private record Run(double energyKwh, double energyCostEur, double downtimeHours, double throughput,
            int maintenances, int repairs, int failures, double[][] stateSeconds) {
    }

    private Run run(final LineStart start, final PlantView view, final List<Command> commands,
            final Duration horizon, final long seed, final long deadlineNanos, final int replication,
            final List<String> notes) {
        final Plant plant = Plant.builder().startingFrom(start.machines(), estimates.queueCapacity())
                .degradation(degradation).seed(seed).step(settings.step()).start(view.readAt())
                // an expedite is an outside event the twins cannot foresee; the what-if does not invent them
                .dueDates(DueDatePolicy.defaults().withoutExpedites()).build();
        int maintenances = 0;
        int repairs = 0;
        final Set<String> failedAtStart = new HashSet<>();
        for (final MachineSnapshot machine : plant.snapshot().machines()) {
            if (machine.state() == MachineState.FAILED) {
                failedAtStart.add(machine.id());
            }
        }
        for (final Command command : commands) {
            final CommandResult result = plant.apply(command);
            if (result.isAccepted() && command instanceof Command.RequestMaintenance m) {
                if (failedAtStart.remove(m.machineId())) {
                    repairs++;
                } else {
                    maintenances++;
                }
            } else if (!result.isAccepted() && notes != null) {
                notes.add("the engine refused " + command + ": " + result.rejection().orElseThrow().message());
            }
        }
        final List<MachineSnapshot> first = plant.snapshot().machines();
        final int n = first.size();
        final double[][] stateSeconds = new double[n][MachineState.values().length];
        final long steps = horizon.toMillis() / settings.step().toMillis();
        final long stepsPerHour = Math.max(1, 3_600_000 / settings.step().toMillis());
        final long stepsPerSample = Math.max(1, Math.min(stepsPerHour, SAMPLE_MILLIS / settings.step().toMillis()));
        final double startEnergy = energy(first);
        double hourStartEnergy = startEnergy;
        double energyCost = 0;
        int failures = 0;
        PlantSnapshot now = plant.snapshot();
        for (long k = 1; k <= steps; k++) {
            if (k % STEPS_PER_BUDGET_CHECK == 0 && System.nanoTime() > deadlineNanos) {
                throw budgetExceeded(replication);
            }
            plant.advance(settings.step());
            final boolean hourEnds = k % stepsPerHour == 0 || k == steps;
            final long sinceSample = k % stepsPerSample == 0 ? stepsPerSample : k == steps ? k % stepsPerSample : 0;
            if (sinceSample == 0 && !hourEnds) {
                continue;
            }
            now = plant.snapshot();
            final List<MachineSnapshot> machines = now.machines();
            final double sampledSeconds = sinceSample * settings.step().toMillis() / 1000.0;
            for (int i = 0; i < n; i++) {
                final MachineSnapshot machine = machines.get(i);
                stateSeconds[i][machine.state().ordinal()] += sampledSeconds;
                if (machine.state() == MachineState.FAILED && !failedAtStart.contains(machine.id())) {
                    failures++;
                    if (plant.apply(new Command.RequestMaintenance(machine.id())).isAccepted()) {
                        repairs++;
                    }
                }
            }
            if (hourEnds) {
                final double energy = energy(machines);
                energyCost += (energy - hourStartEnergy) * pricePerKwh.applyAsDouble((k - 1) / stepsPerHour);
                hourStartEnergy = energy;
            }
        }
        double downtime = 0;
        for (int i = 0; i < n; i++) {
            downtime += (stateSeconds[i][MachineState.FAILED.ordinal()]
                    + stateSeconds[i][MachineState.MAINTENANCE.ordinal()]) / 3600;
        }
        final double throughput = now.machines().get(n - 1).partsProduced() - first.get(n - 1).partsProduced();
        return new Run(energy(now.machines()) - startEnergy, energyCost, downtime, throughput, maintenances, repairs,
                failures, stateSeconds);
    }

    private static double energy(final List<MachineSnapshot> machines) {
        double sum = 0;
        for (final MachineSnapshot machine : machines) {
            sum += machine.energyKwh();
        }
        return sum;
    }

    private SimulatedOutcome summarize(final LineStart start, final List<Run> runs, final double scale,
            final Duration simulated, final List<String> notes) {
        final SurrogateModel.Settings s = estimates.surrogate();
        final double hours = simulated.toMillis() / 3_600_000.0;
        final int r = runs.size();
        final double[][] values = new double[4][r];
        double failures = 0;
        for (int k = 0; k < r; k++) {
            final Run run = runs.get(k);
            final double lost = Math.max(0, s.unitsPerHourAtFullSpeed() * hours - run.throughput());
            values[0][k] = scale * (run.energyCostEur() + lost * s.lostUnitCostEur()
                    + run.repairs() * s.repairCostEur()
                    + run.maintenances() * s.maintenanceCostEur());
            values[1][k] = scale * run.energyKwh();
            values[2][k] = scale * run.downtimeHours();
            values[3][k] = scale * run.throughput();
            failures += run.failures();
        }
        final Map<ThingId, Map<String, Double>> stateHours = new LinkedHashMap<>();
        for (int i = 0; i < start.machines().size(); i++) {
            final Map<String, Double> byState = new HashMap<>();
            for (final MachineState state : MachineState.values()) {
                double sum = 0;
                for (final Run run : runs) {
                    sum += run.stateSeconds()[i][state.ordinal()];
                }
                if (sum > 0) {
                    byState.put(state.name(), scale * sum / r / 3600);
                }
            }
            stateHours.put(start.things().get(start.machines().get(i).id()), byState);
        }
        return new SimulatedOutcome(new Objectives(mean(values[0]), mean(values[1]), mean(values[2]),
                mean(values[3])), new Objectives(sd(values[0]), sd(values[1]), sd(values[2]), sd(values[3])), r,
                stateHours, scale * failures / r, notes);
    }

    private static double mean(final double[] values) {
        double sum = 0;
        for (final double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sd(final double[] values) {
        if (values.length < 2) {
            return 0;
        }
        final double mean = mean(values);
        double sum = 0;
        for (final double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
