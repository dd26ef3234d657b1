package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineProfile;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.WearProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The condition reading ({@link ConditionDrift}, through {@link FailureHazard}) against the plant's own signatures,
 * for a machine of each kind, seen as the benchmark's twinloop policy sees it: one sample per 15 min quantum, the
 * speed changed hourly as the tariff agent does, the kind's life scaled as in the shipped scenarios. Each machine
 * is maintained, runs to 0.75 of its life (or its failure), is maintained again, and runs a second cycle as far. The machine's
 * hidden wear is read here only to grade the estimate; the estimator never sees it. Prints the figures quoted in
 * the README.
 *
 * <p>Why: the benchmark found a press 22 h after its maintenance read as 0.18–0.21 of its life where its nominal wear
 * was 0.12; the risk that followed made the goal layer maintain young machines. Measured here before the change
 * (1-SE bound, 16 baseline and 12 recent samples): young machines (true wear 0.05–0.25) had a failure probability
 * within 48 h of 5 % or more in 4–13 % of their readings (99th percentile 0.16–0.77) — noise in a reading taken at
 * every decision, magnified by the short age the wear rate is taken over.
 */
class ConditionReadingOnPlantTest {

    private static final int SEEDS = 12;
    private static final Duration QUANTUM = Duration.ofMinutes(15);
    private static final Duration HORIZON = Duration.ofHours(48);

    /**
     * One reading: the cycle (0 from new, 1 after the maintenance), the true and read wear, the estimated
     * probability of a failure within the horizon and the one the true wear and its mean rate over the cycle give.
     */
    private record Point(int cycle, double trueWear, double readWear, double probability, double trueProbability,
            double avoidable, double trueAvoidable) {
    }

    /** The kind's profile with its characteristic life set to {@code eta} hours (shortened for the tests). */
    static MachineProfile withLife(final MachineProfile base, final double eta) {
        final WearProfile wear = base.wear();
        return new MachineProfile(base.nominalCycleTime(), base.speedRange(), base.energy(), base.signatures(),
                new WearProfile(eta, wear.loadExponent(), wear.maintenanceTime(), wear.repairTime()));
    }

    /**
     * Whether the machine's first (unwatched-before) cycle ends now: it failed or reached 0.75 of its life, so it is
     * maintained and the watched cycle begins.
     */
    static boolean firstCycleEnds(final Plant plant, final MachineSnapshot m, final double trueWear, final int cycle) {
        if (cycle != 0 || m.state() != MachineState.FAILED && trueWear < 0.75) {
            return false;
        }
        plant.apply(new Command.RequestMaintenance("m"));
        return true;
    }

    /** Steps the plant one quantum and records what the twin shows of machine {@code m} at {@code at}. */
    static MachineSnapshot advance(final Plant plant, final Instant at, final int quantum,
            final List<TwinSignals.Sample> samples) {
        plant.advance(QUANTUM);
        final MachineSnapshot m = plant.snapshot().machine("m").orElseThrow();
        samples.add(new TwinSignals.Sample(at, quantum, m.state().name(), m.speedPercent(), Double.NaN,
                m.vibration(), m.temperature()));
        return m;
    }

    /** The reading beside the truth: the Weibull risk of the true wear at the rate the cycle so far had. */
    private static Point point(final int cycle, final double trueWear, final FailureRisk risk,
            final Instant cycleStart, final Instant at) {
        final double age = Duration.between(cycleStart, at).toMinutes() / 60.0;
        return new Point(cycle, trueWear, risk.lifeFraction(), risk.probability(),
                weibullProbability(trueWear, trueWear / age), risk.avoidableProbability(),
                weibullProbability(trueWear, trueWear / age) - weibullProbability(0, trueWear / age));
    }

    private static double weibullProbability(final double wear, final double ratePerHour) {
        final double beta = 4.41;
        return 1 - Math.exp(-(Math.pow(wear + ratePerHour * HORIZON.toHours(), beta) - Math.pow(wear, beta)));
    }

    /** The life scales of the shipped scenarios (press shop 0.2, automotive 0.25). */
    private static double lifeScale(final MachineKind kind) {
        return kind == MachineKind.PRESS || kind == MachineKind.CONVEYOR ? 0.2 : 0.25;
    }

    private static List<Point> run(final MachineKind kind, final int seed, final FailureHazard hazard) {
        return run(kind, seed, hazard, 0, true);
    }

    /**
     * @param startWear the fraction of its life the machine is worn by when first seen
     * @param maintainedFirst whether it is maintained first (its first cycle begins at a reset) or not (its first
     *     cycle begins when it is first seen)
     */
    private static List<Point> run(final MachineKind kind, final int seed, final FailureHazard hazard,
            final double startWear, final boolean maintainedFirst) {
        final double eta = kind.profile().wear().characteristicLifeHours() * lifeScale(kind);
        final MachineProfile profile = withLife(kind.profile(), eta);
        final Plant plant = Plant.builder()
                .startingFrom(List.of(MachineStart.builder("m", kind).profile(profile).wearHours(startWear * eta)
                        .build()), 3)
                .seed(2_000 + seed).step(Duration.ofSeconds(10)).build();
        final double[] speeds = {100, 115, Math.min(130, profile.speedRange().maxPercent())};
        final List<TwinSignals.Sample> samples = new ArrayList<>();
        final List<Point> points = new ArrayList<>();
        int cycle = 0;
        Instant at = Instant.EPOCH;
        Instant cycleStart = at;
        if (maintainedFirst) {
            // the first cycle starts with a maintenance, as every cycle after the one a machine is first seen in does
            plant.apply(new Command.RequestMaintenance("m"));
        }
        for (int quantum = 0; quantum < 4 * 4 * eta; quantum++) {
            if (quantum % 4 == 0) {
                plant.apply(new Command.SetSpeed("m", speeds[(quantum / 4 + seed) % speeds.length]));
            }
            at = at.plus(QUANTUM);
            final MachineSnapshot m = advance(plant, at, quantum, samples);
            final double trueWear = m.wearHours() / eta;
            if (m.state() == MachineState.MAINTENANCE) {
                continue;
            }
            if (firstCycleEnds(plant, m, trueWear, cycle)) {
                cycle = 1;
                continue;
            }
            if (samples.size() > 1 && samples.get(samples.size() - 2).state().equals("MAINTENANCE")) {
                cycleStart = at.minus(QUANTUM);
            }
            if (m.state() == MachineState.FAILED || cycle == 1 && trueWear > 0.75) {
                break;
            }
            if (trueWear >= 0.05 && trueWear <= 0.25 || trueWear >= 0.6) {
                final FailureRisk risk = hazard.risk(samples, HORIZON);
                points.add(point(cycle, trueWear, risk, cycleStart, at));
            }
        }
        return points;
    }

    private static List<Point> runs(final MachineKind kind, final FailureHazard hazard) {
        final List<Point> points = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            points.addAll(run(kind, seed, hazard));
        }
        return points;
    }

    private static double mean(final List<Point> points, final java.util.function.ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double percentile(final List<Point> points, final double q) {
        final double[] p = points.stream().mapToDouble(Point::probability).sorted().toArray();
        return p[(int) Math.min(p.length - 1, p.length * q)];
    }

    private static double shareMaterial(final List<Point> points) {
        return points.stream().filter(p -> p.probability() >= 0.05).count() / (double) points.size();
    }

    /** Share of readings whose probability is material and above the true one by 5 points or more. */
    private static double shareOverRead(final List<Point> points) {
        return points.stream().filter(p -> p.probability() >= 0.05 && p.probability() >= p.trueProbability() + 0.05)
                .count() / (double) points.size();
    }

    /**
     * A machine first seen worn (0.45 of its life, as the press shop's third press) gives no rate from the cycle it
     * was first seen in: its age is unknown, and over the hours since first seen its rate read about twice the true
     * one; used, it made the next young cycle read old (P48 over-read in 18 % of those readings). Only a cycle that
     * began at a maintenance gives a rate. (Telling a machine first seen new from a worn one by comparing its first
     * baseline with the one after its maintenance was tried: 0.8 σ of drift at 0.45 of a life against 0.25 σ of
     * noise in the difference did not tell them apart reliably enough.)
     */
    @Test
    void aMachineFirstSeenWornIsNotReadOldInItsNextCycle() {
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        for (final MachineKind kind : List.of(MachineKind.PRESS, MachineKind.CNC_MACHINING)) {
            final List<Point> young = new ArrayList<>();
            for (int seed = 0; seed < SEEDS; seed++) {
                run(kind, seed, hazard, 0.45, false).stream()
                        .filter(p -> p.cycle() == 1 && p.trueWear() <= 0.25).forEach(young::add);
            }
            System.out.printf(Locale.ROOT, "%s first seen at 0.45: next cycle, true wear 0.05-0.25 (%d readings): "
                            + "true %.3f read %.3f, P48 %.3f (true %.3f), over-read in %.1f %%%n", kind, young.size(),
                    mean(young, Point::trueWear), mean(young, Point::readWear), mean(young, Point::probability),
                    mean(young, Point::trueProbability), shareOverRead(young) * 100);
            assertThat(young).hasSizeGreaterThan(200);
            assertThat(shareOverRead(young)).as("%s: over-read", kind).isLessThan(0.03);
        }
    }

    @Test
    void youngMachinesOfEveryKindReadNearTheirNominalWearAndOldOnesAsOld() {
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        for (final MachineKind kind : MachineKind.values()) {
            final List<Point> points = runs(kind, hazard);
            final List<Point> youngFirst = points.stream().filter(p -> p.cycle() == 0 && p.trueWear() <= 0.25)
                    .toList();
            final List<Point> youngSecond = points.stream().filter(p -> p.cycle() == 1 && p.trueWear() <= 0.25)
                    .toList();
            final List<Point> old = points.stream().filter(p -> p.cycle() == 0 && p.trueWear() >= 0.6).toList();
            final List<Point> oldSecond = points.stream().filter(p -> p.cycle() == 1 && p.trueWear() >= 0.6).toList();
            System.out.printf(Locale.ROOT, "%s: first cycle, true wear 0.05-0.25 (%d readings): true %.3f read %.3f, "
                            + "P48 %.3f (true %.3f), >= 5 %% in %.1f %%, over-read in %.1f %%, 99th pct %.3f | after a "
                            + "maintenance (%d): true %.3f read %.3f, P48 %.3f (true %.3f), >= 5 %% in %.1f %%, "
                            + "over-read in %.1f %%, 99th pct %.3f | true 0.6-0.75, first cycle (%d): true %.3f read %.3f, P48 "
                            + "%.3f (true %.3f); second cycle (%d): true %.3f read %.3f, P48 %.3f (true %.3f); young "
                            + "after a maintenance, avoidable P48 %.3f (true %.3f)%n", kind,
                    youngFirst.size(), mean(youngFirst, Point::trueWear), mean(youngFirst, Point::readWear),
                    mean(youngFirst, Point::probability), mean(youngFirst, Point::trueProbability),
                    shareMaterial(youngFirst) * 100, shareOverRead(youngFirst) * 100, percentile(youngFirst, 0.99),
                    youngSecond.size(), mean(youngSecond, Point::trueWear), mean(youngSecond, Point::readWear),
                    mean(youngSecond, Point::probability), mean(youngSecond, Point::trueProbability),
                    shareMaterial(youngSecond) * 100, shareOverRead(youngSecond) * 100,
                    percentile(youngSecond, 0.99), old.size(),
                    mean(old, Point::trueWear), mean(old, Point::readWear), mean(old, Point::probability),
                    mean(old, Point::trueProbability), oldSecond.size(), mean(oldSecond, Point::trueWear),
                    mean(oldSecond, Point::readWear), mean(oldSecond, Point::probability),
                    mean(oldSecond, Point::trueProbability), mean(youngSecond, Point::avoidable),
                    mean(youngSecond, Point::trueAvoidable));

            assertThat(youngSecond).as("%s: second-cycle readings", kind).hasSizeGreaterThan(200);
            // noise is not read as wear: a young machine is (almost) never a material risk above its true one
            assertThat(shareOverRead(youngFirst)).as("%s: share of young readings over-read as material", kind)
                    .isLessThan(0.03);
            assertThat(shareOverRead(youngSecond)).as("%s: same after a maintenance", kind).isLessThan(0.03);
            // part of a young machine's risk is one a maintenance cannot take away (a new machine wearing as fast
            // has it too): what maintaining it would avoid is read close to its true value, and is much smaller
            // than the whole probability (a CNC after its maintenance: P48 0.08, of it 0.02 even if maintained)
            assertThat(youngSecond.stream().filter(p -> p.avoidable() >= 0.05
                    && p.avoidable() >= p.trueAvoidable() + 0.05).count())
                    .as("%s: young readings whose avoidable risk is over-read", kind)
                    .isLessThan(youngSecond.size() * 3 / 100 + 1);
            assertThat(mean(youngSecond, Point::avoidable)).as("%s: mean avoidable risk", kind)
                    .isLessThanOrEqualTo(mean(youngSecond, Point::probability));
            // after its first cycle the machine's own wear rate puts a young machine near its nominal wear
            assertThat(mean(youngSecond, Point::readWear)).as("%s: young wear read after a maintenance", kind)
                    .isCloseTo(mean(youngSecond, Point::trueWear), within(0.05));
            // an old machine still reads old: in its first cycle low (the lower confidence bound and the recent
            // window's lag), after it close, with close to its true risk (its own previous rate within the bounds)
            assertThat(mean(old, Point::readWear)).as("%s: old wear read", kind)
                    .isCloseTo(mean(old, Point::trueWear), within(0.13));
            assertThat(mean(oldSecond, Point::readWear)).as("%s: old wear read after a maintenance", kind)
                    .isCloseTo(mean(oldSecond, Point::trueWear), within(0.05));
            assertThat(mean(oldSecond, Point::probability)).as("%s: old risk after a maintenance", kind)
                    .isGreaterThan(0.8 * mean(oldSecond, Point::trueProbability));
        }
    }

    /**
     * A machine repaired after a failure, read in the cycle after it (a guard, not a change: it holds as the reading
     * is). Automotive seed 5 (14 days) had a CNC repaired after a failure read as young from its vibration alone,
     * 11-12 % within 48 h, and fail again 54 running hours later; the failed cycle's end had not drifted beyond noise,
     * so no rate of its own. Taking the rate from the failure itself (a median (ln 2)^(1/β) of the life over the hours
     * it ran) was tried and dropped: here it over-read young CNCs after a failure as a material risk in 36 % of their
     * readings (a failure early in a life makes the next cycle look old), where the vibration and the failed cycle's
     * own drift read old machines within 0.02 and young ones over-read in 0.3-2 %.
     */
    @Test
    void aMachineRepairedAfterAFailureIsReadByTheRateTheFailureShowed() {
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        for (final MachineKind kind : List.of(MachineKind.CNC_MACHINING, MachineKind.PRESS)) {
            final List<Point> old = new ArrayList<>();
            final List<Point> young = new ArrayList<>();
            for (int seed = 0; seed < SEEDS; seed++) {
                for (final Point p : afterAFailure(kind, seed, hazard)) {
                    (p.trueWear() <= 0.25 ? young : old).add(p);
                }
            }
            System.out.printf(Locale.ROOT, "%s after a failure: true wear 0.4-0.75 (%d readings): true %.3f read %.3f, "
                            + "avoidable P48 %.3f (true %.3f); true wear 0.05-0.25 (%d): true %.3f read %.3f, over-read "
                            + "as material in %.1f %%%n", kind, old.size(), mean(old, Point::trueWear),
                    mean(old, Point::readWear), mean(old, Point::avoidable), mean(old, Point::trueAvoidable),
                    young.size(), mean(young, Point::trueWear), mean(young, Point::readWear),
                    shareOverRead(young) * 100);
            assertThat(old).as("%s: old readings after a failure", kind).hasSizeGreaterThan(100);
            assertThat(mean(old, Point::readWear)).as("%s: old wear read after a failure", kind)
                    .isCloseTo(mean(old, Point::trueWear), within(0.1));
            assertThat(mean(old, Point::avoidable)).as("%s: old avoidable risk after a failure", kind)
                    .isGreaterThan(0.6 * mean(old, Point::trueAvoidable));
            assertThat(shareOverRead(young)).as("%s: young readings over-read after a failure", kind)
                    .isLessThan(0.1);
        }
    }

    /** Maintained, run to its failure, repaired, and read in the cycle after (until 0.75 of its life or failure). */
    private static List<Point> afterAFailure(final MachineKind kind, final int seed, final FailureHazard hazard) {
        final double eta = kind.profile().wear().characteristicLifeHours() * lifeScale(kind);
        final MachineProfile profile = withLife(kind.profile(), eta);
        final Plant plant = Plant.builder()
                .startingFrom(List.of(MachineStart.builder("m", kind).profile(profile).build()), 3)
                .seed(5_000 + seed).step(Duration.ofSeconds(10)).build();
        final List<TwinSignals.Sample> samples = new ArrayList<>();
        final List<Point> points = new ArrayList<>();
        plant.apply(new Command.RequestMaintenance("m"));
        int cycle = 0;
        Instant at = Instant.EPOCH;
        Instant cycleStart = at;
        for (int quantum = 0; quantum < 4 * 8 * eta; quantum++) {
            at = at.plus(QUANTUM);
            final MachineSnapshot m = advance(plant, at, quantum, samples);
            if (m.state() == MachineState.MAINTENANCE) {
                cycleStart = at;
                continue;
            }
            if (m.state() == MachineState.FAILED) {
                if (cycle == 1) {
                    break;
                }
                plant.apply(new Command.RequestMaintenance("m"));
                cycle = 1;
                continue;
            }
            final double trueWear = m.wearHours() / eta;
            if (cycle == 1 && trueWear > 0.75) {
                break;
            }
            if (cycle == 1 && (trueWear >= 0.05 && trueWear <= 0.25 || trueWear >= 0.4)) {
                final FailureRisk risk = hazard.risk(samples, HORIZON);
                points.add(point(cycle, trueWear, risk, cycleStart, at));
            }
        }
        return points;
    }
}
