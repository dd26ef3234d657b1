package io.twinloop.scheduling.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.scheduling.Corpus;
import io.twinloop.scheduling.jobshop.JobShop;

class StandardFormatTest {

    @TempDir
    Path dir;

    @Test
    void readsAJsplibFileWithComments() throws IOException {
        final JobShop shop = StandardFormat.read(write("tiny", """
                # a comment
                #+++
                2 2
                0 3 1 2
                1 2  0 4
                """));
        assertThat(shop.name()).isEqualTo("tiny");
        assertThat(shop.jobCount()).isEqualTo(2);
        assertThat(shop.machineCount()).isEqualTo(2);
        assertThat(shop.machine(2)).isEqualTo(1);
        assertThat(shop.duration(3)).isEqualTo(4);
        assertThat(shop.trivialLowerBound()).isEqualTo(7);
    }

    @Test
    void aTokenThatIsNoNumberNamesFileLineAndToken() throws IOException {
        final Path file = write("bad", "2 2\n0 3 1 2\n1 x 0 4\n");
        assertThatThrownBy(() -> StandardFormat.read(file))
                .isInstanceOf(InstanceFormatException.class)
                .hasMessage(file + ":3: 'x' (token 2 of job 1: 2 machine/duration pairs) is not an integer")
                .satisfies(e -> assertThat(((InstanceFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void wrongShapesAndRangesAreRefusedWithTheirLine() throws IOException {
        assertThatThrownBy(() -> StandardFormat.read(write("short", "2 2\n0 3 1 2\n1 2 0\n")))
                .hasMessageEndingWith(":3: expected 4 integers (job 1: 2 machine/duration pairs), found 3: '1 2 0'");
        assertThatThrownBy(() -> StandardFormat.read(write("machine", "2 2\n0 3 2 2\n1 2 0 4\n")))
                .hasMessageEndingWith(":2: job 0 operation 1: machine 2 outside 0..1");
        assertThatThrownBy(() -> StandardFormat.read(write("negative", "2 2\n0 3 1 -2\n1 2 0 4\n")))
                .hasMessageEndingWith(":2: job 0 operation 1: negative duration -2");
        assertThatThrownBy(() -> StandardFormat.read(write("early", "3 2\n0 3 1 2\n1 2 0 4\n")))
                .hasMessageEndingWith("early: the file ends where job 2 of 3 was expected");
        assertThatThrownBy(() -> StandardFormat.read(write("trailing", "1 1\n0 3\n0 4\n")))
                .hasMessageEndingWith(":3: unexpected content after the last job: '0 4'");
        assertThatThrownBy(() -> StandardFormat.read(write("empty", "# only a comment\n")))
                .hasMessageEndingWith("empty: the file ends where the size line 'jobs machines' was expected");
        assertThatThrownBy(() -> StandardFormat.read(dir.resolve("missing")))
                .hasMessageContaining("cannot read instance file");
    }

    @Test
    void theOrLibraryCollectionHoldsTheSameInstancesAsJsplib() {
        final Path root = Corpus.root();
        final Map<String, JobShop> library = StandardFormat.readLibrary(root.resolve("orlib/jobshop1.txt"));
        assertThat(library).containsKeys("ft06", "ft10", "la01", "la40");
        for (final String name : new String[] {"ft06", "la40"}) {
            final JobShop fromJsplib = StandardFormat.read(root.resolve("jsplib/instances").resolve(name));
            final JobShop fromLibrary = library.get(name);
            assertThat(fromLibrary.operationCount()).isEqualTo(fromJsplib.operationCount());
            for (int op = 0; op < fromJsplib.operationCount(); op++) {
                assertThat(fromLibrary.machine(op)).isEqualTo(fromJsplib.machine(op));
                assertThat(fromLibrary.duration(op)).isEqualTo(fromJsplib.duration(op));
            }
        }
        final JobShop ft06 = library.get("ft06");
        assertThat(ft06.machine(0)).isEqualTo(2);
        assertThat(ft06.duration(0)).isEqualTo(1);
    }

    @Test
    void aCollectionWithoutInstancesIsRefused() throws IOException {
        assertThatThrownBy(() -> StandardFormat.readLibrary(write("none", "2 2\n0 3 1 2\n1 2 0 4\n")))
                .hasMessageEndingWith("no 'instance NAME' line: not an OR-Library collection");
        assertThatThrownBy(() -> StandardFormat.readLibrary(write("cut", " instance x1\n +++\n some text\n 2 2\n0 1 1 1\n")))
                .hasMessageEndingWith("the file ends where job 1 of 2 was expected");
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
