package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.cli.bench.CorpusLocator;

/** {@code twinloop rul predict} and {@code rul evaluate} on synthetic C-MAPSS files and, when present, on FD001. */
class RulCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void predictWritesOneNumberPerTestUnitInUnitOrder() throws Exception {
        final Path train = write("train.txt", syntheticUnits(1, 12, false, 1));
        // Units 3, 1, 2 in the file: the answer is still in unit order 1, 2, 3.
        final List<String> test = syntheticUnits(1, 3, true, 2);
        final Path shuffled = write("test.txt", reverseUnitBlocks(test));
        final Path inOrder = write("test-in-order.txt", test);

        final CommandRun run = CommandRun.of("rul", "predict", "--train", train.toString(), "--test",
                shuffled.toString(), "--rounds", "40");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(TwinLoop.EXIT_OK);
        final List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3).allMatch(line -> line.matches("\\d+\\.\\d{2}"));
        assertThat(CommandRun.of("rul", "predict", "--train", train.toString(), "--test", inOrder.toString(),
                "--rounds", "40").out().lines().toList()).isEqualTo(lines);
        // Unit 1 was cut earliest in life, so it has the most life left.
        assertThat(Double.parseDouble(lines.get(0))).isGreaterThan(Double.parseDouble(lines.get(2)));
    }

    @Test
    void predictOnFd001WritesOneHundredLinesToTheOutFile() throws Exception {
        final Optional<Path> corpus = CorpusLocator.find("cmapss");
        assumeTrue(corpus.isPresent(), "shared corpus ../shared/corpus/cmapss not found: test skipped");
        final Path out = tmp.resolve("rul.txt");
        final CommandRun run = CommandRun.of("rul", "predict", "--train",
                corpus.get().resolve("train_FD001.txt").toString(), "--test",
                corpus.get().resolve("test_FD001.txt").toString(), "--out", out.toString(), "--rounds", "60");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(TwinLoop.EXIT_OK);
        assertThat(run.out()).isEmpty();
        final List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(100);
        assertThat(lines).allSatisfy(line -> assertThat(Double.parseDouble(line)).isBetween(0.0, 125.0));
    }

    @Test
    void aBadTestFileIsRefusedWithItsPlaceAndNothingIsWritten() throws Exception {
        final Path train = write("train.txt", syntheticUnits(1, 4, false, 1));
        final List<String> lines = new ArrayList<>(syntheticUnits(1, 2, true, 2));
        lines.set(4, lines.get(4).replaceFirst(" (\\S+)$", " n/a"));
        final Path test = write("test.txt", lines);
        final Path out = tmp.resolve("rul.txt");

        final CommandRun run = CommandRun.of("rul", "predict", "--train", train.toString(), "--test",
                test.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(run.err()).contains("error: " + test + ":5:26: sensor21: 'n/a' is not a number")
                .contains("nothing was written to " + out);
        assertThat(out).doesNotExist();

        final CommandRun usage = CommandRun.of("rul", "predict", "--train", train.toString(), "--test",
                test.toString(), "--rul-cap", "0");
        assertThat(usage.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(usage.err()).contains("rulCap must be at least 1 cycle, was 0");
    }

    @Test
    void evaluatePrintsRmseAndPhmScorePerSeedAndTheirSpread() throws Exception {
        final Path train = write("train.txt", syntheticUnits(1, 10, false, 3));
        final CommandRun run = CommandRun.of("rul", "evaluate", "--train", train.toString(), "--folds", "2",
                "--seeds", "1,2", "--rounds", "40");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(TwinLoop.EXIT_OK);
        assertThat(run.out()).contains("10 units, 2 folds by unit, seeds 1,2")
                .containsPattern("seed 1: RMSE \\d+\\.\\d\\d  PHM score \\d+")
                .containsPattern("seed 2: RMSE \\d+\\.\\d\\d  PHM score \\d+")
                .containsPattern("RMSE \\d+\\.\\d\\d ± \\d+\\.\\d\\d over 2 seeds")
                .contains("PHM score").contains("training:");
    }

    private Path write(final String name, final List<String> lines) throws Exception {
        final Path file = tmp.resolve(name);
        Files.write(file, lines);
        return file;
    }

    /**
     * Engines in C-MAPSS format whose sensors 2 and 11 drift with wear until failure at the last cycle (run to
     * failure) or, with {@code cut}, stop early: unit u is cut at a later point of its life the higher u is.
     */
    private static List<String> syntheticUnits(final int first, final int count, final boolean cut, final long seed) {
        final Random random = new Random(seed);
        final List<String> lines = new ArrayList<>();
        for (int unit = first; unit < first + count; unit++) {
            final int life = 150 + random.nextInt(100);
            final int observed = cut ? (int) (life * (0.2 + 0.6 * (unit - first) / Math.max(1, count - 1))) : life;
            for (int cycle = 1; cycle <= observed; cycle++) {
                final double wear = Math.pow((double) cycle / life, 2);
                final StringBuilder line = new StringBuilder().append(unit).append(' ').append(cycle)
                        .append(" 0.0001 0.0002 100.0");
                for (int sensor = 1; sensor <= 21; sensor++) {
                    final double value = switch (sensor) {
                        case 2 -> 642 + 2 * wear + 0.3 * random.nextGaussian();
                        case 11 -> 47.2 + 0.8 * wear + 0.1 * random.nextGaussian();
                        default -> 100 + sensor;
                    };
                    line.append(String.format(Locale.ROOT, " %.4f", value));
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static List<String> reverseUnitBlocks(final List<String> lines) {
        final Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (final String line : lines) {
            blocks.computeIfAbsent(line.substring(0, line.indexOf(' ')), unit -> new ArrayList<>()).add(line);
        }
        final List<List<String>> reversed = new ArrayList<>(blocks.values());
        Collections.reverse(reversed);
        return reversed.stream().flatMap(List::stream).toList();
    }
}
