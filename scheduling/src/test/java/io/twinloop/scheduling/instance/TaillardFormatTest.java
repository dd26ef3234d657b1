package io.twinloop.scheduling.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.scheduling.Corpus;
import io.twinloop.scheduling.jobshop.JobShop;

class TaillardFormatTest {

    private static final String TINY = """
            Nb of jobs, Nb of Machines, Time seed, Machine seed, Upper bound, Lower bound
                     2          2          1          2          9          7
            Times
              3  2
              2  4
            Machines
              1  2
              2  1
            """;

    @TempDir
    Path dir;

    @Test
    void readsTimesAndOneBasedMachines() throws IOException {
        final List<TaillardFormat.TaillardInstance> instances = TaillardFormat.read(write("t.txt", TINY + "\n" + TINY));
        assertThat(instances).hasSize(2);
        final JobShop shop = instances.get(1).shop();
        assertThat(shop.name()).isEqualTo("t.txt#2");
        assertThat(shop.machine(0)).isZero();
        assertThat(shop.machine(2)).isEqualTo(1);
        assertThat(shop.duration(3)).isEqualTo(4);
        assertThat(instances.get(0).upperBound()).isEqualTo(9);
        assertThat(instances.get(0).lowerBound()).isEqualTo(7);
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        final Path zeroMachine = write("zero.txt", TINY.replace("  1  2\n  2  1", "  0  2\n  2  1"));
        assertThatThrownBy(() -> TaillardFormat.read(zeroMachine))
                .isInstanceOf(InstanceFormatException.class)
                .hasMessage(zeroMachine + ":7: job 0 operation 0: machine 0 outside 1..2 (Taillard numbers machines from 1)");
        assertThatThrownBy(() -> TaillardFormat.read(write("keyword.txt", TINY.replace("Machines", "Machine list"))))
                .hasMessageEndingWith(":6: expected 'Machines', found 'Machine list'");
        assertThatThrownBy(() -> TaillardFormat.read(write("header.txt", "15 15\n")))
                .hasMessageEndingWith(":1: expected the header 'Nb of jobs, Nb of Machines, ...', found '15 15'");
        assertThatThrownBy(() -> TaillardFormat.read(write("times.txt", TINY.replace("  2  4\n", "  2\n"))))
                .hasMessageEndingWith(":5: expected 2 integers (durations of job 1), found 1: '2'");
    }

    @Test
    void taillardsFirstFileIsJsplibsTa01ToTa10() {
        final Path root = Corpus.root();
        final List<TaillardFormat.TaillardInstance> instances =
                TaillardFormat.read(root.resolve("weise/instance-data/taillard/tai015_15.txt"));
        assertThat(instances).hasSize(10);
        for (int i = 0; i < instances.size(); i++) {
            final JobShop original = instances.get(i).shop();
            final JobShop jsplib = StandardFormat.read(root.resolve("jsplib/instances/ta%02d".formatted(i + 1)));
            for (int op = 0; op < jsplib.operationCount(); op++) {
                assertThat(original.machine(op)).as("ta%02d op %d", i + 1, op).isEqualTo(jsplib.machine(op));
                assertThat(original.duration(op)).as("ta%02d op %d", i + 1, op).isEqualTo(jsplib.duration(op));
            }
        }
        assertThat(instances.get(0).upperBound()).isEqualTo(1231);
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
