package io.twinloop.optimizer.maintenance.cmapss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.optimizer.maintenance.SharedCorpus;
import io.twinloop.optimizer.maintenance.SignalHistory;

class CmapssFileTest {

    private static final String SENSORS = " 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47"
            + " 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190";

    @TempDir
    Path tmp;

    private static String row(final int unit, final int cycle) {
        return unit + " " + cycle + " -0.0007 -0.0004 100.0" + SENSORS + "  ";
    }

    private Path file(final String... lines) throws Exception {
        final Path file = tmp.resolve("data.txt");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void readsUnitsInOrderWithNamedSignals() throws Exception {
        final List<SignalHistory> units = CmapssFile.read(file(row(2, 1), row(2, 2), "", row(1, 1), row(1, 2),
                row(1, 3)));
        assertThat(units).extracting(SignalHistory::assetId).containsExactly("1", "2");
        assertThat(units.get(0).length()).isEqualTo(3);
        assertThat(units.get(0).signals()).hasSize(24).startsWith("setting1", "setting2", "setting3", "sensor1")
                .endsWith("sensor21");
        assertThat(units.get(1).value(1, units.get(1).signalIndex("sensor9"))).isEqualTo(9046.19);
    }

    @Test
    void aWrongColumnCountNamesFileAndLine() throws Exception {
        final Path file = file(row(1, 1), "1 2 0.1 0.2 100.0 518.67");
        assertThatThrownBy(() -> CmapssFile.read(file)).isInstanceOf(CmapssFormatException.class)
                .hasMessage(file + ":2: expected 26 space-separated columns (unit, cycle, 3 settings, 21 sensors), "
                        + "found 6");
    }

    @Test
    void aValueThatIsNotANumberNamesFileLineAndColumn() throws Exception {
        final Path file = file(row(1, 1), row(1, 2).replace("9046.19", "9046,19"));
        assertThatThrownBy(() -> CmapssFile.read(file)).isInstanceOfSatisfying(CmapssFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(14);
            assertThat(e).hasMessage(file + ":2:14: sensor9: '9046,19' is not a number");
        });
        final Path infinite = file(row(1, 1).replace("-0.0004", "Infinity"));
        assertThatThrownBy(() -> CmapssFile.read(infinite))
                .hasMessage(infinite + ":1:4: setting2: 'Infinity' is not a finite number");
        final Path fraction = file(row(1, 1).replaceFirst("^1 1 ", "1 1.5 "));
        assertThatThrownBy(() -> CmapssFile.read(fraction))
                .hasMessage(fraction + ":1:2: cycle: '1.5' is not a positive whole number");
    }

    @Test
    void cyclesOutOfOrderOrAUnitSplitInTwoAreRefused() throws Exception {
        final Path backwards = file(row(1, 1), row(1, 2), row(1, 2));
        assertThatThrownBy(() -> CmapssFile.read(backwards))
                .hasMessage(backwards + ":3:2: cycle 2 of unit 1 comes after cycle 2; cycles must increase");
        final Path split = file(row(1, 1), row(2, 1), row(1, 2));
        assertThatThrownBy(() -> CmapssFile.read(split))
                .hasMessage(split + ":3:1: unit 1 appears again after unit 2; a unit's lines must be consecutive");
        final Path empty = file("", "  ");
        assertThatThrownBy(() -> CmapssFile.read(empty)).hasMessage(empty + ": no data lines");
    }

    @Test
    void readsTheRealFd001Files() throws Exception {
        final List<SignalHistory> train = CmapssFile.read(SharedCorpus.cmapssTrainFd001());
        assertThat(train).hasSize(100);
        assertThat(train.stream().mapToInt(SignalHistory::length).sum()).isEqualTo(20_631);
        assertThat(train.get(0).lastCycle()).isEqualTo(192);
        final List<SignalHistory> test = CmapssFile.read(SharedCorpus.cmapssTestFd001());
        assertThat(test).hasSize(100);
        assertThat(test.stream().mapToInt(SignalHistory::length).min().orElseThrow()).isEqualTo(31);
    }
}
