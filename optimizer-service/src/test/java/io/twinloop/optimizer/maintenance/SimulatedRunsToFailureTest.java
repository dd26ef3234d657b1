package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.plant.Plant;
import io.twinloop.plant.line.LineLayout;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

/**
 * The failure-probability estimate measured on run-to-failure trajectories of the simulated plant (seeded, wear and
 * drift fitted to C-MAPSS FD001): CNC machines at 80, 100 or 120 % speed run until they fail, seen once per hour as
 * the twin would show them. Nothing is fitted on these runs and η (the kind's life) is not given to the estimator,
 * so every run is held out. Prints the figures quoted in the README.
 */
class SimulatedRunsToFailureTest {

    private static final int RUNS = 30;
    private static final int HORIZON_HOURS = 24;
    private static final ThingId CNC = ThingId.of("demo", "cnc-1");

    /** One hourly prediction and what happened. */
    private record Point(int run, int hour, double probability, double medianRul, boolean failedWithin,
            int hoursToFailure) {
    }

    @Test
    void failureProbabilityIsCalibratedAndWarnsBeforeFailures() {
        final List<Point> fitted = new ArrayList<>();
        final List<Point> healthOnly = new ArrayList<>();
        final List<Point> wrongShape = new ArrayList<>();
        final List<Point> vibrationOnly = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            simulate(run, fitted, healthOnly, wrongShape, vibrationOnly);
        }
        final Metrics m = Metrics.of(fitted, 0.05);
        final Metrics w = Metrics.of(wrongShape, 0.05);
        System.out.println(m.describe("β 4.41 (C-MAPSS fit)"));
        System.out.println(w.describe("β 3.0 (misestimated)"));
        System.out.println(Metrics.of(healthOnly, 0.05).describe("health index only (no vibration)"));
        final Metrics v = Metrics.of(vibrationOnly, 0.05);
        System.out.println(v.describe("twin without health index: vibration drift (C-MAPSS curve)"));

        // failures of a Weibull wear-out are random in time: the estimate can rank and be calibrated, not foretell
        assertThat(m.brier()).isLessThan(m.baseRateBrier());
        assertThat(m.auc()).isGreaterThan(0.75);
        assertThat(m.meanProbability()).isCloseTo(m.rate(), org.assertj.core.api.Assertions.within(0.015));
        assertThat(m.flagged()).isGreaterThanOrEqualTo(0.7);

        // a twin without a health index (the benchmark's): the vibration drift alone still ranks the risk well and
        // warns before most failures (the former heuristic, z above an early baseline, warned before few)
        assertThat(v.brier()).isLessThan(v.baseRateBrier());
        assertThat(v.auc()).isGreaterThan(0.75);
        assertThat(v.flagged()).isGreaterThanOrEqualTo(0.6);
    }

    private static void simulate(final int run, final List<Point> fitted, final List<Point> healthOnly,
            final List<Point> wrongShape, final List<Point> vibrationOnly) {
        final Plant plant = Plant.builder().layout(LineLayout.builder().machine("cnc-1", MachineKind.CNC_MACHINING)
                .build()).seed(1_000 + run).step(Duration.ofSeconds(10)).build();
        plant.apply(new Command.SetSpeed("cnc-1", 80 + 20 * (run % 3)));
        final TwinSignals signals = new TwinSignals(256, Duration.ZERO);
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        final FailureHazard wrong = new FailureHazard(3.0, 1_000, 3, ConditionDrift.cmapssFd001());
        final FailureHazard noVibration = new FailureHazard(4.41, 1_000, 3, ConditionDrift.off());
        final TwinSignals withoutHealth = new TwinSignals(4_096, Duration.ZERO);
        final List<double[]> predictions = new ArrayList<>();
        int failedAt = -1;
        for (int hour = 0; hour < 3_000 && failedAt < 0; hour++) {
            final MachineSnapshot cnc = plant.snapshot().machine("cnc-1").orElseThrow();
            if (cnc.failures() > 0) {
                failedAt = hour;
                break;
            }
            final Instant at = Instant.EPOCH.plus(Duration.ofHours(hour));
            final MachineView twin = view(cnc, hour + 1);
            signals.observe(PlantView.of(List.of(twin), at));
            withoutHealth.observe(PlantView.of(List.of(new MachineView(twin.thingId(), twin.revision(),
                    twin.operational().remove("HealthIndex"), twin.desired(), twin.technical())), at));
            final List<TwinSignals.Sample> samples = signals.samples(CNC);
            final FailureRisk risk = hazard.risk(samples, Duration.ofHours(HORIZON_HOURS));
            predictions.add(new double[] {hour, risk.probability(), risk.medianRemainingHours(),
                    wrong.risk(samples, Duration.ofHours(HORIZON_HOURS)).probability(),
                    noVibration.risk(samples, Duration.ofHours(HORIZON_HOURS)).probability(),
                    hazard.risk(withoutHealth.samples(CNC), Duration.ofHours(HORIZON_HOURS)).probability()});
            plant.advance(Duration.ofHours(1));
        }
        assertThat(failedAt).as("run %d fails within 3000 h", run).isPositive();
        for (final double[] p : predictions) {
            final int hour = (int) p[0];
            final int toFailure = failedAt - hour;
            final boolean within = toFailure <= HORIZON_HOURS;
            fitted.add(new Point(run, hour, p[1], p[2], within, toFailure));
            wrongShape.add(new Point(run, hour, p[3], Double.NaN, within, toFailure));
            healthOnly.add(new Point(run, hour, p[4], Double.NaN, within, toFailure));
            vibrationOnly.add(new Point(run, hour, p[5], Double.NaN, within, toFailure));
        }
    }

    /** The machine's twin as the connector would fill it from the plant's OPC UA variables. */
    private static MachineView view(final MachineSnapshot machine, final long revision) {
        final JsonArrayBuilder queue = JsonArray.newBuilder();
        machine.jobQueue().forEach(queue::add);
        return MachineView.of(CNC, JsonObject.newBuilder().set("_revision", revision)
                .set("features", JsonObject.newBuilder().set(MachineView.OPERATIONAL, JsonObject.newBuilder()
                        .set("properties", JsonObject.newBuilder().set("State", machine.state().name())
                                .set("Mode", machine.mode().name()).set("Speed", machine.speedPercent())
                                .set("PowerDraw", machine.powerKw()).set("HealthIndex", machine.health())
                                .set("Vibration", machine.vibration()).set("Temperature", machine.temperature())
                                .set("JobQueue", queue.build()).build())
                        .build()).build()).build());
    }

    /**
     * @param brier mean squared error of the probability of failing within the horizon
     * @param baseRateBrier the same for always predicting the overall failure rate
     * @param auc probability that an hour followed by a failure within the horizon is ranked above one that is not
     * @param warned fraction of runs with a probability ≥ the threshold in the horizon before their failure
     * @param meanLead mean hours between the first such warning and the failure
     * @param medianRulError median of |predicted median RUL − actual| / actual over the last 200 h of each run
     * @param rate observed fraction of hours followed by a failure within the horizon
     * @param meanProbability mean predicted probability (calibration in the large: close to {@code rate})
     * @param flagged fraction of runs whose probability was ≥ the threshold in the last hour before the failure
     */
    private record Metrics(int points, double brier, double baseRateBrier, double auc, double warned, double meanLead,
            double medianRulError, double rate, double meanProbability, double flagged) {

        static Metrics of(final List<Point> points, final double threshold) {
            final double rate = points.stream().filter(Point::failedWithin).count() / (double) points.size();
            double brier = 0;
            double base = 0;
            for (final Point p : points) {
                final double y = p.failedWithin() ? 1 : 0;
                brier += (p.probability() - y) * (p.probability() - y);
                base += (rate - y) * (rate - y);
            }
            final double[] positives = points.stream().filter(Point::failedWithin).mapToDouble(Point::probability)
                    .sorted().toArray();
            final double[] negatives = points.stream().filter(p -> !p.failedWithin()).mapToDouble(Point::probability)
                    .sorted().toArray();
            double wins = 0;
            int j = 0;
            int k = 0;
            for (final double positive : positives) {
                while (j < negatives.length && negatives[j] < positive) {
                    j++;
                }
                k = j;
                while (k < negatives.length && negatives[k] == positive) {
                    k++;
                }
                wins += j + 0.5 * (k - j);
            }
            final double auc = wins / ((double) positives.length * negatives.length);
            int warnedRuns = 0;
            double lead = 0;
            final int runs = points.stream().mapToInt(Point::run).max().orElse(-1) + 1;
            for (int run = 0; run < runs; run++) {
                final int r = run;
                final var first = points.stream().filter(p -> p.run() == r && p.probability() >= threshold)
                        .findFirst();
                if (first.isPresent() && first.get().hoursToFailure() <= HORIZON_HOURS * 4) {
                    warnedRuns++;
                    lead += first.get().hoursToFailure();
                }
            }
            final double[] rulErrors = points.stream().filter(p -> !Double.isNaN(p.medianRul())
                            && p.hoursToFailure() <= 200)
                    .mapToDouble(p -> Math.abs(p.medianRul() - p.hoursToFailure()) / p.hoursToFailure()).sorted()
                    .toArray();
            final double meanProbability = points.stream().mapToDouble(Point::probability).average().orElse(0);
            final long flagged = points.stream().filter(p -> p.hoursToFailure() == 1 && p.probability() >= threshold)
                    .count();
            return new Metrics(points.size(), brier / points.size(), base / points.size(), auc,
                    warnedRuns / (double) runs, warnedRuns == 0 ? Double.NaN : lead / warnedRuns,
                    rulErrors.length == 0 ? Double.NaN : rulErrors[rulErrors.length / 2], rate, meanProbability,
                    flagged / (double) runs);
        }

        String describe(final String label) {
            return String.format(Locale.ROOT, "%s: %d hourly predictions over %d runs; failure within 24 h: observed "
                    + "%.4f, mean predicted %.4f; Brier %.4f (base rate %.4f), AUC %.3f; P24 >= 5 %% in the hour before "
                    + "failure in %.0f %% of runs; first P24 >= 5 %% within 96 h of failure in %.0f %% of runs (mean lead "
                    + "%.0f h); median relative RUL error (last 200 h) %.2f", label, points, RUNS, rate,
                    meanProbability, brier, baseRateBrier, auc, flagged * 100, warned * 100, meanLead, medianRulError);
        }
    }
}
