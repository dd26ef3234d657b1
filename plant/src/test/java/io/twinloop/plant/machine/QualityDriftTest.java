package io.twinloop.plant.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinloop.plant.Plant;
import io.twinloop.plant.line.LineLayout;
import io.twinloop.plant.machine.CommandResult.Rejection.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CNC's measured dimension: drift, tool changes, the offset that corrects it, and scrap. Seeded throughout. */
class QualityDriftTest {

    /** Wears 0.2 µm per part, never changes its tool, no setup error: the drift alone. */
    private static final QualityProfile STEADY_WEAR = new QualityProfile(20, 4, 0.2, 100_000, 0, 0, -50, 50);

    private static Plant single(final long seed, final QualityProfile quality) {
        return Plant.builder().seed(seed).cncQuality(quality)
                .layout(LineLayout.builder().machine("m", MachineKind.CNC_MACHINING).build()).build();
    }

    private static MachineSnapshot machine(final Plant plant) {
        return plant.snapshot().machine("m").orElseThrow();
    }

    /** The deviation of each of the next {@code parts} parts (one nominal cycle of 90 s per part). */
    private static List<Double> measure(final Plant plant, final int parts) {
        final List<Double> deviations = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            final long before = machine(plant).partsProduced();
            plant.advance(Duration.ofSeconds(90));
            assertThat(machine(plant).partsProduced()).isEqualTo(before + 1);
            deviations.add(machine(plant).quality().orElseThrow().dimensionDeviationUm());
        }
        return deviations;
    }

    private static double mean(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static long scrap(final List<Double> deviations) {
        return deviations.stream().filter(d -> Math.abs(d) > 20).count();
    }

    @Test
    void onlyTheCncMeasuresAQualityCharacteristic() {
        final Plant plant = Plant.builder().seed(3).build();
        plant.advance(Duration.ofHours(2));
        assertThat(plant.snapshot().machines()).allSatisfy(m -> assertThat(m.quality().isPresent())
                .as(m.id()).isEqualTo(m.kind() == MachineKind.CNC_MACHINING));
        final QualityReading cnc = plant.snapshot().machine("cnc-1").orElseThrow().quality().orElseThrow();
        assertThat(cnc.toleranceUm()).isEqualTo(20);
        assertThat(cnc.offsetMinUm()).isEqualTo(-50);
        assertThat(cnc.offsetMaxUm()).isEqualTo(50);
        assertThat(cnc.toolOffsetUm()).isZero();
    }

    @Test
    void theDimensionDriftsWithToolWearAndTheOffsetCorrectsIt() {
        final Plant plant = single(5, STEADY_WEAR);
        final List<Double> first = measure(plant, 30);     // mean about 3 µm (0.2 µm × 15)
        final List<Double> worn = measure(plant, 70);      // parts 31..100: mean about 13 µm
        final List<Double> late = measure(plant, 30);      // parts 101..130: mean about 23 µm, half of it scrap
        assertThat(mean(first)).isCloseTo(3.1, within(2.5));
        assertThat(mean(late)).isCloseTo(23.1, within(2.5));
        assertThat(scrap(late)).isGreaterThan(8);
        assertThat(machine(plant).quality().orElseThrow().partsScrapped()).isEqualTo(
                scrap(first) + scrap(worn) + scrap(late));

        assertThat(plant.apply(new Command.SetToolOffset("m", -23)).isAccepted()).isTrue();
        final List<Double> corrected = measure(plant, 30); // parts 131..160: mean about 3 µm again
        assertThat(mean(corrected)).isCloseTo(29.1 - 23, within(2.5));
        assertThat(scrap(corrected)).isLessThan(scrap(late)).isLessThanOrEqualTo(2);
        assertThat(machine(plant).quality().orElseThrow().toolOffsetUm()).isEqualTo(-23);
    }

    @Test
    void aToolChangeIsAStepAndTheWearStartsAgain() {
        // a tool lasts exactly 100 parts, a new one sits up to a few µm off: the drift falls back at part 101
        final Plant plant = single(9, new QualityProfile(20, 1, 0.2, 100, 0, 2, -50, 50));
        final List<Double> deviations = measure(plant, 200);
        final double endOfFirstTool = mean(deviations.subList(90, 100));
        final double startOfSecond = mean(deviations.subList(100, 110));
        assertThat(endOfFirstTool - startOfSecond).isCloseTo(0.2 * 90, within(8.0));
        assertThat(mean(deviations.subList(190, 200)) - startOfSecond).isCloseTo(0.2 * 90, within(2.0));
    }

    @Test
    void leftAloneTheDefaultCncScrapsSomePartsAndTheSameSeedScrapsTheSame() {
        final Plant plant = Plant.builder().seed(17).build();
        plant.advance(Duration.ofHours(48));
        final MachineSnapshot cnc = plant.snapshot().machine("cnc-1").orElseThrow();
        final double rate = (double) cnc.quality().orElseThrow().partsScrapped() / cnc.partsProduced();
        assertThat(rate).as("scrap rate of a drifting, uncorrected CNC").isBetween(0.01, 0.4);

        final Plant again = Plant.builder().seed(17).build();
        again.advance(Duration.ofHours(48));
        assertThat(again.snapshot()).isEqualTo(plant.snapshot());
    }

    @Test
    void scrapIsMadeAgainSoItCostsGoodOutput() {
        final Plant scrapping = single(4, QualityProfile.cncDefault());
        final Plant good = single(4, QualityProfile.cncDefault());
        assertThat(scrapping.apply(new Command.SetToolOffset("m", 50)).isAccepted()).isTrue(); // 2.5 tolerances off
        scrapping.advance(Duration.ofHours(10));
        good.advance(Duration.ofHours(10));

        assertThat(machine(scrapping).partsProduced()).as("the machine works as fast").isEqualTo(400);
        assertThat(machine(scrapping).quality().orElseThrow().partsScrapped()).isGreaterThan(390);
        assertThat(machine(scrapping).jobsCompleted()).isZero();
        assertThat(machine(good).jobsCompleted()).isGreaterThan(20);
    }

    @Test
    void offsetsOutsideTheBoundsOrOnMachinesWithoutQualityAreRefused() {
        final Plant plant = Plant.builder().seed(1).build();
        final CommandResult tooFar = plant.apply(new Command.SetToolOffset("cnc-1", 60));
        assertThat(tooFar.rejection().orElseThrow().reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(tooFar.rejection().orElseThrow().message()).contains("60.0 µm", "-50.0..50.0", "cnc-1");
        assertThat(plant.apply(new Command.SetToolOffset("cnc-1", Double.NaN)).rejection().orElseThrow().reason())
                .isEqualTo(Reason.OUT_OF_RANGE);
        final CommandResult press = plant.apply(new Command.SetToolOffset("press-1", 5));
        assertThat(press.rejection().orElseThrow().reason()).isEqualTo(Reason.INVALID_ARGUMENT);
        assertThat(press.rejection().orElseThrow().message()).contains("press-1", "no tool offset");

        plant.apply(new Command.RequestMaintenance("cnc-1"));
        assertThat(plant.apply(new Command.SetToolOffset("cnc-1", -50)).isAccepted())
                .as("an offset may be set in maintenance").isTrue();
        assertThat(plant.snapshot().machine("cnc-1").orElseThrow().quality().orElseThrow().toolOffsetUm())
                .isEqualTo(-50);
    }
}
