package io.twinloop.optimizer.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinloop.plant.Plant;
import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.MachineProfile;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineStart;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.time.ShiftCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The condition reading of a machine on a shift calendar, against the plant's own signatures: the press shop's
 * press (life 900 h × 0.2) on two shifts of 8 h Monday to Friday, seen every 15 min as the benchmark's twinloop
 * policy sees it. Off-shift the press stands by (no job is started, it does not wear: the plant wears a machine only
 * while it runs). The press is maintained, runs to 0.75 of its life (or its failure), is maintained again and runs
 * a second cycle; the hidden wear only grades the estimate.
 *
 * <p>Why: press-shop seed 1 lost two presses under the twinloop policy (14 days, 2 preventive maintenances). The
 * wear rate was read per calendar hour since the maintenance, so a cycle with a weekend in it read a rate half its
 * working week's, and the next cycle's wear (that rate × the hours since its maintenance) was read low: an old
 * press in its second cycle read well below its true wear and risk.
 */
class ConditionReadingOnShiftsTest {

    private static final int SEEDS = 8;
    private static final Duration QUANTUM = Duration.ofMinutes(15);
    private static final Duration HORIZON = Duration.ofHours(24);
    private static final ShiftCalendar TWO_SHIFTS = new ShiftCalendar(2, 8, LocalTime.of(6, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/Brussels"));
    /** A Monday, 06:00 in Brussels: the press shop's start. */
    private static final Instant START = Instant.parse("2014-03-03T05:00:00Z");

    /** A reading in the second cycle: true and read wear, estimated and true failure probability within 24 h. */
    private record Point(double trueWear, double readWear, double probability, double trueProbability) {
    }

    private static List<Point> run(final int seed, final FailureHazard hazard) {
        final double eta = MachineKind.PRESS.profile().wear().characteristicLifeHours() * 0.2;
        final MachineProfile profile = ConditionReadingOnPlantTest.withLife(MachineKind.PRESS.profile(), eta);
        final Plant plant = Plant.builder()
                .startingFrom(List.of(MachineStart.builder("m", MachineKind.PRESS).profile(profile).build()), 3)
                .calendar(TWO_SHIFTS).start(START.plus(Duration.ofHours(24L * (seed % 5))))
                .seed(3_000 + seed).step(Duration.ofSeconds(10)).build();
        final List<TwinSignals.Sample> samples = new ArrayList<>();
        final List<Point> points = new ArrayList<>();
        plant.apply(new Command.RequestMaintenance("m"));
        int cycle = 0;
        Instant at = plant.snapshot().time();
        for (int quantum = 0; quantum < 4 * 24 * 60; quantum++) {
            at = at.plus(QUANTUM);
            final MachineSnapshot m = ConditionReadingOnPlantTest.advance(plant, at, quantum, samples);
            final double trueWear = m.wearHours() / eta;
            if (m.state() == MachineState.MAINTENANCE) {
                continue;
            }
            if (ConditionReadingOnPlantTest.firstCycleEnds(plant, m, trueWear, cycle)) {
                cycle = 1;
                continue;
            }
            if (m.state() == MachineState.FAILED || cycle == 1 && trueWear > 0.75) {
                break;
            }
            if (cycle == 1 && trueWear >= 0.55) {
                final FailureRisk risk = hazard.risk(samples, HORIZON);
                // the true risk: the true wear, growing by 1/η per hour the press runs within the next 24 h (it runs
                // whenever the line is staffed: the order book keeps its queue full)
                final double runningHours = TWO_SHIFTS.staffedBetween(at, at.plus(HORIZON)).toMinutes() / 60.0;
                final double trueProbability = 1 - Math.exp(-(Math.pow(trueWear + runningHours / eta, 4.41)
                        - Math.pow(trueWear, 4.41)));
                points.add(new Point(trueWear, risk.lifeFraction(), risk.probability(), trueProbability));
            }
        }
        return points;
    }

    private static double error(final List<Point> points) {
        return mean(points, p -> Math.abs(p.readWear() - p.trueWear()));
    }

    private static double mean(final List<Point> points, final java.util.function.ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    @Test
    void anOldPressOnTwoShiftsIsReadByTheHoursItRan() {
        final FailureHazard hazard = MaintenanceAgent.Settings.defaults().hazard();
        final List<Point> old = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            final List<Point> points = run(seed, hazard);
            System.out.printf(Locale.ROOT, "seed %d: %d readings at true wear >= 0.55 in the second cycle: true %.3f "
                            + "read %.3f (mean error %.3f), P24 %.3f (true %.3f)%n", seed, points.size(),
                    mean(points, Point::trueWear), mean(points, Point::readWear), error(points),
                    mean(points, Point::probability), mean(points, Point::trueProbability));
            old.addAll(points);
        }
        System.out.printf(Locale.ROOT, "all (%d): true %.3f read %.3f (mean error %.3f), P24 %.3f (true %.3f)%n",
                old.size(), mean(old, Point::trueWear), mean(old, Point::readWear), error(old),
                mean(old, Point::probability), mean(old, Point::trueProbability));
        assertThat(old).hasSizeGreaterThan(100);
        // each reading close to the true wear: with the rate per calendar hour the cycle before, with a weekend
        // more or less in it, put the wear 0.04-0.09 off on some seeds (either way), 0.05 per reading on average
        assertThat(error(old)).as("old press on shifts: mean error of the wear read").isLessThan(0.035);
        assertThat(mean(old, Point::readWear)).as("old press on shifts: wear read")
                .isGreaterThan(mean(old, Point::trueWear) - 0.05);
        assertThat(mean(old, Point::probability)).as("old press on shifts: risk within 24 h")
                .isGreaterThan(0.8 * mean(old, Point::trueProbability));
    }
}
