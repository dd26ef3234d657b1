package io.twinloop.scheduling.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.scheduling.Corpus;

class CorpusMetadataTest {

    @TempDir
    Path dir;

    @Test
    void selectionsExpandRangesKeepingPaddingAndOrder() {
        assertThat(InstanceSelection.parse("ft10, la01-la03,ta09-ta10,la02"))
                .containsExactly("ft10", "la01", "la02", "la03", "ta09", "ta10");
        assertThat(InstanceSelection.family("la07")).isEqualTo("la");
        assertThatThrownBy(() -> InstanceSelection.parse("la05-la01")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> InstanceSelection.parse("la01-ta05")).hasMessageContaining("same prefix");
        assertThatThrownBy(() -> InstanceSelection.parse(" , ")).hasMessageContaining("no instance named");
    }

    @Test
    void bestKnownValuesComeFromOptimaCsv() {
        final JobShopCorpus corpus = Corpus.corpus();
        assertThat(corpus.bestKnown("ft06")).hasValueSatisfying(b -> {
            assertThat(b.makespan()).isEqualTo(55);
            assertThat(b.provenOptimal()).isTrue();
        });
        assertThat(corpus.bestKnown("ft10").orElseThrow().makespan()).isEqualTo(930);
        assertThat(corpus.bestKnown("ta01").orElseThrow().gapPercent(1243)).isCloseTo(0.975, org.assertj.core.data.Offset.offset(0.001));
        assertThat(corpus.load("la01").jobCount()).isEqualTo(10);
        assertThatThrownBy(() -> corpus.load("zz99")).hasMessageContaining("no instance 'zz99'");
    }

    @Test
    void aBadOptimaCsvNamesItsLine() throws IOException {
        final Path csv = Files.writeString(dir.resolve("optima.csv"),
                "instance,jobs,machines,optimum_or_best_known,lower_bound,source\nft06,6,6,55,55,x\nft10,10,ten,930,930,y\n");
        assertThatThrownBy(() -> BestKnown.readCsv(csv))
                .hasMessageStartingWith(csv + ":3: 'ten'");
        final Path header = Files.writeString(dir.resolve("other.csv"), "name,value\n");
        assertThatThrownBy(() -> BestKnown.readCsv(header)).hasMessageContaining(":1: expected the header");
        assertThatThrownBy(() -> JobShopCorpus.at(dir.resolve("nowhere"))).hasMessageContaining("is not a job-shop corpus");
    }
}
